// One provider key (#/provider-keys/<id>): everything known about it, its live state (refreshed every 5 s,
// countdowns ticking), seven days of requests, errors, tokens and latency, its upstream attempts by
// failure class, and the same actions as in the key table.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { count, compactCount, duration, percent, exactTime } from '../lib/format.js';
import { link, navigate } from '../lib/router.js';
import { Widget, Tile } from '../components/Widget.js';
import { StatCharts } from '../components/StatCharts.js';
import { Table } from '../components/Table.js';
import { TimeAgo, Countdown } from '../components/Time.js';
import { KeyStatus } from '../components/KeyStatus.js';
import { KeyActions, useKeyActions } from '../components/KeyActions.js';
import { KeyInsights } from '../components/KeyInsights.js';
import { ProviderTitle } from '../components/ProviderPanel.js';
import { useSession } from '../lib/session.js';
import { notify } from '../components/Toast.js';

const LIVE_REFRESH = 5_000;
const HISTORY_REFRESH = 60_000;
const DAYS = 7;

const When = ({ at }) => (at ? html`<time datetime=${at} title=${exactTime(at)}>${exactTime(at)}</time>` : '—');
const Until = ({ at }) => (at ? html`<span><${When} at=${at}/> (<${Countdown} until=${at} done="passed"/>)</span>` : '—');

/** The OAuth side of an OAuth account: where its token comes from, when it expires, how refreshing goes. */
function OAuthFacts({ k, reload }) {
  const { canWrite } = useSession();
  const [busy, setBusy] = useState(false);
  const o = k.oauth;
  const rows = (pairs) => pairs.map(([dt, dd]) => html`<dt>${dt}</dt><dd>${dd ?? '—'}</dd>`);
  const refresh = () => {
    setBusy(true);
    api.post('/api/provider-keys/' + seg(k.id) + '/oauth/refresh').then((r) => {
      notify(r.oauth.failure ? 'The refresh failed: ' + r.oauth.last_error : 'Token refreshed', r.oauth.failure ? 'error' : 'ok');
      reload();
    }, (e) => notify(e.message, 'error')).finally(() => setBusy(false));
  };
  return html`<div><h3>OAuth account</h3><dl class="facts oauth-facts">${rows([
    ['Account type', o.preset], ['Client', html`<span class="mono">${o.client_id}</span>`],
    ['Token endpoint', html`<span class="mono">${o.token_url}</span>`], ['Scopes', o.scopes || null],
    ['Token expires', html`<${Until} at=${o.expires_at}/>`],
    ['Last refresh', o.last_refresh_at ? html`<${TimeAgo} at=${o.last_refresh_at}/>` : null],
    ['Refreshes', count(o.refresh_count)],
    ['Refresh failing', o.failure ? html`<span class="bad-text">${o.failure === 'rejected'
      ? 'the refresh token was refused: authorize the account again' : 'retried every 30 s'}</span>` : 'no'],
    ['Last error', o.last_error],
  ])}</dl>
    ${canWrite ? html`<button type="button" class="small" onClick=${refresh} disabled=${busy}>${busy ? 'Refreshing…' : 'Refresh token now'}</button>` : null}
  </div>`;
}

function Facts({ k, reload }) {
  const live = k.live || {};
  const rl = live.rate_limit || {};
  const rows = (pairs) => pairs.map(([dt, dd]) => html`<dt>${dt}</dt><dd>${dd ?? '—'}</dd>`);
  return html`<div class="facts-grid">
    <div><h3>Key</h3><dl class="facts">${rows([
      ['Id', html`<span class="mono">${k.id}</span>`],
      ['Provider', html`<${ProviderTitle} provider=${k.provider}/>`],
      ['Secret', html`<span class="mono">${k.secret_hint}</span> <span class="muted">(write-only)</span>`],
      ['Priority', k.priority], ['Weight', k.weight],
      ['Requests per minute', k.requests_per_minute ? count(k.requests_per_minute) : 'no cap'],
      ['Tags', k.tags.length ? k.tags.join(', ') : '—'], ['Notes', k.notes || '—'],
      ['Enabled', k.enabled ? 'yes' : 'no'], ['Disabled because', k.disabled_reason],
      ['Defined in', k.source === 'config' ? 'keypool.yaml' : 'the admin API'],
      ['Created', html`<${When} at=${k.created_at}/>`], ['Updated', html`<${When} at=${k.updated_at}/>`],
    ])}</dl></div>
    <div><h3>Live</h3><dl class="facts">${rows([
      ['State', html`<${KeyStatus} k=${k} full=${false}/>`], ['Reason', live.reason],
      ['Cooldown until', html`<${Until} at=${live.cooldown_until}/>`], ['Banned until', html`<${Until} at=${live.banned_until}/>`],
      ['Failures in window', count(live.failures_in_window)], ['In flight', count(live.in_flight)],
      ['Requests since start', count(live.total_requests)], ['Failures since start', count(live.total_failures)],
      ['Last error', live.last_error], ['Last used', html`<${TimeAgo} at=${live.last_used_at}/>`],
    ])}</dl></div>
    <div><h3>Upstream rate limit</h3><dl class="facts">${rows([
      ['Requests', rl.requests_limit == null ? null : `${count(rl.requests_remaining)} of ${count(rl.requests_limit)} left`],
      ['Requests reset', html`<${Until} at=${rl.requests_reset}/>`],
      ['Tokens', rl.tokens_limit == null ? null : `${count(rl.tokens_remaining)} of ${count(rl.tokens_limit)} left`],
      ['Tokens reset', html`<${Until} at=${rl.tokens_reset}/>`],
      ['Seen', html`<${TimeAgo} at=${rl.updated_at}/>`],
    ])}</dl></div>
    ${k.oauth ? html`<${OAuthFacts} k=${k} reload=${reload}/>` : null}
  </div>`;
}


function Attempts({ a }) {
  return html`<div class="stack">
    <div class="tiles">
      <${Tile} label="Attempts" value=${count(a.attempts)} hint=${compactCount(a.bytes) + ' bytes'}/>
      <${Tile} label="Failed" value=${count(a.failed)} hint=${percent(a.failure_rate) + ' of attempts'}/>
      <${Tile} label="Average latency" value=${duration(a.avg_latency_ms)}/>
    </div>
    <${Table} caption="Failed attempts by failure class" rows=${a.failures} rowKey=${(r) => r.failure_class}
      empty="No failed attempts." columns=${[
        { key: 'failure_class', label: 'Failure class', render: (r) => r.failure_class.replace(/_/g, ' ') },
        { key: 'count', label: 'Attempts', align: 'right', render: (r) => count(r.count) },
        { key: 'share', label: 'Share', align: 'right', render: (r) => percent(r.count / a.failed) }]}/>
  </div>`;
}

function KeyPage({ id }) {
  // A deleted key answers 404: asking again every 5 s would only repeat it.
  const [goneId, setGoneId] = useState(null);
  const gone = goneId === id;
  const key = useResource(() => api.get('/api/provider-keys/' + seg(id)).catch((e) => {
    if (e.status === 404) setGoneId(id);
    throw e;
  }), [id], gone ? 0 : LIVE_REFRESH);
  const trends = useResource(() => api.get('/api/provider-keys/' + seg(id) + '/trends', { days: DAYS }), [id], HISTORY_REFRESH);
  const attempts = useResource(() => {
    const to = new Date(Math.ceil(Date.now() / 1000) * 1000);
    const from = new Date(to.getTime() - DAYS * 86_400_000);
    return api.get('/api/provider-keys/' + seg(id) + '/attempts', { from: from.toISOString(), to: to.toISOString() });
  }, [id], HISTORY_REFRESH);
  const k = key.data;
  const provider = k ? k.provider : null;
  const back = provider ? link('providers', { provider }) : link('providers');
  const actions = useKeyActions({ keys: k ? [k] : [], reload: key.reload, onDeleted: () => navigate(back) });

  return html`<div class="page">
    <p class="muted"><a href=${back}>← ${provider ? 'Keys of ' + provider : 'Providers & keys'}</a></p>
    <div class="page-head key-head">
      <h1>${k ? k.name : id}</h1>
      ${k ? html`<${KeyStatus} k=${k} full=${false}/>` : null}
      <span class="spacer"></span>
      ${k ? html`<${KeyActions} k=${k} actions=${actions} small=${false}/>` : null}
    </div>
    <div class="widget-column">
    ${gone ? html`<div class="state error" role="alert">This key does not exist (any more). Its history below is kept.</div>` : html`
    <${Widget} title="Facts" resource=${key}>${(kk) => html`<${Facts} k=${kk} reload=${key.reload}/>`}</${Widget}>`}
    <${KeyInsights} k=${k}/>
    <${Widget} title=${'Last ' + DAYS + ' days'} resource=${trends} wide
      empty=${(points) => !points.some((p) => p.stats.requests > 0)} emptyText="No requests ended on this key in the last 7 days (a request counts under the key of its last attempt: see the attempts below).">
      ${(points) => html`<${StatCharts} points=${points} charts=${['outcomes', 'errors', 'tokens', 'latency']}/>`}</${Widget}>
    <${Widget} title=${'Upstream attempts, last ' + DAYS + ' days'} resource=${attempts}
      empty=${(a) => !a || a.attempts === 0} emptyText="No upstream attempts with this key in the last 7 days.">
      ${(a) => html`<${Attempts} a=${a}/>`}</${Widget}>
    </div>
    ${actions.dialogs}
  </div>`;
}

export default function ProviderKey({ params }) {
  // Without an id (the address "#/provider-keys", or a moment while leaving for another page) nothing is asked.
  if (!params[0]) return html`<div class="page"><p>Pick a key under <a href=${link('providers')}>Providers & keys</a>.</p></div>`;
  return html`<${KeyPage} id=${params[0]}/>`;
}
