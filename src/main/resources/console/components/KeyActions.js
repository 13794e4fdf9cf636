// What an admin can do to provider keys: add one or many, edit, enable (which also ends a cooldown or ban),
// disable with a reason, delete. The page owns one set of dialogs (useKeyActions); rows and the key page
// show the buttons (KeyActions). Keys declared in keypool.yaml can only be enabled and disabled here.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSession } from '../lib/session.js';
import { Dialog, ConfirmButton } from './Dialog.js';
import { Field, FormError } from './Form.js';
import { notify } from './Toast.js';
import { KeyForm } from './KeyForm.js';
import { BulkAdd } from './BulkAdd.js';
import { keyState } from './PoolSummary.js';

function DisableForm({ k, onClose, onDone }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    setBusy(true);
    api.post('/api/provider-keys/' + seg(k.id) + '/disable', reason.trim() ? { reason: reason.trim() } : {}).then((saved) => {
      notify(`Key “${saved.name}” disabled`);
      onDone(saved);
    }, setError).finally(() => setBusy(false));
  };
  return html`<${Dialog} open title=${'Disable “' + k.name + '”'} onClose=${onClose}
    footer=${html`<button type="button" onClick=${onClose}>Cancel</button>
      <button type="submit" class="danger" form="disable-key-form" disabled=${busy}>Disable</button>`}>
    <form id="disable-key-form" onSubmit=${submit}>
      <p>No request uses a disabled key until an operator enables it again.</p>
      <${Field} label="Reason" name="reason" value=${reason} onInput=${setReason} placeholder="disabled by an operator"
        hint="Shown beside the key's state"/>
      <${FormError} error=${error}/>
    </form>
  </${Dialog}>`;
}

/**
 * The dialogs and calls for provider keys. options: keys (all keys, for bulk names and, without
 * providerIds, the provider list), providerIds (the providers to offer), reload (after any change),
 * onDeleted (key => void). Returns {add(provider), addMany(provider), edit(k), disable(k), enable(k),
 * remove(k) (asks nothing), dialogs}.
 */
export function useKeyActions({ keys = [], providerIds, reload, onDeleted }) {
  const [open, setOpen] = useState(null); // {kind: 'add'|'bulk'|'edit'|'disable', k?, provider?}
  const close = () => setOpen(null);
  const providers = providerIds || [...new Set(keys.map((k) => k.provider))].sort();
  const done = () => {
    close();
    reload();
  };
  const enable = (k) => {
    const resting = k.enabled && keyState(k) !== 'healthy';
    api.post('/api/provider-keys/' + seg(k.id) + '/enable').then((saved) => {
      notify(resting ? `Key “${saved.name}” is back in the pool` : `Key “${saved.name}” enabled`);
      reload();
    }, (e) => notify(e.message, 'error'));
  };
  const remove = (k) => {
    api.del('/api/provider-keys/' + seg(k.id)).then(() => {
      notify(`Key “${k.name}” deleted`);
      if (onDeleted) onDeleted(k);
      else reload();
    }, (e) => notify(e.message, 'error'));
  };
  const dialogs = html`
    <${KeyForm} open=${!!open && (open.kind === 'add' || open.kind === 'edit')} k=${open && open.kind === 'edit' ? open.k : null}
      provider=${open && open.provider} providers=${providers} onClose=${close} onSaved=${done}/>
    <${BulkAdd} open=${!!open && open.kind === 'bulk'} provider=${open && open.provider} providers=${providers} keys=${keys}
      onClose=${close} onAdded=${reload}/>
    ${open && open.kind === 'disable' ? html`<${DisableForm} k=${open.k} onClose=${close} onDone=${done}/>` : null}`;
  return {
    add: (provider) => setOpen({ kind: 'add', provider }),
    addMany: (provider) => setOpen({ kind: 'bulk', provider }),
    edit: (k) => setOpen({ kind: 'edit', k }),
    disable: (k) => setOpen({ kind: 'disable', k }),
    enable,
    remove,
    dialogs,
  };
}

/** The buttons for one key (admins only). props: k, actions (from useKeyActions), small. */
export function KeyActions({ k, actions, small = true }) {
  const { canWrite } = useSession();
  if (!canWrite) return null;
  const cls = small ? 'small' : '';
  const fromFile = k.source === 'config';
  const state = keyState(k);
  return html`<div class="row-actions">
    ${!fromFile ? html`<button type="button" class=${cls} onClick=${() => actions.edit(k)}>Edit</button>` : null}
    ${!k.enabled ? html`<button type="button" class=${cls} onClick=${() => actions.enable(k)}>Enable</button>` : null}
    ${k.enabled && state !== 'healthy' ? html`<button type="button" class=${cls} onClick=${() => actions.enable(k)}
      title="End the cooldown or ban now: the next request may use this key">Put back</button>` : null}
    ${k.enabled ? html`<button type="button" class=${cls} onClick=${() => actions.disable(k)}>Disable</button>` : null}
    ${!fromFile ? html`<${ConfirmButton} label="Delete" danger className=${cls} onConfirm=${() => actions.remove(k)}
      question=${`Delete the key “${k.name}” of ${k.provider}? Its secret is gone for good; its history stays.`}/>` : null}
  </div>`;
}
