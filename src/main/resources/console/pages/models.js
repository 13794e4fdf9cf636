// Models (U5): the model routes clients call, each with its candidates in fallback order and how keys
// are chosen, from the file or changed at run time. Admins add, edit, delete and reset routes.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { count } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { ConfirmButton } from '../components/Dialog.js';
import { notify } from '../components/Toast.js';
import { SourceBadge } from '../components/SourceBadge.js';
import { RouteEditor, routeUrl } from '../components/RouteEditor.js';
import { RestoreButton } from '../components/RestoreButton.js';

function Candidates({ route }) {
  return html`<ol class="candidate-chain">${route.candidates.map((c, i) => html`<li key=${i}
    title=${i === 0 ? 'Preferred' : `Fallback ${i}`}><code>${c.provider}/${c.model}</code></li>`)}</ol>`;
}

export default function Models() {
  const { canWrite } = useSession();
  const routes = useResource(() => api.get('/api/models'), [], 60_000);
  const providerList = useResource(() => api.get('/api/providers'), []);
  const [editing, setEditing] = useState(undefined); // undefined: closed; null: a new route; else the route
  const providers = (providerList.data || []).map((p) => p.id);
  const edit = (r) => {
    providerList.reload(); // the editor offers providers added since the page opened
    setEditing(r);
  };

  const done = (text) => () => { notify(text); routes.reload(); };
  const failed = (e) => notify(e.message, 'error');
  const remove = (r) => api.del(routeUrl(r.id)).then(done(`Route ${r.id} removed`), failed);
  const reset = (r) => api.post(routeUrl(r.id, '/reset')).then((a) => done(a.removed
    ? `Route ${r.id} removed: the file has no such route` : `Route ${r.id} is the file’s again`)(), failed);
  const saved = (r) => {
    setEditing(undefined);
    done(`Route ${r.id} saved`)();
  };

  const columns = [
    { key: 'id', label: 'Route', render: (r) => html`<div><code class="strong">${r.id}</code>
      ${r.aliases.length ? html`<div class="muted small">also ${r.aliases.join(', ')}</div>` : null}</div>` },
    { key: 'candidates', label: 'Candidates (fallback order)', render: (r) => html`<${Candidates} route=${r}/>` },
    { key: 'strategy', label: 'Strategy', render: (r) => html`<span>${r.strategy.replace(/_/g, ' ')}${r.strategy === 'calls_per_rotation'
      ? html` <span class="muted" title="calls per key before the next">(${r.calls_per_rotation})</span>` : null}</span>` },
    { key: 'max_attempts', label: 'Attempts', align: 'right', title: 'Upstream attempts across keys and candidates' },
    { key: 'max_tokens', label: 'Output cap', align: 'right', title: 'max_tokens sent when the client sets none',
      render: (r) => count(r.max_tokens) },
    { key: 'fake_stream', label: 'Fake stream', title: 'Asks the upstream without streaming and streams the answer',
      render: (r) => (r.fake_stream ? html`<span class="badge warn" title=${'keep-alive every ' + r.keep_alive}>on · ${r.keep_alive}</span>`
        : html`<span class="muted">off</span>`) },
    { key: 'source', label: 'Source', render: (r) => html`<${SourceBadge} source=${r.source}/>` },
  ];
  if (canWrite) {
    columns.push({ key: 'actions', label: 'Actions', render: (r) => html`<div class="row-actions">
      <button type="button" class="small" onClick=${() => edit(r)}>Edit</button>
      ${r.source === 'runtime' ? html`<${ConfirmButton} className="small" label="Reset"
        question=${`Drop the run-time change of ${r.id}? The file’s route applies again; a route only added here is removed.`}
        onConfirm=${() => reset(r)}/>` : null}
      <${ConfirmButton} className="small" danger label="Delete" onConfirm=${() => remove(r)}
        question=${`Delete route ${r.id}? Clients calling it get an unknown-model error.${r.source === 'file'
          ? ' The file’s route stays removed after restarts until you reset it.' : ''}`}/>
    </div>` });
  }

  const actions = canWrite ? html`
    <${RestoreButton} label="Restore a file route…" title="Restore a route of the file" fieldLabel="Route id"
      explain="A route deleted here is no longer listed. Name it to drop the run-time change: the file’s route applies again."
      path=${(id) => routeUrl(id, '/reset')} onDone=${(a) => done(a.removed ? `${a.id}: no route in the file, nothing to restore`
        : `Route ${a.id} is the file’s again`)()}/>
    <button type="button" class="primary" onClick=${() => edit(null)}>Add route</button>` : null;

  return html`<div class="page stack">
    <div class="page-head"><h1>Models</h1></div>
    <p class="muted intro">Clients name a route; its candidates are tried in order, the first preferred.
      Any <code>provider/model</code> id works without a route.</p>
    ${providerList.error ? html`<div class="state error small" role="alert">The providers failed to load, so the route editor
      offers none: ${providerList.error.message}</div>` : null}
    <${Widget} title="Model routes" resource=${routes} actions=${actions} empty=${(rows) => rows.length === 0}
      emptyText="No routes declared: clients can still call provider/model ids.">
      ${(rows) => html`<${Table} caption="Model routes" rows=${rows} columns=${columns} cards/>`}
    </${Widget}>
    ${canWrite ? html`<${RouteEditor} open=${editing !== undefined} route=${editing || null} providers=${providers}
      onClose=${() => setEditing(undefined)} onSaved=${saved}/>` : null}
  </div>`;
}
