// One request record (#/requests/<id>): what was asked and served, by which keys, the upstream attempts,
// tokens by kind and where they came from, cost and charge, timing and the client. Opened from the log
// (which passes its filters along, so "back" returns to the same filtered view) or the live view.
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { link } from '../lib/router.js';
import { count, duration, usdFromNanos, exactTime } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { TimeAgo } from '../components/Time.js';
import { AttemptList } from '../components/AttemptList.js';
import { StatusOutcome, inputTotal, useKeyNames } from '../components/RequestRow.js';

const none = html`<span class="muted">—</span>`;

const USAGE = {
  provider: ['the provider\'s own figures', 'ok'],
  estimated: ['counted by Keypool\'s tokenizer: the provider sent no figures', 'warn'],
  none: ['nothing was served', 'muted'],
};

/** A definition list of [label, value] pairs; pairs whose value is undefined are left out. */
function Facts({ rows }) {
  return html`<dl class="facts">${rows.filter(([, v]) => v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${v ?? none}</dd>`)}</dl>`;
}

const idLink = (page, id, name) => (id ? html`<a href=${link(page, id)}>${name || id}</a>` : null);

function Summary({ r, names }) {
  return html`<${Facts} rows=${[
    ['Request id', html`<code>${r.id}</code>`],
    ['Started', html`${exactTime(r.started_at)} <span class="muted">(<${TimeAgo} at=${r.started_at}/>)</span>`],
    ['Finished', r.finished_at ? exactTime(r.finished_at) : null],
    ['Status', html`<${StatusOutcome} r=${r}/>`],
    ['Failure class', r.error_class ? r.error_class.replace(/_/g, ' ') : null],
    ['Error', r.error_message ? html`<span class="error-text">${r.error_message}</span>` : null],
    ['Endpoint', html`<code>${r.endpoint}</code> <span class="muted">${r.client_format} format${r.stream ? ', streamed' : ''}</span>`],
    ['Model requested', r.model_requested],
    ['Route', r.route_id],
    ['Model served', r.model_served],
    ['Provider', r.provider_id],
    ['Provider key', idLink('provider-keys', r.provider_key_id, names.provider.get(r.provider_key_id))],
    ['Gateway key', idLink('gateway-keys', r.gateway_key_id, names.gateway.get(r.gateway_key_id))],
    ['User', idLink('users', r.user_id)],
    ['Org', idLink('orgs', r.org_id)],
  ]}/>`;
}

function Tokens({ r }) {
  const [text, tone] = USAGE[r.usage_source] || [r.usage_source, 'muted'];
  return html`<${Facts} rows=${[
    ['Input (uncached)', count(r.input_tokens)],
    ['Cache read', count(r.cache_read_tokens)],
    ['Cache write', count(r.cache_write_tokens)],
    ['Output', count(r.output_tokens)],
    ['Reasoning', html`${count(r.reasoning_tokens)} <span class="muted">(part of the output)</span>`],
    ['Total', html`<strong>${count(inputTotal(r) + (r.output_tokens || 0))}</strong>`],
    ['Usage figures', html`<span class=${'badge ' + tone}>${r.usage_source}</span> <span class="muted">${text}</span>`],
  ]}/>`;
}

function CostAndTime({ r }) {
  const overheadMs = r.overhead_micros == null ? null : r.overhead_micros / 1000;
  return html`<${Facts} rows=${[
    ['Cost (upstream)', usdFromNanos(r.cost_nanos)],
    ['Charged', r.sell_multiplier == null ? usdFromNanos(r.charged_nanos)
      : html`${usdFromNanos(r.charged_nanos)} <span class="muted">(cost ×${r.sell_multiplier})</span>`],
    ['Latency', duration(r.latency_millis)],
    ['Time to first token', r.ttft_millis == null ? null : duration(r.ttft_millis)],
    ['Gateway overhead', overheadMs == null ? null : (overheadMs < 1 ? overheadMs.toFixed(2) + ' ms' : duration(overheadMs))],
    ['Upstream time', !r.attempts || r.attempts.length === 0 || r.latency_millis == null || overheadMs == null ? undefined
      : duration(Math.max(0, r.latency_millis - overheadMs))],
  ]}/>`;
}

function Client({ r }) {
  return html`<${Facts} rows=${[
    ['Address', r.client_ip ? html`<code>${r.client_ip}</code>` : null],
    ['User agent', r.user_agent ? html`<code>${r.user_agent}</code>` : null],
  ]}/>`;
}

export function RequestDetail({ id, query }) {
  const record = useResource(() => api.get('/api/requests/' + seg(id)), [id]);
  const { names } = useKeyNames();
  const back = link('requests', Object.fromEntries(query));
  const r = record.data;
  return html`<div class="page stack">
    <div class="page-head">
      <h1>Request <code class="req-id">${id}</code></h1>
      <a class="button" href=${back}>← Request log</a>
    </div>
    ${record.error && !r ? html`<${Widget} resource=${record}>${() => null}</${Widget}>` : null}
    ${!r && !record.error ? html`<div class="state loading" role="status">Loading…</div>` : null}
    ${r ? html`<div class="detail-grid">
      <${Widget} title="Request" resource=${record}>${(x) => html`<${Summary} r=${x} names=${names}/>`}</${Widget}>
      <div class="stack">
        <${Widget} title="Tokens" resource=${record}>${(x) => html`<${Tokens} r=${x}/>`}</${Widget}>
        <${Widget} title="Cost and timing" resource=${record}>${(x) => html`<${CostAndTime} r=${x}/>`}</${Widget}>
        <${Widget} title="Client" resource=${record}>${(x) => html`<${Client} r=${x}/>`}</${Widget}>
      </div>
      <${Widget} title=${`Upstream attempts (${r.attempts ? r.attempts.length : 0})`} resource=${record} wide>
        ${(x) => html`<${AttemptList} attempts=${x.attempts || []} keyName=${(k) => names.provider.get(k)}/>`}</${Widget}>
    </div>` : null}
  </div>`;
}
