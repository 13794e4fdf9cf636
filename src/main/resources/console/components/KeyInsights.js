// What the key pool knows about each key's care: its balance (components/KeyBalance.js), its health score (from recent requests and health
// checks) and its score per model it served recently, its last health check and, for admins, a "Check now" button. The key table gets a column, the
// key page a box with the score's parts and the recent checks.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { duration, percent, exactTime } from '../lib/format.js';
import { useSession } from '../lib/session.js';
import { Widget } from './Widget.js';
import { Table } from './Table.js';
import { TimeAgo } from './Time.js';
import { Badge } from './Badge.js';
import { notify } from './Toast.js';
import { KeyBalance, balanceColumn } from './KeyBalance.js';

const CHECKS_REFRESH = 30_000;

/** 'ok' from 0.8, 'warn' from 0.4, else 'bad': the tone of a health score. */
const tone = (score) => (score >= 0.8 ? 'ok' : score >= 0.4 ? 'warn' : 'bad');
const words = (s) => (s ? s.replace(/_/g, ' ') : s);

/** The score as a coloured percentage, its parts on hover. */
export function HealthScore({ health }) {
  if (!health) return html`<span class="muted">—</span>`;
  const parts = [`success rate ${percent(health.success_rate)} of ${health.outcomes} recent outcomes`,
    health.latency_ms == null ? 'latency not measured yet' : `latency ${duration(health.latency_ms)}`
      + (health.latency_factor < 1 ? ` (slower than the provider's fastest key: x${health.latency_factor})` : ''),
    health.last_failure ? `last failure: ${words(health.last_failure)}` : null].filter(Boolean).join('; ');
  return html`<span class=${'health-score ' + tone(health.score)} title=${parts}>${percent(health.score)}</span>`;
}

/** "ok 212 ms, 3 min ago" or "credential (401), 3 min ago". */
function LastCheck({ check }) {
  if (!check) return html`<span class="muted">never checked</span>`;
  return html`<span class="last-check" title=${check.message || undefined}>
    <${Badge} value=${check.ok ? 'ok' : 'failed'}/> ${check.ok ? duration(check.latency_ms)
      : `${words(check.failure)}${check.status ? ' (' + check.status + ')' : ''}`}
    <span class="muted last-check-when"> · <${TimeAgo} at=${check.checked_at}/></span></span>`;
}

/** "Check now" for admins: runs a health check of the key and says how it went. */
export function CheckNow({ k, onChecked, small = true }) {
  const { canWrite } = useSession();
  const [busy, setBusy] = useState(false);
  if (!canWrite || !k.enabled) return null;
  const check = () => {
    setBusy(true);
    api.post('/api/provider-keys/' + seg(k.id) + '/check').then((r) => {
      notify(r.ok ? `Key “${k.name}” answered in ${duration(r.latency_ms)}`
        : `Key “${k.name}” failed its check: ${r.message || words(r.failure)}`, r.ok ? undefined : 'error');
      if (onChecked) onChecked(r);
    }, (e) => notify(e.message, 'error')).finally(() => setBusy(false));
  };
  return html`<button type="button" class=${small ? 'small' : ''} disabled=${busy} onClick=${check}
    title="Ask the upstream something cheap with this key now; the answer counts for the key like a request's">
    ${busy ? 'Checking…' : 'Check now'}</button>`;
}

function HealthCell({ k }) {
  const live = k.live || {};
  return html`<div class="key-health">
    <div><${HealthScore} health=${live.health}/></div>
    <div class="muted"><${LastCheck} check=${k.last_check}/></div>
    <${CheckNow} k=${k}/>
  </div>`;
}

const healthColumn =
  { key: 'health', label: 'Health', render: (k) => html`<${HealthCell} k=${k}/>`,
    title: 'Health score from recent requests and health checks (hover for its parts), and the last health check' };

/**
 * Extra columns of the key table (same shape as Table's columns): the balance, only when some of
 * these keys has one (a provider whose balance cannot be read would show a column of dashes), then
 * the health score and last check.
 */
export function insightColumns(keys) {
  return keys.some((k) => k.balance) ? [balanceColumn, healthColumn] : [healthColumn];
}

const checkColumns = [
  { key: 'checked_at', label: 'When', render: (c) => html`<time datetime=${c.checked_at} title=${exactTime(c.checked_at)}><${TimeAgo} at=${c.checked_at}/></time>` },
  { key: 'result', label: 'Result', render: (c) => html`<${Badge} value=${c.ok ? 'ok' : 'failed'}/> ${c.ok ? '' : words(c.failure)}` },
  { key: 'status', label: 'Status', align: 'right', render: (c) => (c.status ? c.status : '—') },
  { key: 'latency', label: 'Latency', align: 'right', render: (c) => duration(c.latency_ms) },
  { key: 'by', label: 'By', render: (c) => `${c.triggered_by}, ${c.probe}` },
  { key: 'message', label: 'Message', render: (c) => html`<span class="check-message">${c.message || ''}</span>` },
];

const modelColumns = [
  { key: 'model', label: 'Upstream model', render: (m) => m.model },
  { key: 'score', label: 'Score', render: (m) => html`<${HealthScore} health=${m.health}/>` },
  { key: 'success', label: 'Success rate', align: 'right', render: (m) => `${percent(m.health.success_rate)} of ${m.health.outcomes}` },
  { key: 'failure', label: 'Last failure', render: (m) => words(m.health.last_failure) || '—' },
];

/** The key page's boxes: its balance, then its health score and parts, last check, "Check now", the recent checks. props: k (or null while loading). */
export function KeyInsights({ k }) {
  const id = k ? k.id : null;
  const checks = useResource(() => (id ? api.get('/api/provider-keys/' + seg(id) + '/checks') : Promise.resolve(null)),
    [id], id ? CHECKS_REFRESH : 0);
  if (!k) return null;
  const health = (k.live || {}).health;
  return html`<${KeyBalance} k=${k}/><${Widget} title="Health" resource=${checks} actions=${html`<${CheckNow} k=${k} small=${false} onChecked=${checks.reload}/>`}>
    ${(data) => html`<div class="stack">
      <dl class="facts">
        <dt>Health score</dt><dd><${HealthScore} health=${health}/></dd>
        <dt>Success rate</dt><dd>${health ? `${percent(health.success_rate)} of ${health.outcomes} recent outcomes` : '—'}</dd>
        <dt>Latency</dt><dd>${health && health.latency_ms != null ? duration(health.latency_ms)
          + (health.latency_factor < 1 ? ` (x${health.latency_factor} against the provider's fastest key)` : '') : '—'}</dd>
        <dt>Last failure</dt><dd>${health && health.last_failure ? words(health.last_failure) : '—'}</dd>
        <dt>Last check</dt><dd><${LastCheck} check=${k.last_check}/></dd>
      </dl>
      ${(k.live || {}).model_health && k.live.model_health.length ? html`<${Table} caption="Health score per model (recent requests)"
        rows=${k.live.model_health} rowKey=${(m) => m.model} columns=${modelColumns}/>` : null}
      <${Table} caption="Recent health checks" rows=${data ? data.checks : []} rowKey=${(c) => c.checked_at + c.triggered_by + c.latency_ms}
        columns=${checkColumns} empty="No health checks yet."/>
    </div>`}
  </${Widget}>`;
}
