// Prices (U5): what a million tokens cost per model, in US dollars: the shipped list prices or the
// file's, with run-time changes laid over them. Admins add, edit, delete and reset prices.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource, useStored } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { ConfirmButton } from '../components/Dialog.js';
import { notify } from '../components/Toast.js';
import { SourceBadge } from '../components/SourceBadge.js';
import { PriceEditor } from '../components/PriceEditor.js';
import { RestoreButton } from '../components/RestoreButton.js';

/** Dollars per million tokens, exactly as stored: "$2.50", "$0.028", "$0.0375". */
function perMillion(v) {
  if (v == null) return '—';
  return '$' + Number(v).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 9 });
}

const priceUrl = (model, tail = '') => '/api/prices/' + seg(model) + tail;

const LAYERS = [['all', 'All'], ['runtime', 'Changed here'], ['file', 'From the file'], ['shipped', 'Shipped']];

export default function Prices() {
  const { canWrite } = useSession();
  const prices = useResource(() => api.get('/api/prices'), [], 60_000);
  const [search, setSearch] = useState('');
  const [layer, setLayer] = useStored('keypool.prices.layer', 'all');
  const [editing, setEditing] = useState(undefined); // undefined: closed; null: a new price; else the row

  const done = (text) => { notify(text); prices.reload(); };
  const failed = (e) => notify(e.message, 'error');
  const remove = (r) => api.del(priceUrl(r.model)).then(() => done(`Price of ${r.model} removed`), failed);
  const reset = (r) => api.post(priceUrl(r.model, '/reset')).then((a) => done(a.source === 'none'
    ? `${r.model} has no price any more: it was only set here` : `${r.model} uses the shipped or file price again`), failed);

  const columns = [
    { key: 'model', label: 'Model', render: (r) => html`<code class="strong">${r.model}</code>` },
    { key: 'input', label: 'Input', align: 'right', title: 'USD per million input tokens', render: (r) => perMillion(r.input) },
    { key: 'output', label: 'Output', align: 'right', title: 'USD per million output tokens', render: (r) => perMillion(r.output) },
    { key: 'cache_read', label: 'Cache read', align: 'right', title: 'USD per million tokens read from the prompt cache',
      render: (r) => perMillion(r.cache_read) },
    { key: 'cache_write', label: 'Cache write', align: 'right', title: 'USD per million tokens written to the prompt cache',
      render: (r) => perMillion(r.cache_write) },
    { key: 'source', label: 'Layer', render: (r) => html`<${SourceBadge} source=${r.source}/>` },
  ];
  if (canWrite) {
    columns.push({ key: 'actions', label: 'Actions', render: (r) => html`<div class="row-actions">
      <button type="button" class="small" onClick=${() => setEditing(r)}>Edit</button>
      ${r.source === 'runtime' ? html`<${ConfirmButton} className="small" label="Reset" onConfirm=${() => reset(r)}
        question=${`Drop the run-time price of ${r.model}? The shipped or file price applies again, if there is one.`}/>` : null}
      <${ConfirmButton} className="small" danger label="Delete" onConfirm=${() => remove(r)}
        question=${`Delete the price of ${r.model}? Its requests then cost nothing in statistics and billing (a shipped or file price stays hidden until reset).`}/>
    </div>` });
  }

  const needle = search.trim().toLowerCase();
  const pick = (all) => Object.entries(all).map(([model, p]) => ({ model, ...p }))
    .filter((r) => (!LAYERS.some(([v]) => v === layer) || layer === 'all' || r.source === layer) && (!needle || r.model.includes(needle)));

  const actions = html`<div class="segmented" role="group" aria-label="Layer">${LAYERS.map(([v, l]) => html`<button type="button"
      aria-pressed=${layer === v} onClick=${() => setLayer(v)}>${l}</button>`)}</div>
    <input type="search" class="search" aria-label="Search models" placeholder="Search models" value=${search}
      onInput=${(e) => setSearch(e.target.value)}/>
    ${canWrite ? html`<${RestoreButton} label="Restore…" title="Restore a shipped or file price" fieldLabel="Model"
      explain="A price deleted here is no longer listed. Name its model to drop the run-time change: the shipped or file price applies again."
      path=${(m) => priceUrl(m, '/reset')} onDone=${(a) => done(a.source === 'none' ? 'That model has no shipped or file price'
        : 'The shipped or file price applies again')}/>
      <button type="button" class="primary" onClick=${() => setEditing(null)}>Add price</button>` : null}`;

  return html`<div class="page stack">
    <div class="page-head"><h1>Prices</h1></div>
    <p class="muted intro">US dollars per million tokens, used for the cost of every request. A run-time price wins over
      the shipped list price or the file’s <code>prices:</code> until it is reset.</p>
    <${Widget} title="Price table" resource=${prices} actions=${actions} empty=${(all) => Object.keys(all).length === 0}
      emptyText="No prices: every request costs nothing until a price is set.">
      ${(all) => {
        const rows = pick(all);
        return html`<div class="muted small table-count">${rows.length} of ${Object.keys(all).length} models</div>
          <div class="price-table"><${Table} caption="Prices" rows=${rows} rowKey=${(r) => r.model} columns=${columns}
            empty=${needle ? `No model matches “${search.trim()}”.` : 'No price in this layer.'}/></div>`;
      }}
    </${Widget}>
    ${canWrite ? html`<${PriceEditor} open=${editing !== undefined} model=${editing ? editing.model : null} price=${editing || null}
      onClose=${() => setEditing(undefined)} onSaved=${(m) => { setEditing(undefined); done(`Price of ${m} saved`); }}/>` : null}
  </div>`;
}
