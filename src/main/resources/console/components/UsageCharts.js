// One subject's usage over time (a gateway key's timeline): totals of the range, then requests, tokens
// and cost per bucket. The range is the last 24 hours by hour or the last 30 days by day.
import { html } from '../lib/html.js';
import { count, compactCount, usdFromNanos } from '../lib/format.js';
import { span } from './RangePicker.js';
import { StatCharts } from './StatCharts.js';

const RANGES = [['24h', '24 h by hour'], ['30d', '30 days by day']];

/** {from, to, bucket} of '24h' (hourly) or '30d' (daily). */
export function usageSpan(range) {
  const s = span(range === '30d' ? '30d' : '24h');
  return { from: s.from, to: s.to, bucket: range === '30d' ? 'day' : 'hour' };
}

export function UsageRange({ value, onChange }) {
  return html`<div class="segmented" role="group" aria-label="Usage range">
    ${RANGES.map(([id, label]) => html`<button type="button" class="small" aria-pressed=${value === id} onClick=${() => onChange(id)}>${label}</button>`)}
  </div>`;
}

const sum = (points, f) => points.reduce((a, p) => a + (f(p.stats) || 0), 0);

export function UsageCharts({ points }) {
  const total = (f) => sum(points, f);
  return html`<div>
    <div class="usage-totals">
      <span><strong>${count(total((s) => s.requests))}</strong> requests</span>
      <span><strong>${count(total((s) => s.errors))}</strong> errors</span>
      <span><strong>${compactCount(total((s) => s.input_tokens))}</strong> input tokens</span>
      <span><strong>${compactCount(total((s) => s.output_tokens))}</strong> output tokens</span>
      <span><strong>${usdFromNanos(total((s) => s.cost_nanos))}</strong> cost</span>
      <span><strong>${usdFromNanos(total((s) => s.charged_nanos))}</strong> charged</span>
    </div>
    <${StatCharts} points=${points} height=${180} charts=${['requests', 'tokens', 'cost']}/>
  </div>`;
}
