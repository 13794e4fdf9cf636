// Limits of a gateway key, user or org ({"requests_per_minute":60,"cost_usd_per_month":50,"concurrent":4}):
// edited as rows (what, how many, per which period) and summed up in one short line.
import { html } from '../lib/html.js';
import { compactCount, usd } from '../lib/format.js';

const KINDS = [['requests', 'Requests'], ['tokens', 'Tokens'], ['cost_usd', 'Cost (USD)'], ['concurrent', 'Concurrent requests']];
const PERIODS = ['second', 'minute', 'hour', 'day', 'month'];
const SHORT = { second: 's', minute: 'min', hour: 'h', day: 'day', month: 'month' };

/** The API's object -> editable rows [{kind, period, value}]. */
export function limitsToRows(limits) {
  return Object.entries(limits || {}).map(([field, value]) => {
    if (field === 'concurrent') return { kind: 'concurrent', period: 'minute', value: String(value) };
    const at = field.indexOf('_per_');
    return { kind: field.slice(0, at), period: field.slice(at + 5), value: String(value) };
  });
}

/** Rows -> the API's object; rows without a value are left out. Counts go as numbers, dollars as typed. */
export function rowsToLimits(rows) {
  const out = {};
  for (const r of rows) {
    const v = String(r.value ?? '').trim();
    if (!v) continue;
    const field = r.kind === 'concurrent' ? 'concurrent' : `${r.kind}_per_${r.period}`;
    out[field] = r.kind !== 'cost_usd' && /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

/** "60 req/min · 2M tokens/day · $50/month · 4 concurrent", or "none". */
export function limitsSummary(limits) {
  const parts = Object.entries(limits || {}).map(([field, value]) => {
    if (field === 'concurrent') return `${value} concurrent`;
    const at = field.indexOf('_per_');
    const kind = field.slice(0, at);
    const per = '/' + (SHORT[field.slice(at + 5)] || field.slice(at + 5));
    if (kind === 'cost_usd') return usd(value) + per;
    return compactCount(Number(value)) + (kind === 'requests' ? ' req' : ' tokens') + per;
  });
  return parts.length ? parts.join(' · ') : 'none';
}

export function LimitsSummary({ limits }) {
  const text = limitsSummary(limits);
  return text === 'none' ? html`<span class="muted">none</span>` : html`<span>${text}</span>`;
}

/** props: rows, onChange (rows => void), hint, legend, disabled. */
export function LimitsEditor({ rows, onChange, hint, legend = 'Limits', disabled }) {
  const set = (i, patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const remove = (i) => onChange(rows.filter((_, j) => j !== i));
  const add = () => onChange([...rows, { kind: 'requests', period: 'minute', value: '' }]);
  const fields = rows.map((r) => (r.kind === 'concurrent' ? r.kind : `${r.kind}_per_${r.period}`));
  return html`<fieldset class="limits" disabled=${disabled}>
    <legend>${legend}</legend>
    ${rows.length === 0 ? html`<p class="muted small-text">No limits: only the gateway's defaults apply.</p>` : null}
    ${rows.map((r, i) => html`<div class="limit-row" key=${i}>
      <select class="limit-kind" aria-label=${`Limit ${i + 1}: what`} value=${r.kind} onChange=${(e) => set(i, { kind: e.target.value })}>
        ${KINDS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
      <input class="limit-value" aria-label=${`Limit ${i + 1}: at most`} inputmode="decimal" value=${r.value} placeholder=${r.kind === 'cost_usd' ? '50.00' : '60'}
        onInput=${(e) => set(i, { value: e.target.value })}/>
      ${r.kind === 'concurrent' ? html`<span class="muted limit-per">at once</span>` : html`<select class="limit-per" aria-label=${`Limit ${i + 1}: per`}
        value=${r.period} onChange=${(e) => set(i, { period: e.target.value })}>
        ${PERIODS.map((p) => html`<option value=${p}>per ${p}</option>`)}</select>`}
      <button type="button" class="icon limit-remove" aria-label=${`Remove limit ${i + 1}`} onClick=${() => remove(i)}>✕</button>
      ${fields.indexOf(fields[i]) !== i ? html`<small class="limit-dup">Repeats an earlier row: this value replaces it.</small>` : null}
    </div>`)}
    <button type="button" class="small" onClick=${add}>+ Add limit</button>
    ${hint ? html`<small class="muted limits-hint">${hint}</small>` : null}
  </fieldset>`;
}
