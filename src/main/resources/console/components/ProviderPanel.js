// The head of a provider's section on the Providers & keys page: its keys counted by state. Provider
// details and their editing (format, base URL, headers, from GET/PATCH /api/providers) go here too.
import { html } from '../lib/html.js';
import { link } from '../lib/router.js';
import { Badge } from './Badge.js';
import { keyState } from './PoolSummary.js';

const ORDER = ['healthy', 'cooling_down', 'probing', 'banned', 'disabled'];

export function ProviderTitle({ provider }) {
  return html`<a href=${link('providers', { provider })}>${provider}</a>`;
}

/** props: provider (id), keys (its keys). */
export function ProviderPanel({ provider, keys }) {
  const by = {};
  for (const k of keys) by[keyState(k)] = (by[keyState(k)] || 0) + 1;
  return html`<div class="provider-panel" data-provider=${provider}>
    <span class="muted">${keys.length} ${keys.length === 1 ? 'key' : 'keys'}</span>
    ${ORDER.filter((s) => by[s]).map((s) => html`<span class="provider-count">${by[s]} <${Badge} value=${s}/></span>`)}
    ${/* Provider details (format, base URL, headers) and their edit form: once the providers API is there. */ null}
  </div>`;
}
