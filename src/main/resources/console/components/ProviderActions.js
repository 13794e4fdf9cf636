// What an admin can do to providers: add, edit, delete, and reset one to the file's definition. The page
// owns one set of dialogs (useProviderActions); each provider's panel shows the buttons (ProviderButtons).
// A provider still used by keys added here or by model routes is not deleted: the gateway names them
// (409 provider_in_use) and a dialog lists them with links, to delete those first.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { link } from '../lib/router.js';
import { Dialog, ConfirmButton } from './Dialog.js';
import { notify } from './Toast.js';
import { ProviderForm } from './ProviderForm.js';

/** The keys and routes a provider_in_use answer names: [{kind: 'key'|'route', name, id?}]. */
export function usersOf(message) {
  const out = [];
  for (const m of message.matchAll(/provider key '([^']+)' \(([^)]+)\)|model route '([^']+)'/g)) {
    out.push(m[3] !== undefined ? { kind: 'route', name: m[3] } : { kind: 'key', name: m[1], id: m[2] });
  }
  return out;
}

function InUse({ refusal, onClose }) {
  const users = usersOf(refusal.error.message);
  const keys = users.filter((u) => u.kind === 'key');
  const routes = users.filter((u) => u.kind === 'route');
  return html`<${Dialog} open title=${`${refusal.provider} is still in use`} onClose=${onClose}
    footer=${html`<button type="button" class="primary" onClick=${onClose}>OK</button>`}>
    <p>The gateway ${refusal.what} <strong>${refusal.provider}</strong> only once nothing added here uses it.
      Delete or move these first:</p>
    ${keys.length ? html`<h3 class="in-use-head">Provider keys added through the console or API</h3>
      <ul class="in-use">${keys.map((k) => html`<li key=${k.id}>
        <a href=${link('provider-keys', k.id)} onClick=${onClose}>${k.name}</a> <span class="muted mono">${k.id}</span></li>`)}</ul>` : null}
    ${routes.length ? html`<h3 class="in-use-head">Model routes with a candidate on it</h3>
      <ul class="in-use">${routes.map((r) => html`<li key=${r.name}>
        <a href=${link('models')} onClick=${onClose}><code>${r.name}</code></a></li>`)}</ul>` : null}
    ${users.length === 0 ? html`<p class="muted">${refusal.error.message}</p>` : null}
  </${Dialog}>`;
}

/** The dialogs and calls for providers. options: reload (after any change). */
export function useProviderActions({ reload }) {
  const [editing, setEditing] = useState(undefined); // undefined: closed; null: adding; else the provider
  const [refusal, setRefusal] = useState(null); // {provider, what, error}: a 409 provider_in_use
  const failed = (p, what) => (e) => (e.type === 'provider_in_use' ? setRefusal({ provider: p.id, what, error: e })
    : notify(e.message, 'error'));
  const remove = (p) => api.del('/api/providers/' + seg(p.id)).then(() => {
    notify(`Provider ${p.id} deleted`);
    reload();
  }, failed(p, 'deletes'));
  const reset = (p) => api.post('/api/providers/' + seg(p.id) + '/reset').then((a) => {
    notify(a.removed ? `Provider ${p.id} removed: the file has no such provider` : `Provider ${p.id} is the file’s again`);
    reload();
  }, failed(p, 'removes'));
  const saved = (p) => {
    notify(editing ? `Provider ${p.id} saved` : `Provider ${p.id} added: now add its keys`);
    setEditing(undefined);
    reload();
  };
  const dialogs = html`
    <${ProviderForm} open=${editing !== undefined} provider=${editing || null} onClose=${() => setEditing(undefined)} onSaved=${saved}/>
    ${refusal ? html`<${InUse} refusal=${refusal} onClose=${() => setRefusal(null)}/>` : null}`;
  return { add: () => setEditing(null), edit: setEditing, remove, reset, dialogs };
}

/** The admin buttons of one provider. props: p, actions (from useProviderActions). */
export function ProviderButtons({ p, actions }) {
  const fromFile = p.source === 'file';
  return html`
    <button type="button" class="small" onClick=${() => actions.edit(p)}>Edit</button>
    ${p.source === 'runtime' ? html`<${ConfirmButton} className="small" label="Reset" onConfirm=${() => actions.reset(p)}
      question=${`Drop the run-time change of ${p.id}? The file’s definition (and its keys) applies again; `
        + 'a provider only created here is deleted.'}/>` : null}
    <${ConfirmButton} className="small" danger label="Delete" onConfirm=${() => actions.remove(p)}
      question=${`Delete provider ${p.id}? Requests naming it fail.${fromFile
        ? ' The keys the file declares for it go with it; it stays deleted after restarts until you restore it.' : ''}`}/>`;
}
