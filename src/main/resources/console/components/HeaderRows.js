// A provider's extra headers as name/value rows. Values that may be credentials arrive as a hint
// ("abc...1234"): left as they are, the gateway keeps the stored value. Headers the environment sets
// are shown locked.
import { html } from '../lib/html.js';
import { headerRow, isHint } from './providerBody.js';

/** props: value (rows from headerRow), onInput (rows => void), locked (name => boolean). */
export function HeaderRows({ value, onInput, locked = () => false }) {
  const set = (i, patch) => onInput(value.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return html`<fieldset class="header-rows">
    <legend>Extra headers <span class="muted">(sent upstream with every request)</span></legend>
    ${value.length === 0 ? html`<p class="muted small-text">None.</p>` : null}
    ${value.map((r, i) => {
      const lock = r.orig !== null && locked(r.orig);
      return html`<div class="header-row" key=${r.key}>
        <label class="inline"><span>Name</span>
          <input value=${r.name} disabled=${lock} placeholder="x-team" aria-label=${`Name of header ${i + 1}`}
            onInput=${(e) => set(i, { name: e.target.value })}/></label>
        <label class="inline grow"><span>Value</span>
          <input value=${r.value} disabled=${lock} aria-label=${`Value of header ${i + 1}`} autocomplete="off"
            onInput=${(e) => set(i, { value: e.target.value })}/></label>
        ${lock ? html`<span class="source env locked" title="Set by the environment; wins over changes here">env</span>`
          : html`<button type="button" class="small danger" aria-label=${`Remove header ${r.name || i + 1}`}
            onClick=${() => onInput(value.filter((_, k) => k !== i))}>✕</button>`}
      </div>`;
    })}
    <button type="button" class="small" onClick=${() => onInput([...value, headerRow()])}>+ Add header</button>
    ${value.some((r) => r.orig && r.value === r.origValue && isHint(r.value))
      ? html`<small class="muted limits-hint">Values shown as a hint stay as stored unless you type a new one.</small>` : null}
  </fieldset>`;
}
