// Request records as table rows, shared by the request log and the live view. Rows are keyed by request
// id and only re-render when their record or the key names change, so a live table of 2,000 rows takes a
// new record without redrawing the others.
import { Component } from 'preact';
import { useMemo } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { count, duration, usdFromNanos, exactTime } from '../lib/format.js';
import { Badge } from './Badge.js';
import { TimeAgo } from './Time.js';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The provider and gateway keys, loaded once, for names in place of ids and for the filters' choices:
 * {providerKeys, gatewayKeys (resources), names: {provider: Map, gateway: Map}}.
 */
export function useKeyNames() {
  const providerKeys = useResource(() => api.get('/api/provider-keys'), []);
  const gatewayKeys = useResource(() => api.get('/api/gateway-keys'), []);
  // One object per answer: rows compare it to know whether to redraw.
  const names = useMemo(() => ({
    provider: new Map((providerKeys.data || []).map((k) => [k.id, k.name])),
    gateway: new Map((gatewayKeys.data || []).map((k) => [k.id, k.name])),
  }), [providerKeys.data, gatewayKeys.data]);
  return { providerKeys, gatewayKeys, names };
}

/** The outcomes a record can have, as filter choices. */
export const OUTCOMES = [['success', 'success'], ['error', 'error'], ['client_abort', 'client abort']];

/** All input tokens of a record: uncached, cache reads and cache writes. */
export const inputTotal = (r) => (r.input_tokens || 0) + (r.cache_read_tokens || 0) + (r.cache_write_tokens || 0);

/** "gpt-4o" or "sonnet → claude-sonnet-4-5" when the upstream model differs from the one asked for. */
export function ModelName({ r }) {
  const served = r.model_served && r.model_served !== r.model_requested ? r.model_served : null;
  return html`<span class="model" title=${'requested ' + (r.model_requested || '—') + (r.model_served ? ', served ' + r.model_served : '')}>
    ${r.model_requested || html`<span class="muted">—</span>`}${served ? html` <span class="muted">→</span> ${served}` : null}</span>`;
}

/** The status the client got and the outcome, e.g. "429 error". */
export function StatusOutcome({ r }) {
  const tone = r.status >= 500 ? 'bad' : r.status >= 400 ? 'warn' : 'ok';
  return html`<span class="status-outcome"><span class=${'status-code ' + tone}>${r.status ?? '—'}</span>
    <${Badge} value=${r.outcome} title=${r.error_class ? r.error_class.replace(/_/g, ' ') + (r.error_message ? ': ' + r.error_message : '') : undefined}/></span>`;
}

const COLUMNS = [
  { label: 'Time' },
  { label: 'Model' },
  { label: 'Provider / key' },
  { label: 'Gateway key', optional: true },
  { label: 'Status' },
  { label: 'Tokens in / out', num: true },
  { label: 'Cost', num: true },
  { label: 'Latency', num: true },
  { label: 'TTFT', num: true, title: 'Time to first token', optional: true },
];

class RequestRow extends Component {
  shouldComponentUpdate(next) {
    return next.r !== this.props.r || next.names !== this.props.names || next.onOpen !== this.props.onOpen;
  }

  render({ r, names, live, onOpen }) {
    const open = (e) => {
      if (e.type === 'keydown' && e.key !== 'Enter') return;
      onOpen(r);
    };
    const keyName = r.provider_key_id ? names.provider.get(r.provider_key_id) || r.provider_key_id : null;
    const cells = [
      live ? html`<time datetime=${r.started_at} title=${exactTime(r.started_at)}>${clock.format(new Date(r.started_at))}</time>`
        : html`<${TimeAgo} at=${r.started_at}/>`,
      html`<${ModelName} r=${r}/>`,
      r.provider_id ? html`<span>${r.provider_id}<span class="muted"> / </span>${keyName || html`<span class="muted">—</span>`}</span>`
        : html`<span class="muted">—</span>`,
      r.gateway_key_id ? names.gateway.get(r.gateway_key_id) || r.gateway_key_id : html`<span class="muted">—</span>`,
      html`<${StatusOutcome} r=${r}/>`,
      html`<span title=${`in: ${count(r.input_tokens)} uncached, ${count(r.cache_read_tokens)} cache read, ${count(r.cache_write_tokens)} cache write`}>
        ${count(inputTotal(r))} / ${count(r.output_tokens)}${r.usage_source === 'estimated' ? html`<abbr class="est" title="estimated">~</abbr>` : null}</span>`,
      usdFromNanos(r.cost_nanos),
      duration(r.latency_millis),
      duration(r.ttft_millis),
    ];
    return html`<tr class=${'clickable' + (live ? ' fresh' : '')} tabindex="0" onClick=${open} onKeyDown=${open} title=${r.id}>
      ${cells.map((c, i) => html`<td class=${(COLUMNS[i].num ? 'num' : '') + (COLUMNS[i].optional ? ' optional' : '')}
        data-label=${COLUMNS[i].label}>${c}</td>`)}
    </tr>`;
  }
}

/** props: rows (request records), names (from useKeyNames), onOpen (record => void, kept stable with useCallback), live (clock times, highlight new rows). */
export function RequestTable({ rows, names, onOpen, live = false, caption = 'Requests' }) {
  return html`<div class="table-wrap"><table class="cards requests">
    <caption class="sr-only">${caption}</caption>
    <thead><tr>${COLUMNS.map((c) => html`<th scope="col" class=${(c.num ? 'num' : '') + (c.optional ? ' optional' : '')} title=${c.title}>${c.label}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<${RequestRow} key=${r.id} r=${r} names=${names} live=${live} onOpen=${onOpen}/>`)}</tbody>
  </table></div>`;
}
