// Overview (U2): traffic, tokens, cost and latency over a chosen range, the top models, providers and
// keys, errors by failure class and the pool's state. Each widget is one request, refreshed every 30 s.
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource, useStored } from '../lib/hooks.js';
import { count, compactCount, usdFromNanos, percent, duration } from '../lib/format.js';
import { link } from '../lib/router.js';
import { Widget, Tile } from '../components/Widget.js';
import { StatCharts } from '../components/StatCharts.js';
import { Ranking } from '../components/Ranking.js';
import { Table } from '../components/Table.js';
import { RangePicker, span } from '../components/RangePicker.js';
import { PoolSummary } from '../components/PoolSummary.js';

const REFRESH = 30_000;

function stat(path, range, extra) {
  return () => api.get('/api/statistics/' + path, { ...span(range), bucket: undefined, ...extra });
}

function Tiles({ s }) {
  return html`<div class="tiles">
    <${Tile} label="Requests" value=${count(s.requests)} hint=${count(s.errors) + ' errors'}/>
    <${Tile} label="Success rate" value=${percent(s.success_rate)} hint=${count(s.client_aborts) + ' client aborts'}/>
    <${Tile} label="Input tokens" value=${compactCount(s.input_tokens)} title=${count(s.input_tokens)}
      hint=${compactCount(s.cache_read_tokens) + ' cached'}/>
    <${Tile} label="Output tokens" value=${compactCount(s.output_tokens)} title=${count(s.output_tokens)}
      hint=${compactCount(s.reasoning_tokens) + ' reasoning'}/>
    <${Tile} label="Cost" value=${usdFromNanos(s.cost_nanos)} hint=${'charged ' + usdFromNanos(s.charged_nanos)}/>
    <${Tile} label="Latency p50 / p95" value=${duration(s.p50_latency_ms)} hint=${'p95 ' + duration(s.p95_latency_ms) + ' · p99 ' + duration(s.p99_latency_ms)}/>
    <${Tile} label="Time to first token" value=${duration(s.avg_ttft_ms)} hint="average of streams"/>
  </div>`;
}


export default function Overview() {
  const [range, setRange] = useStored('keypool.overview.range', '24h');
  const overview = useResource(stat('overview', range), [range], REFRESH);
  const timeline = useResource(() => api.get('/api/statistics/timeline', span(range)), [range], REFRESH);
  const models = useResource(stat('models', range, { limit: 5 }), [range], REFRESH);
  const providers = useResource(stat('providers', range, { limit: 5 }), [range], REFRESH);
  const providerKeys = useResource(stat('provider-keys', range, { limit: 5 }), [range], REFRESH);
  const gatewayKeys = useResource(stat('gateway-keys', range, { limit: 5 }), [range], REFRESH);
  const errors = useResource(stat('errors', range), [range], REFRESH);
  const pool = useResource(() => api.get('/api/provider-keys'), [], REFRESH);
  const keyName = (id) => {
    if (!id) return html`<span class="muted">(no key: refused before a key was chosen)</span>`;
    const k = pool.data && pool.data.find((x) => x.id === id);
    return html`<a href=${link('provider-keys', id)}>${k ? k.name : id}</a>`;
  };
  const noRows = (rows) => !rows || rows.length === 0;
  return html`<div class="page stack">
    <div class="page-head"><h1>Overview</h1><${RangePicker} value=${range} onChange=${setRange}/></div>
    <${Widget} resource=${overview}>${(s) => html`<${Tiles} s=${s}/>`}</${Widget}>
    <${Widget} title="Over time" resource=${timeline} wide empty=${(points) => !points.some((p) => p.stats.requests > 0)}
      emptyText="No traffic in this range yet: send a request through the proxy port and it shows here.">${(points) => html`<${StatCharts} points=${points} charts=${['requests', 'tokens', 'cost', 'latency']}/>`}</${Widget}>
    <div class="grid">
      <${Widget} title="Pool" resource=${pool} empty=${noRows} emptyText="No provider keys yet: add some under Providers & keys.">
        ${(keys) => html`<${PoolSummary} keys=${keys}/>`}</${Widget}>
      <${Widget} title="Errors by failure class" resource=${errors} empty=${(e) => !e || e.total === 0} emptyText="No errors in this range.">
        ${(e) => html`<${Table} caption="Errors by failure class" rows=${e.by_class} rowKey=${(r) => r.error_class} columns=${[
          { key: 'error_class', label: 'Failure class', render: (r) => r.error_class.replace(/_/g, ' ') },
          { key: 'count', label: 'Requests', align: 'right', render: (r) => count(r.count) }]}/>`}</${Widget}>
      <${Widget} title="Top models" resource=${models} empty=${noRows} emptyText="No traffic in this range.">
        ${(rows) => html`<${Ranking} caption="Top models" rows=${rows}/>`}</${Widget}>
      <${Widget} title="Top providers" resource=${providers} empty=${noRows} emptyText="No traffic in this range.">
        ${(rows) => html`<${Ranking} caption="Top providers" rows=${rows}/>`}</${Widget}>
      <${Widget} title="Top provider keys" resource=${providerKeys} empty=${noRows} emptyText="No traffic in this range.">
        ${(rows) => html`<${Ranking} caption="Top provider keys" rows=${rows} name=${(r) => keyName(r.id)}/>`}</${Widget}>
      <${Widget} title="Top gateway keys" resource=${gatewayKeys} empty=${noRows} emptyText="No traffic in this range.">
        ${(rows) => html`<${Ranking} caption="Top gateway keys" rows=${rows}
          name=${(r) => (r.id ? html`<a href=${link('gateway-keys', r.id)}>${r.id}</a>` : html`<span class="muted">(none)</span>`)}/>`}</${Widget}>
    </div>
  </div>`;
}
