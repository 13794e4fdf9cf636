// One provider's keys: state and why, rest and rate-limit countdowns, load, the last 24 hours, routing
// settings, secret hint, last use, and (for admins) the actions. A row opens the key's page.
import { html } from '../lib/html.js';
import { count } from '../lib/format.js';
import { link, navigate } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { Table } from './Table.js';
import { TimeAgo } from './Time.js';
import { KeyStatus, RateLimit } from './KeyStatus.js';
import { KeyActions } from './KeyActions.js';
import { insightColumns } from './KeyInsights.js';

/** "rate_limit 57, transient 3": a key's failed attempts by failure class. */
export const failureList = (a) => (a && a.failures.length ? a.failures.map((f) => `${f.failure_class.replace(/_/g, ' ')} ${f.count}`).join(', ') : '');

function Day({ s, a }) {
  if (s === undefined && a === undefined) return html`<span class="muted">…</span>`;
  const failed = a ? a.failed : 0;
  return html`<div class="day-figures">
    <div>${count(s ? s.requests : 0)} req · <span class=${s && s.errors ? 'bad-text' : ''}>${count(s ? s.errors : 0)} err</span></div>
    ${a ? html`<div class="muted" title=${failureList(a) || 'no failed attempts'}>
      <span class=${failed ? 'bad-text' : ''}>${count(failed)}</span> / ${count(a.attempts)} attempts failed</div>` : null}
  </div>`;
}

function Name({ k }) {
  return html`<div class="key-name">
    <span><a href=${link('provider-keys', k.id)}>${k.name}</a>${k.source === 'config' ? html` <span class="tag"
      title="Declared in keypool.yaml: edit or delete it there; enable and disable work here">file</span>` : null}</span>
    <div class="mono muted" title="Secret hint: secrets are write-only">${k.secret_hint}</div>
  </div>`;
}

function Use({ live }) {
  return html`<div class="key-use"><${TimeAgo} at=${live.last_used_at}/>
    <div class=${live.in_flight ? '' : 'muted'}>${count(live.in_flight || 0)} in flight</div></div>`;
}

function Routing({ k }) {
  return html`<div class="key-routing">
    <span title="Priority">p ${k.priority}</span> · <span title="Weight">w ${k.weight}</span>
    ${k.requests_per_minute ? html` · <span title="Requests per minute, our own cap">${count(k.requests_per_minute)}/min</span>` : null}
    ${k.tags.length ? html`<div class="tags">${k.tags.map((t) => html`<span class="tag">${t}</span>`)}</div>` : null}
  </div>`;
}

/**
 * props: keys (one provider's), stats (Map id -> 24 h figures, or undefined while loading), attempts (Map id ->
 * 24 h upstream attempts, or undefined), actions (from useKeyActions).
 */
export function KeyTable({ keys, stats, attempts, actions, provider }) {
  const { canWrite } = useSession();
  const dayOf = (k) => ({ s: stats ? stats.get(k.id) || null : undefined, a: attempts ? attempts.get(k.id) || null : undefined });
  const columns = [
    { key: 'name', label: 'Key', render: (k) => html`<${Name} k=${k}/>` },
    { key: 'state', label: 'State', render: (k) => html`<${KeyStatus} k=${k}/>` },
    { key: 'rate', label: 'Upstream rate limit', render: (k) => html`<${RateLimit} rl=${k.live && k.live.rate_limit}/>` },
    { key: 'day', label: 'Last 24 h', render: (k) => html`<${Day} ...${dayOf(k)}/>`,
      title: 'Requests answered with this key, errors among them, and every upstream try with it (failed over ones too)' },
    { key: 'routing', label: 'Routing', render: (k) => html`<${Routing} k=${k}/>` },
    { key: 'use', label: 'Last used', render: (k) => html`<${Use} live=${k.live || {}}/>` },
    ...insightColumns(keys),
  ];
  if (canWrite) columns.push({ key: 'actions', label: 'Actions', render: (k) => html`<${KeyActions} k=${k} actions=${actions}/>` });
  return html`<div class="key-table">
    <${Table} caption=${'Keys of ' + provider} rows=${keys} columns=${columns} onRow=${(k) => navigate(link('provider-keys', k.id))}
      rowClass=${(k) => 'key-' + (k.enabled ? (k.live ? k.live.state : 'healthy') : 'disabled')}
      empty="No keys for this provider yet."/>
  </div>`;
}

