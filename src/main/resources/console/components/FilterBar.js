// A row of labelled filters over a listing. Choices (selects, times) apply at once; typed text applies on
// Enter or when the field is left, so a half-typed word never starts a search.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';

let next = 0;

/** An ISO instant -> the "2026-12-07T14:32" a datetime-local input shows, in the browser's time zone. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) -> an ISO instant to the second, '' when empty. */
export function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace('.000Z', 'Z');
}

/** The filters of `names` present in a URLSearchParams, as an object. */
export function pickFilters(query, names) {
  const out = {};
  for (const n of names) {
    const v = query.get(n);
    if (v) out[n] = v;
  }
  return out;
}

/**
 * props: fields ([{name, label, type: 'text'|'number'|'datetime'|'select', options?: [[value, label]], placeholder?}]),
 * values (object of applied filters), onChange (new values object), children (extra controls at the end).
 */
export function FilterBar({ fields, values, onChange, children, label = 'Filters' }) {
  const [draft, setDraft] = useState(values);
  const applied = JSON.stringify(values);
  useEffect(() => setDraft(values), [applied]); // eslint-disable-line react-hooks/exhaustive-deps
  const [ids] = useState(() => Object.fromEntries(fields.map((f) => [f.name, `flt-${f.name}-${++next}`])));

  const apply = (name, value) => {
    const nextValues = { ...values, [name]: value };
    if (!value) delete nextValues[name];
    if ((values[name] || '') !== (value || '')) onChange(nextValues);
  };
  // "change" is Enter or leaving the field; "search" also comes from the field's own clear button.
  const commit = (name) => (e) => apply(name, e.target.value.trim());
  const typed = (name) => (e) => setDraft({ ...draft, [name]: e.target.value });
  const anySet = Object.keys(values).length > 0;
  const [open, setOpen] = useState(false); // on phones the fields fold away behind a button

  const control = (f) => {
    const id = ids[f.name] || `flt-${f.name}`;
    if (f.type === 'select') {
      const options = f.options || [];
      const current = values[f.name] || '';
      // A value from a shared link that is not among the choices (yet) still shows as itself.
      const known = !current || options.some(([v]) => v === current);
      return html`<select id=${id} value=${current} onChange=${(e) => apply(f.name, e.target.value)}>
        <option value="">Any</option>
        ${known ? null : html`<option value=${current}>${current}</option>`}
        ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select>`;
    }
    if (f.type === 'datetime') {
      return html`<input id=${id} type="datetime-local" value=${toLocalInput(values[f.name])}
        onChange=${(e) => apply(f.name, fromLocalInput(e.target.value))}/>`;
    }
    // Numbers are typed as text: a value from a shared link that is no number still shows (and the API says why).
    return html`<input id=${id} type="search" inputmode=${f.type === 'number' ? 'numeric' : undefined} value=${draft[f.name] || ''}
      placeholder=${f.placeholder} autocomplete="off"
      onInput=${typed(f.name)} onChange=${commit(f.name)} onSearch=${commit(f.name)}/>`;
  };

  return html`<form class=${'filters' + (open ? ' open' : '')} role="search" aria-label=${label} onSubmit=${(e) => e.preventDefault()}>
    ${fields.map((f) => html`<div class=${'field' + (f.wide ? ' wide' : '')}>
      <label for=${ids[f.name]}>${f.label}</label>${control(f)}</div>`)}
    <div class="filter-actions">
      <button type="button" class="filter-toggle" aria-expanded=${open} onClick=${() => setOpen(!open)}>
        Filters${anySet ? ` (${Object.keys(values).length})` : ''} ${open ? '▴' : '▾'}</button>
      <button type="button" disabled=${!anySet} onClick=${() => onChange({})}>Clear filters</button>
      ${children}
    </div>
  </form>`;
}
