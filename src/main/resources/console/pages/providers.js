// Providers & keys (U3/K1): one section per provider with its keys, their live state (refreshed every 5 s,
// countdowns ticking every second in between) and their last 24 hours; admins add, edit, enable, disable
// and delete keys. ?provider=<id> shows one provider alone.
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { link, navigate } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { span } from '../components/RangePicker.js';
import { Widget } from '../components/Widget.js';
import { KeyTable } from '../components/KeyTable.js';
import { useKeyActions } from '../components/KeyActions.js';
import { ProviderPanel, ProviderTitle } from '../components/ProviderPanel.js';

const LIVE_REFRESH = 5_000;
const STATS_REFRESH = 15_000;

/** Rows of a statistics answer as a Map id -> value (undefined until the first answer). */
const byId = (rows, id, value) => (rows ? new Map(rows.map((r) => [id(r), value(r)])) : undefined);

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
  const keys = useResource(() => api.get('/api/provider-keys'), [], LIVE_REFRESH);
  const day = () => ({ ...span('24h'), bucket: undefined, limit: 1000 });
  const stats = useResource(() => api.get('/api/statistics/provider-keys', day()), [], STATS_REFRESH);
  const attempts = useResource(() => api.get('/api/statistics/attempts', day()), [], STATS_REFRESH);
  const all = keys.data || [];
  const actions = useKeyActions({ keys: all, reload: keys.reload });
  const reloadAll = () => {
    keys.reload();
    stats.reload();
    attempts.reload();
  };

  const providers = [...new Set(all.map((k) => k.provider))].sort();
  const shown = focus ? [focus] : providers;
  const statsById = byId(stats.data, (r) => r.id, (r) => r.stats);
  const attemptsById = byId(attempts.data, (r) => r.provider_key_id, (r) => r);
  const statsError = stats.error || attempts.error;

  return html`<div class="page stack">
    <div class="page-head">
      <h1>Providers & keys</h1>
      <${ProviderPicker} providers=${providers} value=${focus}/>
      ${canWrite ? html`<button type="button" class="primary" onClick=${() => actions.add(focus)}>Add key</button>
        <button type="button" onClick=${() => actions.addMany(focus)}>Add many</button>` : null}
      <button type="button" class="ghost" onClick=${reloadAll} title="Refreshes by itself every 5 s">Refresh</button>
    </div>
    ${keys.error && keys.data !== undefined ? html`<div class="state error small" role="alert">Refresh failed: ${keys.error.message}</div>` : null}
    ${statsError ? html`<div class="state error small" role="alert">The last 24 h figures failed to load: ${statsError.message}</div>` : null}
    ${keys.data === undefined || shown.length === 0 ? html`<${Widget} title="Keys" resource=${keys} empty=${() => shown.length === 0}
      emptyText="No provider keys yet. Add one, or declare keys in keypool.yaml.">${() => null}</${Widget}>` : null}
    ${keys.data !== undefined && shown.length ? html`<div class="widget-column">${shown.map((p) => {
      const mine = all.filter((k) => k.provider === p);
      return html`<${Widget} key=${p} id=${'provider-' + p} resource=${{ ...keys, error: null }}
        title=${html`<${ProviderTitle} provider=${p}/>`}
        actions=${canWrite ? html`<button type="button" class="small" onClick=${() => actions.add(p)}>Add key</button>
          <button type="button" class="small" onClick=${() => actions.addMany(p)}>Add many</button>` : null}>
        ${() => html`<${ProviderPanel} provider=${p} keys=${mine}/>
          <${KeyTable} provider=${p} keys=${mine} stats=${statsById} attempts=${attemptsById} actions=${actions}/>`}
      </${Widget}>`;
    })}</div>` : null}
    ${focus ? html`<p><a href=${link('providers')}>← All providers</a></p>` : null}
    ${actions.dialogs}
  </div>`;
}
