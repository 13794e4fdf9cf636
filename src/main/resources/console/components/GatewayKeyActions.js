// What an admin can do to one gateway key: edit, suspend or reactivate, regenerate (the new secret is
// shown once), revoke and delete. Which buttons show follows the key's state and where it is declared.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSession } from '../lib/session.js';
import { ConfirmButton } from './Dialog.js';
import { notify } from './Toast.js';
import { GatewayKeyForm } from './GatewayKeyForm.js';
import { SecretOnce } from './SecretOnce.js';

/** props: k (the key), owners (useOwners()), onChanged (after any change), small (compact buttons). */
export function GatewayKeyActions({ k, owners, onChanged, small }) {
  const { canWrite } = useSession();
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!canWrite || k.deleted_at) return null;

  const path = '/api/gateway-keys/' + seg(k.id);
  const run = (call, done, after) => {
    setBusy(true);
    call()
      .then((answer) => {
        notify(done);
        if (after) after(answer);
        onChanged();
      }, (e) => notify(`“${k.name}”: ${e.message}`, 'error'))
      .finally(() => setBusy(false));
  };
  const cls = small ? 'small' : '';
  const fromConfig = k.source === 'config';
  const live = k.status !== 'revoked';
  // The dialogs sit inside a table row: their clicks and keys must not open the row's detail page.
  const stop = (e) => e.stopPropagation();
  return html`<div class="row-actions" onClick=${stop} onKeyDown=${stop}>
    ${live ? html`<button type="button" class=${cls} disabled=${busy} onClick=${() => setEditing(true)}>Edit</button>` : null}
    ${k.status === 'active' ? html`<button type="button" class=${cls} disabled=${busy}
      onClick=${() => run(() => api.patch(path, { status: 'suspended' }), `Key “${k.name}” suspended`)}>Suspend</button>` : null}
    ${k.status === 'suspended' ? html`<button type="button" class=${cls} disabled=${busy}
      onClick=${() => run(() => api.patch(path, { status: 'active' }), `Key “${k.name}” reactivated`)}>Reactivate</button>` : null}
    ${live && !fromConfig ? html`<${ConfirmButton} label="Regenerate" className=${cls} disabled=${busy}
      question=${`Regenerate “${k.name}”? The current secret stops working at once; the new one is shown once.`}
      onConfirm=${() => run(() => api.post(path + '/regenerate'), `Key “${k.name}” regenerated`, (a) => setSecret(a.key))}/>` : null}
    ${live ? html`<${ConfirmButton} label="Revoke" danger className=${cls} disabled=${busy}
      question=${`Revoke “${k.name}” for good? A revoked key can never be used, reactivated or regenerated.`}
      onConfirm=${() => run(() => api.post(path + '/revoke'), `Key “${k.name}” revoked`)}/>` : null}
    ${!fromConfig ? html`<${ConfirmButton} label="Delete" danger className=${cls} disabled=${busy}
      question=${`Delete “${k.name}”? It stops working and leaves the list; its request history is kept.`}
      onConfirm=${() => run(() => api.del(path), `Key “${k.name}” deleted`)}/>` : null}
    <${GatewayKeyForm} open=${editing} gatewayKey=${k} owners=${owners} onClose=${() => setEditing(false)}
      onSaved=${() => { setEditing(false); notify(`Key “${k.name}” saved`); onChanged(); }}/>
    <${SecretOnce} secret=${secret} title=${`New secret of “${k.name}”`} onClose=${() => setSecret(null)}/>
  </div>`;
}
