// Charts of statistics points ({start, stats}: a timeline, a key's trends), chosen by name, so every page
// draws requests, tokens, cost and latency the same way.
import { html } from '../lib/html.js';
import { compactCount, usdFromNanos, usdAxis, duration } from '../lib/format.js';
import { Chart } from './Chart.js';

const CHARTS = {
  requests: { title: 'Requests', y: compactCount, series: [
    { label: 'Requests', f: (s) => s.requests, fill: true }, { label: 'Errors', f: (s) => s.errors }] },
  outcomes: { title: 'Requests', y: compactCount, series: [
    { label: 'Requests', f: (s) => s.requests, fill: true }, { label: 'Successes', f: (s) => s.successes }] },
  errors: { title: 'Errors', y: compactCount, series: [
    { label: 'Errors', f: (s) => s.errors, fill: true }, { label: 'Client aborts', f: (s) => s.client_aborts }] },
  tokens: { title: 'Tokens', y: compactCount, series: [
    { label: 'Input', f: (s) => s.input_tokens }, { label: 'Output', f: (s) => s.output_tokens },
    { label: 'Cached', f: (s) => s.cache_read_tokens }, { label: 'Reasoning', f: (s) => s.reasoning_tokens }] },
  cost: { title: 'Cost', y: usdAxis, series: [
    { label: 'Cost', f: (s) => s.cost_nanos, fill: true, format: usdFromNanos },
    { label: 'Charged', f: (s) => s.charged_nanos, format: usdFromNanos }] },
  latency: { title: 'Latency', y: duration, series: [
    { label: 'p50', f: (s) => s.p50_latency_ms }, { label: 'p95', f: (s) => s.p95_latency_ms },
    { label: 'p99', f: (s) => s.p99_latency_ms }, { label: 'First token', f: (s) => s.avg_ttft_ms }] },
};

/** props: points ([{start, stats}]), charts (names from CHARTS, in order), height. */
export function StatCharts({ points, charts, height = 220 }) {
  const x = points.map((p) => Date.parse(p.start) / 1000);
  return html`<div class="grid">${charts.map((name) => {
    const c = CHARTS[name];
    return html`<div key=${name}><h3 class="chart-title">${c.title}</h3><${Chart} x=${x} height=${height} yFormat=${c.y}
      series=${c.series.map((s) => ({ label: s.label, values: points.map((p) => s.f(p.stats)), fill: s.fill, format: s.format }))}/></div>`;
  })}</div>`;
}
