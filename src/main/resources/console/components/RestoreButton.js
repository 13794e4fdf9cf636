// Brings back what the file (or the shipped defaults) defines after it was removed at run time: a
// removed entry is no longer listed, so the operator names it.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useSubmit } from '../lib/submit.js';
import { Dialog } from './Dialog.js';
import { Field } from './Form.js';
import { Problems } from './Problems.js';

/** props: label, title, fieldLabel, explain, path (id => reset URL), onDone (answer => void). */
export function RestoreButton({ label, title, fieldLabel, explain, path, onDone }) {
  const [open, setOpen] = useState(false);
  const [id, setId] = useState('');
  const { error, setError, busy, send } = useSubmit();
  const close = () => { setOpen(false); setError(null); setId(''); };
  const submit = (e) => {
    e.preventDefault();
    send(() => api.post(path(id.trim())), (answer) => { close(); onDone(answer); });
  };
  return html`<button type="button" onClick=${() => setOpen(true)}>${label}</button>
    <${Dialog} open=${open} title=${title} onClose=${close}>
      <form onSubmit=${submit}>
        <p class="muted">${explain}</p>
        <${Field} label=${fieldLabel} name="restore-id" value=${id} onInput=${setId} required/>
        <${Problems} error=${error}/>
        <div class="form-actions"><button type="button" onClick=${close}>Cancel</button>
          <button type="submit" class="primary" disabled=${busy || !id.trim()}>${busy ? 'Resetting…' : 'Reset'}</button></div>
      </form>
    </${Dialog}>`;
}
