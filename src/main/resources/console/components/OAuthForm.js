// "Add OAuth account": an account whose access token the gateway refreshes by itself. Step one names the
// key and the OAuth client (a preset, or every endpoint for the generic one) and starts an authorization
// with PKCE; step two opens the authorization page and takes the code (or the whole URL the browser
// ended on) pasted back. With a refresh token at hand, the account is imported in one step instead.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { Dialog } from './Dialog.js';
import { Field, FormError, splitList } from './Form.js';
import { ProviderField, intOrText } from './KeyForm.js';
import { notify } from './Toast.js';

const CLIENT = ['authorize_url', 'token_url', 'client_id', 'client_secret', 'scopes', 'redirect_uri'];
const blank = (provider) => ({ provider: provider || '', name: '', preset: 'openai_codex', authorize_url: '', token_url: '',
  client_id: '', client_secret: '', scopes: '', redirect_uri: '', priority: '0', weight: '1', tags: '', importing: false,
  refresh_token: '' });

/** props: open, provider (preselected), providers (known ids), onClose, onSaved (key => void). */
export function OAuthForm({ open, provider, providers, onClose, onSaved }) {
  const [v, setV] = useState(blank(provider));
  const [presets, setPresets] = useState([]);
  const [started, setStarted] = useState(null); // {state, authorization_url, redirect_uri, expires_at}
  const [code, setCode] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setV(blank(provider));
    setStarted(null);
    setCode('');
    setError(null);
    api.get('/api/oauth/presets').then(setPresets, setError);
  }, [open, provider]);
  const set = (name) => (value) => setV((old) => ({ ...old, [name]: value }));
  const generic = v.preset === 'generic';

  const body = () => {
    const b = { provider: v.provider.trim(), name: v.name.trim(), preset: v.preset, priority: intOrText(v.priority),
      weight: intOrText(v.weight), tags: splitList(v.tags) };
    for (const f of CLIENT) if (v[f].trim()) b[f] = v[f].trim();
    return b;
  };
  const run = (call, then) => {
    setBusy(true);
    setError(null);
    call().then(then, setError).finally(() => setBusy(false));
  };
  const saved = (key) => {
    notify(`OAuth account “${key.name}” added to ${key.provider}; its token expires ${new Date(key.oauth.expires_at).toLocaleString()}`);
    onSaved(key);
  };
  const submit = (e) => {
    e.preventDefault();
    if (started) run(() => api.post('/api/provider-keys/oauth/finish', { state: started.state, code: code.trim() }), saved);
    else if (v.importing) run(() => api.post('/api/provider-keys/oauth/import', { ...body(), refresh_token: v.refresh_token.trim() }), saved);
    else run(() => api.post('/api/provider-keys/oauth/start', body()), setStarted);
  };
  const chosen = presets.find((p) => p.id === v.preset);
  const label = busy ? 'Working…' : started ? 'Finish' : v.importing ? 'Import' : 'Start authorization';

  return html`<${Dialog} open=${open} title="Add an OAuth account" onClose=${onClose}
    footer=${html`<button type="button" onClick=${onClose}>Cancel</button>
      <button type="submit" class="primary" form="oauth-form" disabled=${busy}>${label}</button>`}>
    <form id="oauth-form" onSubmit=${submit}>
      ${started ? html`
        <p>1. <a href=${started.authorization_url} target="_blank" rel="noopener noreferrer" class="oauth-open">Open the authorization page</a>
          and sign in with the account to add.</p>
        <p class="muted">2. The page then shows a code, or the browser lands on
          <span class="mono">${started.redirect_uri || 'the redirect address'}</span> (it may not load: that is fine).
          Paste the code, or that whole address. Valid until ${new Date(started.expires_at).toLocaleTimeString()}.</p>
        <${Field} label="Code or address" name="code" textarea rows=${3} value=${code} onInput=${setCode} required/>`
      : html`
        <${ProviderField} value=${v.provider} onInput=${set('provider')} providers=${providers}/>
        <${Field} label="Name" name="name" value=${v.name} onInput=${set('name')} required/>
        <${Field} label="Account type" name="preset" value=${v.preset} onInput=${set('preset')}
          options=${presets.map((p) => [p.id, p.label])} hint=${chosen ? chosen.source : null}/>
        ${generic ? html`<div class="form-grid">
          <${Field} label="Authorization URL" name="authorize_url" value=${v.authorize_url} onInput=${set('authorize_url')} required=${!v.importing}/>
          <${Field} label="Token URL" name="token_url" value=${v.token_url} onInput=${set('token_url')} required/>
          <${Field} label="Client id" name="client_id" value=${v.client_id} onInput=${set('client_id')} required/>
          <${Field} label="Client secret" name="client_secret" type="password" value=${v.client_secret} onInput=${set('client_secret')}
            hint="Only for clients that have one"/>
          <${Field} label="Scopes" name="scopes" value=${v.scopes} onInput=${set('scopes')} hint="Space-separated"/>
          <${Field} label="Redirect URI" name="redirect_uri" value=${v.redirect_uri} onInput=${set('redirect_uri')}/>
        </div>` : null}
        <div class="form-grid">
          <${Field} label="Priority" name="priority" type="number" value=${v.priority} onInput=${set('priority')}/>
          <${Field} label="Weight" name="weight" type="number" value=${v.weight} onInput=${set('weight')}/>
          <${Field} label="Tags" name="tags" value=${v.tags} onInput=${set('tags')} hint="Comma-separated"/>
        </div>
        <${Field} label="I already have a refresh token" name="importing" type="checkbox" value=${v.importing} onInput=${set('importing')}/>
        ${v.importing ? html`<${Field} label="Refresh token" name="refresh_token" type="password" value=${v.refresh_token}
          onInput=${set('refresh_token')} required hint="Refreshed once now to prove it; stored encrypted, never shown again."/>` : null}`}
      <${FormError} error=${error}/>
    </form>
  </${Dialog}>`;
}
