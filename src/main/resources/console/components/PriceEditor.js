// The dialog that sets a model's price (PUT /api/prices/{model}), in US dollars per million tokens.
// Cache prices left blank take the input price, as the gateway does.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSubmit, problem } from '../lib/submit.js';
import { Dialog } from './Dialog.js';
import { Field } from './Form.js';
import { Problems } from './Problems.js';

const FIELDS = [
  ['input', 'Input', true], ['output', 'Output', true],
  ['cache_read', 'Cache read', false], ['cache_write', 'Cache write', false],
];

const text = (v) => (v == null ? '' : String(v));

/** The PUT body, or a sentence saying what is wrong. */
function bodyOf(form) {
  const body = {};
  for (const [k, label, required] of FIELDS) {
    const t = form[k].trim();
    if (!t) {
      if (required) return `${label} price is required.`;
      continue;
    }
    const n = Number(t);
    if (!Number.isFinite(n) || n < 0) return `${label} price must be a number of dollars, 0 or more.`;
    body[k] = n;
  }
  return body;
}

/** props: open, model (null: a new one), price (its current price), onClose, onSaved (model => void). */
export function PriceEditor({ open, model, price, onClose, onSaved }) {
  const blank = { model: '', input: '', output: '', cache_read: '', cache_write: '' };
  const [form, setForm] = useState(blank);
  const { error, setError, busy, send } = useSubmit();
  useEffect(() => {
    if (!open) return;
    const p = price || {};
    setForm({ model: model || '', input: text(p.input), output: text(p.output), cache_read: text(p.cache_read), cache_write: text(p.cache_write) });
    setError(null);
  }, [open, model, price]);
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e) => {
    e.preventDefault();
    const id = form.model.trim();
    const body = bodyOf(form);
    if (typeof body === 'string') return setError(problem(body));
    return send(() => api.put('/api/prices/' + seg(id), body), () => onSaved(id));
  };

  return html`<${Dialog} open=${open} title=${model ? `Price of ${model}` : 'Add a price'} onClose=${onClose}>
    <form onSubmit=${submit}>
      <${Field} label="Model" name="price-model" value=${form.model} onInput=${set('model')} required disabled=${!!model}
        hint="Lower-cased. A request for openai/gpt-4o or gpt-4o-2024-08-06 also uses the price of gpt-4o." placeholder="gpt-4o"/>
      <p class="muted small">US dollars per million tokens. ${price && price.source === 'default'
        ? 'Saving stores a run-time price that wins over the shipped or file price until you reset it.' : ''}</p>
      <div class="form-grid">
        ${FIELDS.map(([k, label, required]) => html`<${Field} label=${label} name=${'price-' + k} value=${form[k]}
          onInput=${set(k)} required=${required} hint=${required ? undefined : 'Blank: the input price.'}/>`)}
      </div>
      <${Problems} error=${error}/>
      <div class="form-actions">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy || !form.model.trim()}>${busy ? 'Saving…' : 'Save price'}</button>
      </div>
    </form>
  </${Dialog}>`;
}
