// The form that adds one provider key or edits one: the secret is write-only (left empty on edit, it
// stays as it is), numbers go to the API as numbers and the API's own checks name a bad field.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { Dialog } from './Dialog.js';
import { Field, FormError, splitList, joinList } from './Form.js';
import { notify } from './Toast.js';

let next = 0;

/** A provider id typed or picked from the providers known so far. props: value, onInput, providers, disabled. */
export function ProviderField({ value, onInput, providers, disabled }) {
  const [id] = useState(() => 'provider-' + ++next);
  return html`<div class="field">
    <label for=${id}>Provider<span aria-hidden="true"> *</span></label>
    <input id=${id} name="provider" list=${id + '-list'} value=${value} required disabled=${disabled} autocomplete="off"
      onInput=${(e) => onInput(e.target.value)}/>
    <datalist id=${id + '-list'}>${providers.map((p) => html`<option value=${p}/>`)}</datalist>
  </div>`;
}

/** "" -> left out (the API's default); a number -> the number; anything else as typed, for the API to refuse by name. */
export function intOrText(text) {
  const t = String(text ?? '').trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** The fields every new key of a batch shares, as the API takes them. */
export function sharedFields(v) {
  return {
    priority: intOrText(v.priority), weight: intOrText(v.weight), tags: splitList(v.tags),
    requests_per_minute: intOrText(v.requests_per_minute),
  };
}

/** The inputs for priority, weight, tags and the per-minute cap (add one, add many, edit). */
export function RoutingFields({ v, set }) {
  return html`<div class="form-grid">
    <${Field} label="Priority" name="priority" type="number" value=${v.priority} onInput=${set('priority')}
      hint="Higher first, under the priority strategy"/>
    <${Field} label="Weight" name="weight" type="number" value=${v.weight} onInput=${set('weight')} hint="Share of traffic under the weighted strategy"/>
    <${Field} label="Requests per minute" name="requests_per_minute" type="number" value=${v.requests_per_minute}
      onInput=${set('requests_per_minute')} hint="0: no cap of our own"/>
    <${Field} label="Tags" name="tags" value=${v.tags} onInput=${set('tags')} hint="Comma-separated"/>
  </div>`;
}

function initial(key, provider) {
  if (!key) return { provider: provider || '', name: '', secret: '', priority: '0', weight: '1', tags: '', notes: '', requests_per_minute: '0' };
  return { provider: key.provider, name: key.name, secret: '', priority: String(key.priority), weight: String(key.weight),
    tags: joinList(key.tags), notes: key.notes || '', requests_per_minute: String(key.requests_per_minute) };
}

/**
 * props: open, k (the key to edit; none: add one), provider (preselected when adding), providers (known ids),
 * onClose, onSaved (key => void).
 */
export function KeyForm({ open, k, provider, providers, onClose, onSaved }) {
  const [v, setV] = useState(initial(k, provider));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [formId] = useState(() => 'key-form-' + ++next);
  useEffect(() => {
    if (open) {
      setV(initial(k, provider));
      setError(null);
    }
  }, [open, k && k.id, provider]);
  const set = (name) => (value) => setV((old) => ({ ...old, [name]: value }));

  const submit = (e) => {
    e.preventDefault();
    const body = { name: v.name.trim(), ...sharedFields(v), notes: v.notes };
    if (v.secret.trim()) body.secret = v.secret.trim();
    if (!k) body.provider = v.provider.trim();
    setBusy(true);
    setError(null);
    (k ? api.patch('/api/provider-keys/' + seg(k.id), body) : api.post('/api/provider-keys', body)).then(
      (saved) => {
        notify(k ? `Key “${saved.name}” saved` : `Key “${saved.name}” added to ${saved.provider}`);
        onSaved(saved);
      },
      setError,
    ).finally(() => setBusy(false));
  };

  return html`<${Dialog} open=${open} title=${k ? 'Edit key “' + k.name + '”' : 'Add a provider key'} onClose=${onClose}
    footer=${html`<button type="button" onClick=${onClose}>Cancel</button>
      <button type="submit" class="primary" form=${formId} disabled=${busy}>${busy ? 'Saving…' : k ? 'Save' : 'Add key'}</button>`}>
    <form id=${formId} onSubmit=${submit}>
      ${k ? html`<p class="muted">Provider <strong>${k.provider}</strong></p>`
        : html`<${ProviderField} value=${v.provider} onInput=${set('provider')} providers=${providers}/>`}
      <${Field} label="Name" name="name" value=${v.name} onInput=${set('name')} required/>
      <${Field} label="Secret" name="secret" type="password" value=${v.secret} onInput=${set('secret')} required=${!k}
        placeholder=${k ? 'unchanged (' + k.secret_hint + ')' : 'sk-…'}
        hint=${k ? 'Leave empty to keep the current secret. Secrets are never shown again.' : 'Stored encrypted; never shown again.'}/>
      <${RoutingFields} v=${v} set=${set}/>
      <${Field} label="Notes" name="notes" textarea rows=${2} value=${v.notes} onInput=${set('notes')}/>
      <${FormError} error=${error}/>
    </form>
  </${Dialog}>`;
}
