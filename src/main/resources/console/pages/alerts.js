// Alerts (admin): what the alert rules raised, active first, then the latest history, and the channels
// they go to, with "Send test" for admins. One request feeds every box; targets arrive masked (a webhook
// URL is a credential) and stay so.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Badge } from '../components/Badge.js';
import { TimeAgo } from '../components/Time.js';
import { notify } from '../components/Toast.js';

function Deliveries({ rows }) {
  if (!rows || rows.length === 0) return html`<span class="muted">no channel</span>`;
  return html`<ul class="alert-deliveries">${rows.map((d) => html`<li>
    <strong>${d.channel}</strong> ${d.event} <${Badge} value=${d.state}/>
    ${d.state === 'pending' && d.attempts > 0 ? html` <span class="muted small" title=${d.last_error || ''}>
      ${d.attempts} failed, next <${TimeAgo} at=${d.next_attempt_at}/></span>` : null}
  </li>`)}</ul>`;
}

const title = (a) => html`<div><strong>${a.title}</strong>${a.detail ? html`<div class="muted small">${a.detail}</div>` : null}</div>`;

const ACTIVE = [
  { key: 'severity', label: 'Severity', render: (a) => html`<${Badge} value=${a.severity}/>` },
  { key: 'title', label: 'Alert', render: title },
  { key: 'rule', label: 'Rule', render: (a) => html`<div><code>${a.rule}</code><div class="muted small">${a.subject}</div></div>` },
  { key: 'opened_at', label: 'Since', render: (a) => html`<${TimeAgo} at=${a.opened_at}/>` },
  { key: 'deliveries', label: 'Deliveries', render: (a) => html`<${Deliveries} rows=${a.deliveries}/>` },
];

const HISTORY = [
  { key: 'state', label: 'State', render: (a) => html`<${Badge} value=${a.state}/>` },
  { key: 'severity', label: 'Severity', render: (a) => html`<${Badge} value=${a.severity}/>` },
  { key: 'title', label: 'Alert', render: title },
  { key: 'opened_at', label: 'Opened', render: (a) => html`<${TimeAgo} at=${a.opened_at}/>` },
  { key: 'resolved_at', label: 'Resolved', render: (a) => (a.resolved_at ? html`<${TimeAgo} at=${a.resolved_at}/>` : html`<span class="muted">active</span>`) },
];

function TestButton({ channel }) {
  const [busy, setBusy] = useState(false);
  const send = () => {
    setBusy(true);
    api.post('/api/alerts/test', { channel: channel.name })
      .then(() => notify(`Test message taken by ${channel.name}`), (e) => notify(e.message, 'error'))
      .finally(() => setBusy(false));
  };
  return html`<button type="button" class="small" disabled=${busy} onClick=${send}>${busy ? 'Sending…' : 'Send test'}</button>`;
}

export default function Alerts() {
  const session = useSession();
  const alerts = useResource(() => api.get('/api/alerts', { limit: 100 }), [], 30_000);
  const channelColumns = [
    { key: 'name', label: 'Channel', render: (c) => html`<strong>${c.name}</strong>` },
    { key: 'type', label: 'Type', render: (c) => c.type },
    { key: 'target', label: 'Target', render: (c) => html`<code>${c.target}</code>` },
    { key: 'filters', label: 'Takes', render: (c) => html`<span>${c.severities.length ? c.severities.join(', ') : 'every severity'};
      ${c.rules.length ? ' ' + c.rules.join(', ') : ' every rule'}</span>` },
  ];
  if (session.canWrite) channelColumns.push({ key: 'test', label: 'Test', render: (c) => html`<${TestButton} channel=${c}/>` });

  return html`<div class="page stack">
    <div class="page-head"><h1>Alerts</h1></div>
    <p class="muted intro">Keys banned or disabled, failure rates, routes without a usable key, the database refusing
      records. One alert per rule and subject until it resolves; reminders while it stays.</p>
    ${alerts.data && !alerts.data.enabled ? html`<div class="state error small" role="alert">Alerts are turned off (alerts.enabled: false).</div>` : null}
    <${Widget} title="Active" resource=${alerts} empty=${(d) => d.active.length === 0} emptyText="No active alert." wide>
      ${(d) => html`<${Table} caption="Active alerts" rows=${d.active} columns=${ACTIVE} cards/>`}
    </${Widget}>
    <${Widget} title="History" resource=${alerts} empty=${(d) => d.history.length === 0} emptyText="No alert yet." wide>
      ${(d) => html`<${Table} caption="Latest alerts" rows=${d.history} columns=${HISTORY} cards/>`}
    </${Widget}>
    <${Widget} title="Channels" resource=${alerts} empty=${(d) => d.channels.length === 0}
      emptyText="No channel: alerts are kept here but sent nowhere. Add channels under alerts.channels in the configuration.">
      ${(d) => html`<${Table} caption="Alert channels" rows=${d.channels} rowKey=${(c) => c.name} columns=${channelColumns} cards/>`}
    </${Widget}>
  </div>`;
}
