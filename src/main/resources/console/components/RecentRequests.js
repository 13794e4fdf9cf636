// The latest request records of one key or user, each linking to its page in the request log.
import { html } from '../lib/html.js';
import { count, usdFromNanos, duration } from '../lib/format.js';
import { link, navigate } from '../lib/router.js';
import { Table } from './Table.js';
import { Badge } from './Badge.js';
import { TimeAgo } from './Time.js';

/** props: items (records of GET /api/requests). */
export function RecentRequests({ items }) {
  return html`<${Table} caption="Recent requests" rows=${items} cards onRow=${(r) => navigate(link('requests', r.id))} columns=${[
    { key: 'started_at', label: 'When', render: (r) => html`<a href=${link('requests', r.id)}><${TimeAgo} at=${r.started_at}/></a>` },
    { key: 'model', label: 'Model', render: (r) => r.model_requested || html`<span class="muted">—</span>` },
    { key: 'outcome', label: 'Outcome', render: (r) => html`<${Badge} value=${r.outcome} title=${r.error_message || undefined}/> <span class="muted">${r.status}</span>` },
    { key: 'tokens', label: 'Tokens in / out', align: 'right', render: (r) => `${count(r.input_tokens)} / ${count(r.output_tokens)}` },
    { key: 'cost', label: 'Cost', align: 'right', render: (r) => usdFromNanos(r.cost_nanos) },
    { key: 'latency', label: 'Latency', align: 'right', render: (r) => duration(r.latency_millis) },
  ]}/>`;
}
