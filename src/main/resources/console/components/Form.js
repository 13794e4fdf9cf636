// Labelled form controls: every input has a visible label and, on error, a message tied to it.
import { html } from '../lib/html.js';

let next = 0;
const uid = (name) => `f-${name}-${++next}`;

/** props: label, name, value, onInput (value => void), type, hint, required, placeholder, textarea, options ([[value,label]]). */
export function Field({ label, name, value, onInput, type = 'text', hint, required, placeholder, textarea, options, disabled, rows = 4, autocomplete }) {
  const id = uid(name);
  const set = (e) => onInput(type === 'checkbox' ? e.target.checked : e.target.value);
  let control;
  if (options) {
    control = html`<select id=${id} name=${name} value=${value ?? ''} onChange=${set} disabled=${disabled}>
      ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>`;
  } else if (textarea) {
    control = html`<textarea id=${id} name=${name} rows=${rows} value=${value ?? ''} onInput=${set} required=${required}
      placeholder=${placeholder} disabled=${disabled} aria-describedby=${hint ? id + '-hint' : undefined}></textarea>`;
  } else if (type === 'checkbox') {
    return html`<label class="check"><input type="checkbox" id=${id} name=${name} checked=${!!value} onChange=${set} disabled=${disabled}/> ${label}</label>`;
  } else {
    control = html`<input id=${id} name=${name} type=${type} value=${value ?? ''} onInput=${set} required=${required}
      placeholder=${placeholder} disabled=${disabled} autocomplete=${autocomplete || (type === 'password' ? 'new-password' : 'off')}
      aria-describedby=${hint ? id + '-hint' : undefined}/>`;
  }
  return html`<div class="field">
    <label for=${id}>${label}${required ? html`<span aria-hidden="true"> *</span>` : null}</label>
    ${control}
    ${hint ? html`<small id=${id + '-hint'}>${hint}</small>` : null}
  </div>`;
}

/** An error message under a form, from an ApiError. */
export function FormError({ error }) {
  return error ? html`<div class="state error" role="alert">${error.message}</div>` : null;
}

/** "a, b, c" <-> ["a","b","c"], for list fields edited as text. */
export const splitList = (text) => (text || '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
export const joinList = (list) => (list || []).join(', ');
