// A dialog around a create / edit form: its own copy of the values (reset whenever it opens), the
// API's error shown in the form, and the submit button busy while the call runs.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { Dialog } from './Dialog.js';
import { FormError } from './Form.js';

/**
 * props: open, title, wide, current (the record edited; null: create), initial (current => form values),
 * save (form => promise of the answer, or null when there is nothing to send), onClose, onSaved (answer),
 * submitLabel (on create), children ((form, set) => elements; set(field) gives a setter).
 */
export function FormDialog({ open, title, wide, current, initial, save, onClose, onSaved, submitLabel, children }) {
  const [form, setForm] = useState(() => initial(current));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setForm(initial(current));
      setError(null);
    }
  }, [open, current]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (field) => (value) => setForm((f) => ({ ...f, [field]: value }));
  const submit = (e) => {
    e.preventDefault();
    const call = save(form);
    if (!call) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    call.then(onSaved, setError).finally(() => setBusy(false));
  };
  return html`<${Dialog} open=${open} wide=${wide} title=${title} onClose=${onClose}>
    <form onSubmit=${submit}>
      ${children(form, set)}
      <${FormError} error=${error}/>
      <div class="form-buttons">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : current ? 'Save' : submitLabel}</button>
      </div>
    </form>
  </${Dialog}>`;
}
