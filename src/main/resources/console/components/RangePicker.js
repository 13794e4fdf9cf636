// The time range of a statistics page: the last hour, 24 hours, 7 or 30 days, with a bucket size that
// keeps the charts readable.
import { html } from '../lib/html.js';

export const RANGES = {
  '1h': { label: 'Last hour', ms: 3_600_000, bucket: 'hour' },
  '24h': { label: '24 h', ms: 86_400_000, bucket: 'hour' },
  '7d': { label: '7 d', ms: 7 * 86_400_000, bucket: 'hour' },
  '30d': { label: '30 d', ms: 30 * 86_400_000, bucket: 'day' },
};

/** {from, to, bucket} of a range id, to the second. */
export function span(id, now = Date.now()) {
  const r = RANGES[id] || RANGES['24h'];
  const to = new Date(Math.ceil(now / 1000) * 1000);
  return { from: new Date(to.getTime() - r.ms).toISOString(), to: to.toISOString(), bucket: r.bucket };
}

export function RangePicker({ value, onChange }) {
  return html`<div class="segmented" role="group" aria-label="Time range">
    ${Object.entries(RANGES).map(([id, r]) => html`<button type="button" aria-pressed=${value === id}
      onClick=${() => onChange(id)}>${r.label}</button>`)}
  </div>`;
}
