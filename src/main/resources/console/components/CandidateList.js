// A route's candidates in fallback order: the first is preferred, the next ones are tried when it fails.
// Rows can be added, removed and moved; a model can be typed or picked from the provider's own list.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { UpstreamModels } from './UpstreamModels.js';

/** `list` with the item at `i` moved by `delta` places (unchanged at the ends). */
export function moved(list, i, delta) {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * props: value ([{key, provider, model}]), onInput (list => void), providers (ids to choose from),
 * routeId (what a blank model defaults to).
 */
export function CandidateList({ value, onInput, providers, routeId }) {
  const [picking, setPicking] = useState(null); // key of the row whose model is being picked
  const set = (i, patch) => onInput(value.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const add = () => onInput([...value, { key: Date.now() + Math.random(), provider: '', model: '' }]);
  const options = (current) => (current && !providers.includes(current) ? [current, ...providers] : providers);
  return html`<fieldset class="candidates">
    <legend>Candidates <span class="muted">(in fallback order: the first is preferred)</span></legend>
    ${value.length === 0 ? html`<div class="state empty">A route needs at least one candidate.</div>` : null}
    <ol>${value.map((c, i) => html`<li key=${c.key} class="candidate">
      <div class="candidate-row">
        <span class="candidate-rank" aria-hidden="true">${i + 1}</span>
        <label class="inline">
          <span>Provider</span>
          <select value=${c.provider} onChange=${(e) => set(i, { provider: e.target.value })} aria-label=${`Provider of candidate ${i + 1}`}>
            ${c.provider ? null : html`<option value="">Choose…</option>`}
            ${options(c.provider).map((p) => html`<option value=${p}>${p}</option>`)}
          </select>
        </label>
        <label class="inline grow">
          <span>Model</span>
          <input value=${c.model} placeholder=${routeId ? `${routeId} (the route id)` : 'the route id'}
            aria-label=${`Model of candidate ${i + 1}`} onInput=${(e) => set(i, { model: e.target.value })}/>
        </label>
        <div class="row-actions">
          <button type="button" class="small" disabled=${!c.provider} aria-expanded=${picking === c.key}
            onClick=${() => setPicking(picking === c.key ? null : c.key)}>Pick…</button>
          <button type="button" class="small" aria-label=${`Move candidate ${i + 1} up`} disabled=${i === 0}
            onClick=${() => onInput(moved(value, i, -1))}>↑</button>
          <button type="button" class="small" aria-label=${`Move candidate ${i + 1} down`} disabled=${i === value.length - 1}
            onClick=${() => onInput(moved(value, i, 1))}>↓</button>
          <button type="button" class="small danger" aria-label=${`Remove candidate ${i + 1}`}
            onClick=${() => onInput(value.filter((_, k) => k !== i))}>✕</button>
        </div>
      </div>
      ${picking === c.key && c.provider ? html`<${UpstreamModels} provider=${c.provider}
        onPick=${(m) => { set(i, { model: m }); setPicking(null); }} onClose=${() => setPicking(null)}/>` : null}
    </li>`)}</ol>
    <button type="button" class="small" onClick=${add}>+ Add candidate</button>
  </fieldset>`;
}
