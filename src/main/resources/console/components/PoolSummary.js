// How many provider keys are healthy, cooling down, banned or disabled, per provider.
import { html } from '../lib/html.js';
import { Badge } from './Badge.js';
import { Table } from './Table.js';

const STATES = ['healthy', 'cooling_down', 'banned', 'probing', 'balance_exhausted', 'credential_expired', 'disabled'];

/** The state of a key as the pool sees it ('disabled' for a key turned off by an operator). */
export function keyState(key) {
  if (!key.enabled) return 'disabled';
  return key.live ? key.live.state : 'healthy';
}

export function PoolSummary({ keys }) {
  const total = Object.fromEntries(STATES.map((s) => [s, 0]));
  const byProvider = new Map();
  for (const k of keys) {
    const s = keyState(k);
    total[s] = (total[s] || 0) + 1;
    const row = byProvider.get(k.provider) || { id: k.provider, ...Object.fromEntries(STATES.map((x) => [x, 0])) };
    row[s] = (row[s] || 0) + 1;
    byProvider.set(k.provider, row);
  }
  return html`<div>
    <div class="pool-totals">${STATES.filter((s) => total[s] > 0 || s === 'healthy').map((s) => html`<span class="pool-total">
      <strong>${total[s]}</strong> <${Badge} value=${s}/></span>`)}</div>
    <${Table} caption="Keys by provider" rows=${[...byProvider.values()]} columns=${[
      { key: 'id', label: 'Provider', render: (r) => html`<a href=${'#/providers?provider=' + encodeURIComponent(r.id)}>${r.id}</a>` },
      ...STATES.map((s) => ({ key: s, label: s.replace(/_/g, ' '), align: 'right' }))]}/>
  </div>`;
}
