// "Top N" lists of the statistics API: one row per model, provider or key, with its requests, tokens and cost.
import { html } from '../lib/html.js';
import { Table } from './Table.js';
import { count, usdFromNanos, percent } from '../lib/format.js';

/** props: rows ([{id, stats}]), name (row => label element), caption. */
export function Ranking({ rows, name = (r) => r.id ?? html`<span class="muted">(none)</span>`, caption }) {
  return html`<${Table} caption=${caption} rows=${rows} rowKey=${(r) => r.id ?? '-'} columns=${[
    { key: 'id', label: 'Name', render: name },
    { key: 'requests', label: 'Requests', align: 'right', render: (r) => count(r.stats.requests) },
    { key: 'success', label: 'Success', align: 'right', render: (r) => percent(r.stats.success_rate) },
    { key: 'tokens', label: 'Tokens', align: 'right', render: (r) => count(r.stats.total_tokens) },
    { key: 'cost', label: 'Cost', align: 'right', render: (r) => usdFromNanos(r.stats.cost_nanos) },
  ]}/>`;
}
