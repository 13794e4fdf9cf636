// The models a provider says it serves (GET /api/providers/{id}/upstream-models), to pick one for a
// route's candidate instead of typing its name, or (without onPick) just to read them. The gateway
// caches the list for a while; "Ask again" makes it ask the upstream now.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { TimeAgo } from './Time.js';

/** An ApiError as a sentence for this widget: a gateway without the endpoint says so plainly. */
function explain(error, provider) {
  if (error.status === 404 && /Unknown admin URL/i.test(error.message)) {
    return 'This gateway cannot list upstream models yet (GET /api/providers/{id}/upstream-models is not available). Type the model name instead.';
  }
  if (error.status === 404) return `The gateway knows no provider “${provider}”.`;
  if (error.status === 409) return `“${provider}” has no enabled key to ask with: ${error.message}`;
  return error.message;
}

/** props: provider (id), onPick (model id => void; left out: a read-only list), onClose. */
export function UpstreamModels({ provider, onPick, onClose }) {
  const [ask, setAsk] = useState(0);
  const [filter, setFilter] = useState('');
  const list = useResource(
    () => api.get(`/api/providers/${seg(provider)}/upstream-models`, ask ? { refresh: 'true' } : undefined),
    [provider, ask]);
  const { data, error, loading } = list;
  const needle = filter.trim().toLowerCase();
  const models = data ? data.models.filter((m) => !needle || m.id.toLowerCase().includes(needle)
    || (m.display_name || '').toLowerCase().includes(needle)) : [];

  let body;
  if (loading && !data) {
    body = html`<div class="state loading" role="status">Asking ${provider} for its models…</div>`;
  } else if (error) {
    body = html`<div class="state error" role="alert">${explain(error, provider)}</div>`;
  } else if (data.models.length === 0) {
    body = html`<div class="state empty">${provider} lists no models.</div>`;
  } else {
    body = html`<input type="search" class="upstream-filter" aria-label="Filter models" placeholder="Filter models"
        value=${filter} onInput=${(e) => setFilter(e.target.value)}/>
      ${models.length === 0 ? html`<div class="state empty">No model matches “${filter}”.</div>`
        : html`<ul class=${'upstream-list' + (onPick ? '' : ' read-only')}>${models.map((m) => {
          const label = html`<code>${m.id}</code>${m.display_name && m.display_name !== m.id ? html` <span class="muted">${m.display_name}</span>` : null}`;
          return html`<li key=${m.id}>${onPick ? html`<button type="button" class="ghost" onClick=${() => onPick(m.id)}>${label}</button>` : label}</li>`;
        })}</ul>`}`;
  }
  return html`<div class="upstream-models" role="group" aria-label=${'Models of ' + provider}>
    <div class="upstream-head">
      <strong>Models of ${provider}</strong>
      ${data ? html`<span class="muted">${data.models.length} · fetched <${TimeAgo} at=${data.fetched_at}/>${data.cached ? ' (cached)' : ''}</span>` : null}
      <span class="spacer"></span>
      <button type="button" class="small" disabled=${loading} onClick=${() => setAsk(ask + 1)}>Ask again</button>
      <button type="button" class="small" onClick=${onClose}>Close</button>
    </div>
    ${body}
  </div>`;
}
