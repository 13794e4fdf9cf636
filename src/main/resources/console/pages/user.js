// One user (#/users/<id>): facts, balance with top-up / deduct and the ledger, usage over a range, and
// the user's gateway keys. Deleting a user that still owns keys is refused: the page says why.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource, useStored } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { link, navigate } from '../lib/router.js';
import { count, compactCount, usdFromNanos, percent, duration } from '../lib/format.js';
import { Widget, Tile } from '../components/Widget.js';
import { Badge } from '../components/Badge.js';
import { TimeAgo } from '../components/Time.js';
import { ConfirmButton } from '../components/Dialog.js';
import { notify } from '../components/Toast.js';
import { RangePicker, span } from '../components/RangePicker.js';
import { LimitsSummary } from '../components/LimitsEditor.js';
import { OwnerName, useOwners } from '../components/Owners.js';
import { UserForm } from '../components/OwnerForms.js';
import { GroupName, useGroups } from '../components/UserGroups.js';
import { BalanceForm, Ledger } from '../components/Balance.js';
import { GatewayKeyTable } from '../components/GatewayKeyTable.js';

const LEDGER_PAGE = 20;

function Facts({ u, owners, groups }) {
  return html`<dl class="facts">
    <dt>Id</dt><dd class="mono">${u.id}</dd>
    <dt>Email</dt><dd>${u.email || html`<span class="muted">—</span>`}</dd>
    <dt>Org</dt><dd><${OwnerName} kind="orgs" id=${u.org_id} owners=${owners}/></dd>
    <dt>Group</dt><dd><${GroupName} id=${u.group} groups=${groups}/></dd>
    <dt>Status</dt><dd><${Badge} value=${u.status}/></dd>
    <dt>Prepaid</dt><dd>${u.prepaid ? 'yes' : 'no'}</dd>
    <dt>Limits</dt><dd><${LimitsSummary} limits=${u.limits}/></dd>
    <dt>Created</dt><dd><${TimeAgo} at=${u.created_at}/></dd>
    <dt>Updated</dt><dd><${TimeAgo} at=${u.updated_at}/></dd>
  </dl>`;
}

function UsageTiles({ s }) {
  return html`<div class="tiles">
    <${Tile} label="Requests" value=${count(s.requests)} hint=${count(s.errors) + ' errors'}/>
    <${Tile} label="Success rate" value=${percent(s.success_rate)}/>
    <${Tile} label="Input tokens" value=${compactCount(s.input_tokens)} title=${count(s.input_tokens)} hint=${compactCount(s.cache_read_tokens) + ' cached'}/>
    <${Tile} label="Output tokens" value=${compactCount(s.output_tokens)} title=${count(s.output_tokens)} hint=${compactCount(s.reasoning_tokens) + ' reasoning'}/>
    <${Tile} label="Cost" value=${usdFromNanos(s.cost_nanos)} hint=${'charged ' + usdFromNanos(s.charged_nanos)}/>
    <${Tile} label="Latency p50" value=${duration(s.p50_latency_ms)} hint=${'p95 ' + duration(s.p95_latency_ms)}/>
  </div>`;
}

export default function UserDetail({ id }) {
  const { canWrite } = useSession();
  const owners = useOwners(); // users too: its keys can be edited (and moved) here
  const groups = useGroups();
  const path = '/api/users/' + seg(id);
  const user = useResource(() => api.get(path), [id]);
  const [ledgerOffset, setLedgerOffset] = useState(0);
  const balance = useResource(() => api.get(path + '/balance', { limit: LEDGER_PAGE, offset: ledgerOffset }), [id, ledgerOffset]);
  const [range, setRange] = useStored('keypool.user.range', '30d');
  const usage = useResource(() => {
    const { from, to } = span(range);
    return api.get(path + '/usage', { from, to });
  }, [id, range], 60_000);
  const keys = useResource(() => api.get('/api/gateway-keys', { user_id: id }), [id]);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(null);

  const owned = (keys.data || []).length;
  const ownsKeys = (n) => `${user.data.name} still owns ${n} gateway key${n === 1 ? '' : 's'}.`;
  const remove = () => (owned > 0 ? Promise.resolve(setConflict(ownsKeys(owned))) : api.del(path).then(() => {
    notify(`User “${user.data.name}” deleted`);
    navigate(link('users'));
  }, (e) => (e.status === 409 ? setConflict(e.message) : notify(e.message, 'error'))));
  const changed = () => {
    user.reload();
    balance.reload();
  };
  const u = user.data;
  return html`<div class="page stack">
    <p class="crumbs"><a href=${link('users')}>Users</a> ›</p>
    <div class="page-head"><h1>${u ? u.name : id}</h1>
      ${u && canWrite ? html`<div class="row-actions">
        <button type="button" onClick=${() => setEditing(true)}>Edit</button>
        <${ConfirmButton} label="Delete" danger question=${`Delete user “${u.name}” and its ledger? This cannot be undone.`} onConfirm=${remove}/>
      </div>` : null}</div>
    ${conflict ? html`<div class="notice warn" role="alert"><strong>Not deleted.</strong> ${conflict + ' '}Its keys are listed under “Gateway keys” below: delete them or give them another owner, then delete the user.</div>` : null}
    <div class="grid">
      <${Widget} title="User" resource=${user}>${(x) => html`<${Facts} u=${x} owners=${owners} groups=${groups}/>`}</${Widget}>
      <${Widget} title="Balance" resource=${balance}>${(b) => html`<${BalanceForm} userId=${id} balance=${b} onChanged=${changed}/>`}</${Widget}>
    </div>
    <${Widget} title="Ledger" resource=${balance}>${(b) => html`<${Ledger} history=${b.history} onPage=${setLedgerOffset}/>`}</${Widget}>
    <${Widget} title="Usage" resource=${usage} actions=${html`<${RangePicker} value=${range} onChange=${setRange}/>`}
      empty=${(s) => !s.requests} emptyText="No requests by this user's keys in this range.">${(s) => html`<${UsageTiles} s=${s}/>`}</${Widget}>
    <${Widget} title="Gateway keys" resource=${keys} empty=${(k) => k.length === 0}
      emptyText="This user owns no gateway keys." actions=${html`<a href=${link('gateway-keys', { user_id: id })}>All keys page</a>`}>
      ${(k) => html`<${GatewayKeyTable} keys=${k} owners=${owners} onChanged=${() => { keys.reload(); setConflict(null); }} hideOwner/>`}</${Widget}>
    ${u ? html`<${UserForm} open=${editing} user=${u} orgOptions=${owners.orgOptions()}
      groupOptions=${groups.groupOptions('(no group)')} onClose=${() => setEditing(false)}
      onSaved=${() => { setEditing(false); notify(`User “${u.name}” saved`); changed(); }}/>` : null}
  </div>`;
}
