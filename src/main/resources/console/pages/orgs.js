// Orgs (U4): organizations with their status, limits and usage over a range (one statistics request
// for the whole table), paged; create, edit and delete (refused, and explained, while users or keys name it).
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource, useStored } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { link, navigate } from '../lib/router.js';
import { count, compactCount, usdFromNanos } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Badge } from '../components/Badge.js';
import { ConfirmButton } from '../components/Dialog.js';
import { Pager } from '../components/Pager.js';
import { notify } from '../components/Toast.js';
import { RangePicker, span } from '../components/RangePicker.js';
import { LimitsSummary } from '../components/LimitsEditor.js';
import { OrgForm } from '../components/OwnerForms.js';

const PAGE = 50;
const NO_STATS = { requests: 0, total_tokens: 0, cost_nanos: 0, charged_nanos: 0 };

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether users or keys still name the org (the gateway refuses the delete then): asked before deleting. */
async function members(org) {
  const [users, keys] = await Promise.all([api.get('/api/users', { org_id: org.id, limit: 1 }), api.get('/api/gateway-keys', { org_id: org.id })]);
  return users.total || keys.length ? `It still has ${plural(users.total, 'user')} and ${plural(keys.length, 'gateway key')}: move or delete them first.` : null;
}

function OrgActions({ org, onEdit, onChanged, onConflict }) {
  const remove = () => members(org)
    .then((why) => (why ? onConflict(org, why) : api.del('/api/orgs/' + seg(org.id)).then(() => {
      notify(`Org “${org.name}” deleted`);
      onChanged();
    })))
    .catch((e) => (e.status === 409 ? onConflict(org, e.message) : notify(e.message, 'error')));
  return html`<div class="row-actions">
    <button type="button" class="small" onClick=${() => onEdit(org)}>Edit</button>
    <${ConfirmButton} label="Delete" danger className="small" question=${`Delete org “${org.name}”?`} onConfirm=${remove}/>
  </div>`;
}

export default function Orgs({ query }) {
  const { canWrite } = useSession();
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const orgs = useResource(() => api.get('/api/orgs', { limit: PAGE, offset }), [offset]);
  const [range, setRange] = useStored('keypool.orgs.range', '30d');
  const usage = useResource(() => {
    const { from, to } = span(range);
    return api.get('/api/statistics/orgs', { from, to, limit: 1000 });
  }, [range], 60_000);
  const [editing, setEditing] = useState(undefined); // undefined: closed; null: new; an org: edit it
  const [conflict, setConflict] = useState(null);
  const stats = new Map((usage.data || []).map((r) => [r.id, r.stats]));
  const unowned = stats.get(null);
  const statOf = (o) => stats.get(o.id) || NO_STATS;
  const usageCell = (render) => (o) => (usage.error ? html`<span class="muted" title=${usage.error.message}>?</span>`
    : usage.data === undefined ? html`<span class="muted">…</span>` : render(statOf(o)));
  const saved = (o) => {
    notify(`Org “${o.name}” ${editing ? 'saved' : 'created'}`);
    setEditing(undefined);
    orgs.reload();
  };
  return html`<div class="page stack">
    <div class="page-head"><h1>Orgs</h1><${RangePicker} value=${range} onChange=${setRange}/>
      ${canWrite ? html`<button type="button" class="primary" onClick=${() => setEditing(null)}>New org</button>` : null}</div>
    ${conflict ? html`<div class="notice warn" role="alert"><strong>“${conflict.org.name}” was not deleted.</strong> ${conflict.message + ' '}See its${' '}<a
      href=${link('users', { org_id: conflict.org.id })}>users</a>${' and '}<a href=${link('gateway-keys', { org_id: conflict.org.id })}>gateway keys</a>.</div>` : null}
    ${usage.error ? html`<div class="state error small" role="alert">Usage could not be loaded: ${usage.error.message}
      <button type="button" class="link" onClick=${usage.reload}>Retry</button></div>` : null}
    <${Widget} resource=${orgs} empty=${(p) => p.data.length === 0} emptyText="No orgs yet: create one to group users and cap their spending.">
      ${(p) => html`<${Table} caption="Orgs" rows=${p.data} cards columns=${[
        { key: 'name', label: 'Name', render: (o) => html`<strong>${o.name}</strong><div class="mono muted">${o.id}</div>` },
        { key: 'status', label: 'Status', render: (o) => html`<${Badge} value=${o.status}/>` },
        { key: 'limits', label: 'Limits', render: (o) => html`<${LimitsSummary} limits=${o.limits}/>` },
        { key: 'requests', label: 'Requests', align: 'right', render: usageCell((s) => count(s.requests)) },
        { key: 'tokens', label: 'Tokens', align: 'right', render: usageCell((s) => html`<span title=${count(s.total_tokens)}>${compactCount(s.total_tokens)}</span>`) },
        { key: 'cost', label: 'Cost', align: 'right', render: usageCell((s) => usdFromNanos(s.cost_nanos)) },
        { key: 'charged', label: 'Charged', align: 'right', render: usageCell((s) => usdFromNanos(s.charged_nanos)) },
        { key: 'members', label: 'Members', render: (o) => html`<a href=${link('users', { org_id: o.id })}>users</a>${' · '}<a
          href=${link('gateway-keys', { org_id: o.id })}>keys</a>` },
        canWrite && { key: 'actions', label: 'Actions', render: (o) => html`<${OrgActions} org=${o} onEdit=${setEditing}
          onChanged=${() => { setConflict(null); orgs.reload(); }} onConflict=${(org, message) => setConflict({ org, message })}/>` },
      ].filter(Boolean)}/>
      <${Pager} total=${p.total} limit=${p.limit} offset=${p.offset} label="Pages of orgs"
        onChange=${(o) => navigate(link('orgs', { offset: o || '' }), { replace: true })}/>
      ${unowned && unowned.requests ? html`<p class="muted">Keys of no org: ${count(unowned.requests)} requests, ${usdFromNanos(unowned.cost_nanos)}
        in this range.</p>` : null}`}
    </${Widget}>
    <${OrgForm} open=${editing !== undefined} org=${editing || null} onClose=${() => setEditing(undefined)} onSaved=${saved}/>
  </div>`;
}
