// A request's upstream tries in order: which key was tried, what it answered, why it failed, how long it took.
import { html } from '../lib/html.js';
import { link } from '../lib/router.js';
import { count, duration, exactTime } from '../lib/format.js';
import { Table } from './Table.js';

/** props: attempts (the record's attempts), keyName (id => name or undefined). */
export function AttemptList({ attempts, keyName = () => undefined }) {
  const tone = (s) => (s == null ? 'muted' : s >= 500 ? 'bad' : s >= 400 ? 'warn' : 'ok');
  return html`<${Table} caption="Upstream attempts" rows=${attempts} rowKey=${(a) => a.attempt_no} className="cards"
    empty="No upstream attempt: the gateway answered this request itself." columns=${[
    { key: 'attempt_no', label: '#', render: (a) => html`<span title=${'started ' + exactTime(a.started_at)}>${a.attempt_no}</span>` },
    { key: 'key', label: 'Provider / key', render: (a) => html`<span>${a.provider_id || '—'}<span class="muted"> / </span>${a.provider_key_id
      ? html`<a href=${link('provider-keys', a.provider_key_id)}>${keyName(a.provider_key_id) || a.provider_key_id}</a>` : '—'}</span>` },
    { key: 'upstream_model', label: 'Upstream model', render: (a) => a.upstream_model || '—' },
    { key: 'status', label: 'Status', render: (a) => html`<span class=${'status-code ' + tone(a.status)}>${a.status ?? '—'}</span>` },
    { key: 'failure_class', label: 'Failure class', render: (a) => (a.failure_class ? a.failure_class.replace(/_/g, ' ') : html`<span class="muted">—</span>`) },
    { key: 'latency', label: 'Latency', align: 'right', render: (a) => duration(a.latency_millis) },
    { key: 'bytes', label: 'Bytes', align: 'right', render: (a) => count(a.bytes) },
    { key: 'message', label: 'Error', render: (a) => (a.message ? html`<span class="error-text">${a.message}</span>` : html`<span class="muted">—</span>`) },
  ]}/>`;
}
