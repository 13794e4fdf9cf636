// Settings: the configuration in effect, value by value, with where each one came from (the file, the
// environment, the database or the default). Secrets arrive masked from the API and stay so.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { duration, exactTime } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Field } from '../components/Form.js';
import { useSession } from '../lib/session.js';
import { notify } from '../components/Toast.js';

const SOURCE_HINT = {
  env: 'from the environment (a ${VAR} in the file or a KEYPOOL__ override): wins over everything',
  database: 'changed at run time through the admin API; stored in the database',
  file: 'from the configuration file',
  default: 'not set anywhere: the built-in default',
};

function Value({ v }) {
  if (v.value === null || v.value === undefined) return html`<span class="muted">not set</span>`;
  const text = typeof v.value === 'object' ? JSON.stringify(v.value) : String(v.value);
  return html`<code class=${v.secret ? 'secret' : ''}>${text}</code>`;
}

function Source({ v }) {
  return html`<span class=${'source ' + v.source} title=${SOURCE_HINT[v.source]}>${v.source}</span>
    ${v.env ? html` <code class="muted">${v.env}</code>` : null}`;
}

function About({ a }) {
  return html`<dl class="facts">
    <dt>Version</dt><dd>${a.version}</dd>
    <dt>Started</dt><dd title=${exactTime(a.started_at)}>${exactTime(a.started_at)} (up ${duration(a.uptime_seconds * 1000)})</dd>
    <dt>Java</dt><dd>${a.java_version}</dd>
    <dt>Database</dt><dd>${a.database}</dd>
    <dt>Redis</dt><dd>${a.redis_configured ? 'configured: limits and state are shared between instances' : 'not configured: this instance counts alone'}</dd>
  </dl>`;
}

const KINDS = [['providers', 'Providers'], ['routes', 'Model routes'], ['provider_keys', 'Provider keys'],
  ['gateway_keys', 'Gateway keys']];

function ChangeList({ label, c }) {
  const parts = [['added', c.added], ['removed', c.removed], ['changed', c.changed]].filter(([, names]) => names.length);
  if (!parts.length) return null;
  return html`<li>${label}: ${parts.map(([what, names], i) => html`${i ? '; ' : ''}${what} <code>${names.join(', ')}</code>`)}</li>`;
}

/** What the last reload did, or why it was refused. */
function ReloadOutcome({ outcome }) {
  if (outcome.error) {
    const e = outcome.error;
    return html`<div class="state error" role="alert">${e.message}
      ${e.errors.length ? html`<ul class="problems">${e.errors.map((p) => html`<li>${p}</li>`)}</ul>` : null}</div>`;
  }
  const r = outcome.report;
  return html`<div class="stack">
    ${r.changed ? html`<ul>
      ${KINDS.map(([k, label]) => html`<${ChangeList} label=${label} c=${r.changes[k]}/>`)}
      ${r.changes.quotas ? html`<li>Default quota rules changed</li>` : null}
      ${r.changes.headers ? html`<li>Forwarded headers changed</li>` : null}
      ${r.changes.settings.length ? html`<li>Settings applied: <code>${r.changes.settings.join(', ')}</code></li>` : null}
    </ul>` : html`<p class="muted">The file holds nothing new to apply.</p>`}
    ${r.restart_required.length ? html`<div class="state error small" role="alert">Changed, but applied only after a
      restart: <code>${r.restart_required.join(', ')}</code>. The running values stay until then.</div>` : null}
  </div>`;
}

/** Reads the configuration file again (POST /api/config/reload); admins only. */
function ReloadButton({ onDone }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const run = () => {
    setBusy(true);
    api.post('/api/config/reload')
      .then((report) => {
        setOutcome({ report });
        notify(report.changed ? 'Configuration reloaded' : 'Configuration reloaded: nothing changed');
        onDone();
      }, (error) => {
        setOutcome({ error });
        notify('Configuration not reloaded', 'error');
      })
      .finally(() => setBusy(false));
  };
  return html`<div class="stack">
    <p class="muted">Reads the configuration file again. Providers, keys, model routes, quotas, forwarded headers,
      routing, prices, model limits, CORS, billing, tracking, log level and access log apply to the next request;
      health checks, balances and alerts from their next round. Listeners, storage, admin, limits, the outbound proxy,
      Redis and the log file need a restart. An invalid file is refused and nothing changes.
      <code>kill -HUP</code> does the same.</p>
    <div><button type="button" disabled=${busy} onClick=${run}>${busy ? 'Reloading…' : 'Reload configuration'}</button></div>
    ${outcome ? html`<${ReloadOutcome} outcome=${outcome}/>` : null}
  </div>`;
}

export default function Settings() {
  const session = useSession();
  const settings = useResource(() => api.get('/api/settings'), []);
  const about = useResource(() => api.get('/api/settings/about'), []);
  const [filter, setFilter] = useState('');
  const [section, setSection] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);
  const match = (v) => (!section || v.section === section)
    && (!changedOnly || v.source !== 'default')
    && (!filter || (v.path + ' ' + JSON.stringify(v.value)).toLowerCase().includes(filter.toLowerCase()));
  return html`<div class="page stack">
    <div class="page-head"><h1>Settings</h1></div>
    <${Widget} title="This instance" resource=${about}>${(a) => html`<${About} a=${a}/>`}</${Widget}>
    ${session.canWrite ? html`<section class="widget"><header><h2>Configuration file</h2></header>
      <${ReloadButton} onDone=${settings.reload}/></section>` : null}
    <${Widget} title="Configuration in effect" resource=${settings} wide>${(s) => {
      const sections = [...new Set(s.values.map((v) => v.section))];
      const rows = s.values.filter(match);
      return html`<p class="muted">File: <code>${s.config_file || '(none)'}</code>. Precedence: environment › database ›
        file › default. Secrets are never shown in full.</p>
        <div class="filters">
          <${Field} label="Search" name="q" value=${filter} onInput=${setFilter} placeholder="path or value"/>
          <${Field} label="Section" name="section" value=${section} onInput=${setSection}
            options=${[['', 'All sections'], ...sections.map((x) => [x, x])]}/>
          <${Field} label="Only values that are set" name="changed" type="checkbox" value=${changedOnly} onInput=${setChangedOnly}/>
        </div>
        <${Table} caption="Configuration values" rows=${rows} rowKey=${(v) => v.path} empty="No value matches."
          columns=${[
            { key: 'path', label: 'Setting', render: (v) => html`<code>${v.path}</code>${v.note ? html`<div class="muted small">${v.note}</div>` : null}` },
            { key: 'value', label: 'Value', render: (v) => html`<${Value} v=${v}/>` },
            { key: 'source', label: 'Source', render: (v) => html`<${Source} v=${v}/>` }]}/>`;
    }}</${Widget}>
  </div>`;
}
