// The head of a provider's section on the Providers & keys page: its keys counted by state, its
// definition (format, base URL, auth, extra headers as the API masks them, timeouts, flags, models),
// the fields the environment pins, and the buttons: its upstream's model list for everyone, edit,
// reset and delete for admins.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { link } from '../lib/router.js';
import { count } from '../lib/format.js';
import { useSession } from '../lib/session.js';
import { Badge } from './Badge.js';
import { SourceBadge } from './SourceBadge.js';
import { keyState } from './PoolSummary.js';
import { UpstreamModels } from './UpstreamModels.js';
import { ProviderButtons } from './ProviderActions.js';
import { LOCK_NOTE } from './ProviderForm.js';
import { PRESETS, AUTHS, TIMEOUTS, pinned } from './providerBody.js';

const ORDER = ['healthy', 'cooling_down', 'probing', 'banned', 'balance_exhausted', 'credential_expired', 'disabled'];

export function ProviderTitle({ provider, source }) {
  return html`<span class="provider-title"><a href=${link('providers', { provider })}>${provider}</a>
    ${source ? html` <${SourceBadge} source=${source}/>` : null}</span>`;
}

/** A value with a lock when the environment pins it. */
function Pin({ p, field, children }) {
  return html`${children}${pinned(p, field) ? html` <span class="source env" title=${LOCK_NOTE}>env</span>` : null}`;
}

function KeyCounts({ p, keys }) {
  if (!keys) return html`<span class="muted">${count(p.keys.total)} ${p.keys.total === 1 ? 'key' : 'keys'}</span>`;
  const by = {};
  for (const k of keys) by[keyState(k)] = (by[keyState(k)] || 0) + 1;
  return html`<span class="muted">${keys.length} ${keys.length === 1 ? 'key' : 'keys'}</span>
    ${ORDER.filter((s) => by[s]).map((s) => html`<span class="provider-count">${by[s]} <${Badge} value=${s}/></span>`)}`;
}

function Headers({ p }) {
  const headers = Object.entries(p.headers);
  if (headers.length === 0) return html`<span class="muted">none</span>`;
  return html`<ul class="header-list">${headers.map(([n, v]) => html`<li key=${n}>
    <${Pin} p=${p} field=${'headers.' + n}><code>${n}: </code><code class="secret">${v}</code></${Pin}></li>`)}</ul>`;
}

function Served({ p }) {
  const one = (flag, path) => html`<${Pin} p=${p} field=${flag}><span title=${`Otherwise /v1${path} is translated to chat`}>
    ${path} ${p[flag] ? 'itself' : 'translated'}</span></${Pin}>`;
  return html`${one('responses', '/responses')} · ${one('completions', '/completions')}`;
}

function Models({ p }) {
  if (p.models.length === 0) return html`<span class="muted">none listed</span>`;
  return html`<details class="provider-models"><summary>${p.models.length} listed as ${p.id}/…</summary>
    <div class="chips">${p.models.map((m) => html`<code class="chip" key=${m}>${m}</code>`)}</div></details>`;
}

function Facts({ p }) {
  // The API shows a provider with its preset resolved; a definition equal to a preset's says which.
  const preset = PRESETS.find((x) => x.format === p.format && x.base_url === p.base_url && x.auth === p.auth);
  return html`<dl class="facts provider-facts">
    <dt>Format</dt><dd><${Pin} p=${p} field="format"><code>${p.format}</code></${Pin}>${preset
      ? html` <span class="muted" title="Format, base URL and auth are this preset’s">(the ${preset.id} preset)</span>` : null}</dd>
    <dt>Base URL</dt><dd><${Pin} p=${p} field="base_url"><code>${p.base_url}</code></${Pin}></dd>
    <dt>Auth</dt><dd><${Pin} p=${p} field="auth"><code title=${AUTHS[p.auth]}>${p.auth}</code></${Pin}></dd>
    <dt>Headers</dt><dd><${Headers} p=${p}/></dd>
    <dt>Timeouts</dt><dd class="timeouts">${TIMEOUTS.map(([k, label]) => html`<span key=${k}>
      <span class="muted">${label.toLowerCase()}</span> <${Pin} p=${p} field=${'timeouts.' + k}>${p.timeouts[k]}</${Pin}></span>`)}</dd>
    <dt>Connections</dt><dd><${Pin} p=${p} field="max_connections">up to ${count(p.max_connections)}</${Pin}></dd>
    ${p.format === 'openai' ? html`<dt>Serves</dt><dd><${Served} p=${p}/></dd>` : null}
    <dt>Models</dt><dd><${Pin} p=${p} field="models"><${Models} p=${p}/></${Pin}></dd>
  </dl>`;
}

/** props: p (the provider as GET /api/providers shows it), keys (its keys, or undefined while they load), actions (useProviderActions). */
export function ProviderPanel({ p, keys, actions }) {
  const { canWrite } = useSession();
  const [upstream, setUpstream] = useState(false);
  return html`<div class="provider-panel" data-provider=${p.id}>
    <div class="provider-bar">
      <${KeyCounts} p=${p} keys=${keys}/>
      <span class="spacer"></span>
      <div class="row-actions">
        <button type="button" class="small" aria-expanded=${upstream} onClick=${() => setUpstream(!upstream)}
          disabled=${!p.keys.enabled} title=${p.keys.enabled ? 'The models the upstream says it serves'
            : 'The upstream is asked with one of the provider’s keys: add or enable one first'}>Models upstream</button>
        ${canWrite ? html`<${ProviderButtons} p=${p} actions=${actions}/>` : null}
      </div>
    </div>
    <${Facts} p=${p}/>
    ${p.env_overrides.length ? html`<p class="notice warn small"><span class="source env">env</span> Locked, set by the environment:
      ${' '}${p.env_overrides.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}. The environment wins over changes here.</p>` : null}
    ${upstream ? html`<${UpstreamModels} provider=${p.id} onClose=${() => setUpstream(false)}/>` : null}
  </div>`;
}
