// Model limits: each known model's context window and largest output cap, in tokens: shipped with
// Keypool or from the file's model_limits:, with run-time changes laid over them. Routes clamp (or
// refuse) a client's max_tokens above the target model's output limit. Admins set and reset limits.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { useSubmit, problem } from '../lib/submit.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Dialog, ConfirmButton } from '../components/Dialog.js';
import { Field } from '../components/Form.js';
import { Problems } from '../components/Problems.js';
import { notify } from '../components/Toast.js';
import { SourceBadge } from '../components/SourceBadge.js';

const limitUrl = (model) => '/api/model-limits/' + seg(model);
const tokens = (v) => (v == null ? '—' : Number(v).toLocaleString());
const text = (v) => (v == null ? '' : String(v));

/** The PUT body, or a sentence saying what is wrong. */
function bodyOf(form) {
  const body = {};
  for (const [k, label] of [['context_window', 'Context window'], ['max_output_tokens', 'Max output']]) {
    const t = form[k].trim();
    if (!t) continue;
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1) return `${label} must be a whole number of tokens, 1 or more.`;
    body[k] = n;
  }
  return Object.keys(body).length ? body : 'Give the context window, the max output or both.';
}

/** props: open, row (null: a new model), onClose, onSaved (model => void). */
function LimitEditor({ open, row, onClose, onSaved }) {
  const [form, setForm] = useState({ model: '', context_window: '', max_output_tokens: '' });
  const { error, setError, busy, send } = useSubmit();
  useEffect(() => {
    if (!open) return;
    const r = row || {};
    setForm({ model: r.model || '', context_window: text(r.context_window), max_output_tokens: text(r.max_output_tokens) });
    setError(null);
  }, [open, row]);
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e) => {
    e.preventDefault();
    const id = form.model.trim();
    const body = bodyOf(form);
    if (typeof body === 'string') return setError(problem(body));
    return send(() => api.put(limitUrl(id), body), () => onSaved(id));
  };
  return html`<${Dialog} open=${open} title=${row ? `Limits of ${row.model}` : 'Add model limits'} onClose=${onClose}>
    <form onSubmit=${submit}>
      <${Field} label="Model" name="limit-model" value=${form.model} onInput=${set('model')} required disabled=${!!row}
        hint="The upstream model name. Also matches dated ids and longer ids that start with it and a dash." placeholder="gpt-4o"/>
      <div class="form-grid">
        <${Field} label="Context window" name="limit-context_window" value=${form.context_window}
          onInput=${set('context_window')} hint="Tokens; blank: unknown."/>
        <${Field} label="Max output" name="limit-max_output_tokens" value=${form.max_output_tokens}
          onInput=${set('max_output_tokens')} hint="Tokens; blank: unknown (no clamping)."/>
      </div>
      <${Problems} error=${error}/>
      <div class="form-actions">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy || !form.model.trim()}>${busy ? 'Saving…' : 'Save limits'}</button>
      </div>
    </form>
  </${Dialog}>`;
}

export default function ModelLimits() {
  const { canWrite } = useSession();
  const limits = useResource(() => api.get('/api/model-limits'), [], 60_000);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState(undefined); // undefined: closed; null: a new model; else the row

  const done = (t) => { notify(t); limits.reload(); };
  const reset = (r) => api.del(limitUrl(r.model)).then((a) => done(a.source === 'none'
    ? `${r.model} has no limits any more: they were only set here` : `${r.model} uses the shipped or file limits again`),
  (e) => notify(e.message, 'error'));

  const columns = [
    { key: 'model', label: 'Model', render: (r) => html`<code class="strong">${r.model}</code>` },
    { key: 'context_window', label: 'Context window', align: 'right', title: 'Tokens', render: (r) => tokens(r.context_window) },
    { key: 'max_output_tokens', label: 'Max output', align: 'right', title: 'The largest max_tokens the model accepts',
      render: (r) => tokens(r.max_output_tokens) },
    { key: 'source', label: 'Layer', render: (r) => html`<${SourceBadge} source=${r.source}/>` },
  ];
  if (canWrite) {
    columns.push({ key: 'actions', label: 'Actions', render: (r) => html`<div class="row-actions">
      <button type="button" class="small" onClick=${() => setEditing(r)}>Edit</button>
      ${r.source === 'runtime' ? html`<${ConfirmButton} className="small" label="Reset" onConfirm=${() => reset(r)}
        question=${`Drop the run-time limits of ${r.model}? The shipped or file limits apply again, if there are any.`}/>` : null}
    </div>` });
  }

  const needle = search.trim().toLowerCase();
  const actions = html`<input type="search" class="search" aria-label="Search models" placeholder="Search models"
      value=${search} onInput=${(e) => setSearch(e.target.value)}/>
    ${canWrite ? html`<button type="button" class="primary" onClick=${() => setEditing(null)}>Add limits</button>` : null}`;

  return html`<div class="page stack">
    <div class="page-head"><h1>Model limits</h1></div>
    <p class="muted intro">Context window and largest output cap per upstream model, in tokens. A route clamps a${' '}
      client’s <code>max_tokens</code> above its target’s max output (or refuses it, with${' '}
      <code>max_tokens_over_limit: reject</code>). A run-time change wins over the shipped figures or the file’s${' '}
      <code>model_limits:</code> until it is reset.</p>
    <${Widget} title="Model limits" resource=${limits} actions=${actions} empty=${(all) => Object.keys(all).length === 0}
      emptyText="No model limits: output caps go upstream as clients send them.">
      ${(all) => {
        const rows = Object.values(all).filter((r) => !needle || r.model.includes(needle));
        return html`<div class="muted small table-count">${rows.length} of ${Object.keys(all).length} models</div>
          <${Table} caption="Model limits" rows=${rows} rowKey=${(r) => r.model} columns=${columns}
            empty=${`No model matches “${search.trim()}”.`}/>`;
      }}
    </${Widget}>
    ${canWrite ? html`<${LimitEditor} open=${editing !== undefined} row=${editing || null}
      onClose=${() => setEditing(undefined)} onSaved=${(m) => { setEditing(undefined); done(`Limits of ${m} saved`); }}/>` : null}
  </div>`;
}
