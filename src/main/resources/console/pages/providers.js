// Providers & keys (U3/K1/C1): one section per provider (GET /api/providers, those without keys too) with
// its definition and its keys, their live state (refreshed every 5 s, countdowns ticking every second in
// between) and their last 24 hours. Admins add, edit, reset and delete providers, and add, edit, enable,
// disable and delete keys. ?provider=<id> shows one provider alone.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { link, navigate } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { span } from '../components/RangePicker.js';
import { Widget } from '../components/Widget.js';
import { KeyTable } from '../components/KeyTable.js';
import { useKeyActions } from '../components/KeyActions.js';
import { ProviderPanel, ProviderTitle } from '../components/ProviderPanel.js';
import { useProviderActions } from '../components/ProviderActions.js';
import { RestoreButton } from '../components/RestoreButton.js';
import { notify } from '../components/Toast.js';
import { OAuthForm } from '../components/OAuthForm.js';

const LIVE_REFRESH = 5_000;
const STATS_REFRESH = 15_000;
const PROVIDERS_REFRESH = 15_000;
const RESTORE = 'A file provider deleted here is no longer listed. Name it to drop the run-time change: '
  + 'the file’s provider and its keys apply again.';

/** Rows of a statistics answer as a Map id -> value (undefined until the first answer). */
const byId = (rows, id, value) => (rows ? new Map(rows.map((r) => [id(r), value(r)])) : undefined);

/** A provider's keys while they load or failed to: the table once they are there. */
function Keys({ resource, children }) {
  if (resource.data !== undefined) return children();
  if (resource.error) {
    return html`<div class="state error" role="alert">The keys failed to load: ${resource.error.message}
      <button type="button" class="link" onClick=${resource.reload}>Retry</button></div>`;
  }
  return html`<div class="state loading" role="status">Loading keys…</div>`;
}

function ProviderPicker({ providers, value }) {
  if (providers.length < 2 && !value) return null;
  const go = (e) => navigate(link('providers', { provider: e.target.value }));
  return html`<label class="inline-field">Provider
    <select value=${value || ''} onChange=${go}>
      <option value="">All providers</option>
      ${providers.map((p) => html`<option value=${p}>${p}</option>`)}
      ${value && !providers.includes(value) ? html`<option value=${value}>${value}</option>` : null}
    </select></label>`;
}

export default function Providers({ query }) {
  const focus = query.get('provider') || '';
  const { canWrite } = useSession();
  const providers = useResource(() => api.get('/api/providers'), [], PROVIDERS_REFRESH);
  const keys = useResource(() => api.get('/api/provider-keys'), [], LIVE_REFRESH);
  const day = () => ({ ...span('24h'), bucket: undefined, limit: 1000 });
  const stats = useResource(() => api.get('/api/statistics/provider-keys', day()), [], STATS_REFRESH);
  const attempts = useResource(() => api.get('/api/statistics/attempts', day()), [], STATS_REFRESH);
  const all = keys.data || [];
  const list = providers.data || [];
  const ids = list.map((p) => p.id);
  const reloadPool = () => { // a key's change moves its provider's counts; a provider's change adds or drops file keys
    providers.reload();
    keys.reload();
  };
  const actions = useKeyActions({ keys: all, providerIds: ids, reload: reloadPool });
  const reloadAll = () => {
    reloadPool();
    stats.reload();
    attempts.reload();
  };
  const providerActions = useProviderActions({ reload: reloadPool });
  const [oauthFor, setOAuthFor] = useState(null); // the provider an OAuth account is being added to ('' for any)

  const restored = (a) => {
    notify(a.removed ? `${a.id}: the file has no such provider; the one created here is removed` : `Provider ${a.id} is the file’s again`);
    reloadAll();
  };

  const shown = focus ? list.filter((p) => p.id === focus) : list;
  const statsById = byId(stats.data, (r) => r.id, (r) => r.stats);
  const attemptsById = byId(attempts.data, (r) => r.provider_key_id, (r) => r);
  const statsError = stats.error || attempts.error;
  const refreshError = (providers.data !== undefined && providers.error) || (keys.data !== undefined && keys.error);

  return html`<div class="page stack">
    <div class="page-head">
      <h1>Providers & keys</h1>
      <${ProviderPicker} providers=${ids} value=${focus}/>
      ${canWrite ? html`<button type="button" class="primary" onClick=${providerActions.add}>Add provider</button>
        <button type="button" onClick=${() => actions.add(focus)}>Add key</button>
        <button type="button" onClick=${() => actions.addMany(focus)}>Add many</button>
        <button type="button" onClick=${() => setOAuthFor(focus)}>Add OAuth account</button>
        <${RestoreButton} label="Restore a file provider…" title="Restore a provider of the file" fieldLabel="Provider id"
          explain=${RESTORE} path=${(id) => '/api/providers/' + seg(id) + '/reset'} onDone=${restored}/>` : null}
      <button type="button" class="ghost" onClick=${reloadAll} title="Refreshes by itself: keys every 5 s, providers every 15 s">Refresh</button>
    </div>
    ${refreshError ? html`<div class="state error small" role="alert">Refresh failed: ${refreshError.message}</div>` : null}
    ${statsError ? html`<div class="state error small" role="alert">The last 24 h figures failed to load: ${statsError.message}</div>` : null}
    ${providers.data === undefined || shown.length === 0 ? html`<${Widget} title="Providers" resource=${providers}
      empty=${() => shown.length === 0} emptyText=${focus ? `There is no provider “${focus}”.`
        : 'No providers yet. Add one here, or declare them in keypool.yaml.'}>${() => null}</${Widget}>` : null}
    ${shown.length ? html`<div class="widget-column">${shown.map((p) => {
      const mine = keys.data && all.filter((k) => k.provider === p.id);
      return html`<${Widget} key=${p.id} id=${'provider-' + p.id} resource=${{ ...providers, error: null }}
        title=${html`<${ProviderTitle} provider=${p.id} source=${p.source}/>`}
        actions=${canWrite ? html`<button type="button" class="small" onClick=${() => actions.add(p.id)}>Add key</button>
          <button type="button" class="small" onClick=${() => actions.addMany(p.id)}>Add many</button>` : null}>
        ${() => html`<${ProviderPanel} p=${p} keys=${mine} actions=${providerActions}/>
          <${Keys} resource=${keys}>${() => html`<${KeyTable} provider=${p.id} keys=${mine} stats=${statsById}
            attempts=${attemptsById} actions=${actions}/>`}</${Keys}>`}
      </${Widget}>`;
    })}</div>` : null}
    ${focus ? html`<p><a href=${link('providers')}>← All providers</a></p>` : null}
    ${actions.dialogs}
    ${providerActions.dialogs}
    <${OAuthForm} open=${oauthFor !== null} provider=${oauthFor} providers=${ids} onClose=${() => setOAuthFor(null)}
      onSaved=${(k) => { setOAuthFor(null); reloadPool(); navigate(link('provider-keys', k.id)); }}/>
  </div>`;
}
