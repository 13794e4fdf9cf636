// The dialog that adds or replaces a model route (PUT /api/models/{id}). Fields left blank take the
// routing defaults; the gateway validates the route like a file entry and names every problem.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSubmit, problem } from '../lib/submit.js';
import { Dialog } from './Dialog.js';
import { Field, splitList, joinList } from './Form.js';
import { Problems } from './Problems.js';
import { CandidateList } from './CandidateList.js';

export const STRATEGIES = ['round_robin', 'random', 'weighted', 'priority', 'least_inflight', 'least_used',
  'calls_per_rotation', 'most_headroom'];

let nextKey = 0;

/** The admin URL of a route: ids may hold '/', kept as path separators (the API takes the rest of the path). */
export const routeUrl = (id, tail = '') => '/api/models/' + id.split('/').map(seg).join('/') + tail;

/** The form's state for a route as the API shows it (or a blank one). */
function formOf(route) {
  const r = route || {};
  const text = (v) => (v == null ? '' : String(v));
  return {
    id: r.id || '',
    aliases: joinList(r.aliases),
    candidates: (r.candidates || [{}]).map((c) => ({ key: ++nextKey, provider: c.provider || '', model: c.model || '' })),
    strategy: r.strategy || '',
    max_attempts: text(r.max_attempts),
    calls_per_rotation: text(r.calls_per_rotation),
    max_tokens: text(r.max_tokens),
    fake_stream: !!r.fake_stream,
    keep_alive: r.keep_alive || '',
    hosted_tools: r.hosted_tools || 'drop',
  };
}

/** A number when the text is one; otherwise the text itself, so the gateway names the problem. */
const numberOr = (text) => (/^-?\d+$/.test(text.trim()) ? Number(text) : text.trim());

/** The PUT body: only what is set, so blank fields fall back to the routing defaults. */
function bodyOf(f) {
  const body = {
    candidates: f.candidates.map((c) => (c.model.trim() ? { provider: c.provider, model: c.model.trim() } : { provider: c.provider })),
    aliases: splitList(f.aliases),
    fake_stream: f.fake_stream,
    hosted_tools: f.hosted_tools,
  };
  if (f.strategy) body.strategy = f.strategy;
  for (const k of ['max_attempts', 'max_tokens']) if (f[k].trim()) body[k] = numberOr(f[k]);
  if (f.strategy === 'calls_per_rotation' && f.calls_per_rotation.trim()) body.calls_per_rotation = numberOr(f.calls_per_rotation);
  if (f.fake_stream && f.keep_alive.trim()) body.keep_alive = f.keep_alive.trim();
  return body;
}

/** props: open, route (the route to edit; null adds one), providers (ids), onClose, onSaved (route => void). */
export function RouteEditor({ open, route, providers, onClose, onSaved }) {
  const [form, setForm] = useState(formOf(route));
  const { error, setError, busy, send } = useSubmit();
  useEffect(() => {
    if (open) {
      setForm(formOf(route));
      setError(null);
    }
  }, [open, route]);
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  const adding = !route;

  const submit = (e) => {
    e.preventDefault();
    const id = form.id.trim();
    if (form.candidates.length === 0) return setError(problem('Add at least one candidate.'));
    if (form.candidates.some((c) => !c.provider)) return setError(problem('Choose a provider for every candidate.'));
    return send(() => api.put(routeUrl(id), bodyOf(form)), onSaved);
  };

  const strategies = [['', 'Routing default'], ...STRATEGIES.map((s) => [s, s.replace(/_/g, ' ')])];
  return html`<${Dialog} open=${open} wide title=${adding ? 'Add a model route' : `Edit route ${route.id}`} onClose=${onClose}>
    <form class="route-form" onSubmit=${submit}>
      ${route && route.source === 'file' ? html`<p class="muted">This route comes from the file. Saving stores a run-time
        version that wins over the file until you reset it.</p>` : null}
      <div class="form-grid">
        <${Field} label="Route id" name="route-id" value=${form.id} onInput=${set('id')} required disabled=${!adding}
          hint="The model name clients send; may contain /." placeholder="team/fast"/>
        <${Field} label="Aliases" name="aliases" value=${form.aliases} onInput=${set('aliases')}
          hint="Other names for this route, comma separated." placeholder="fast, quick"/>
      </div>
      <${CandidateList} value=${form.candidates} onInput=${set('candidates')} providers=${providers} routeId=${form.id.trim()}/>
      <div class="form-grid">
        <${Field} label="Key strategy" name="strategy" value=${form.strategy} onInput=${set('strategy')} options=${strategies}
          hint="How a key is chosen within a candidate’s provider."/>
        ${form.strategy === 'calls_per_rotation' ? html`<${Field} label="Calls per rotation" name="calls-per-rotation" type="number"
          value=${form.calls_per_rotation} onInput=${set('calls_per_rotation')} hint="Blank: the routing default."/>` : null}
        <${Field} label="Max attempts" name="max-attempts" type="number" value=${form.max_attempts} onInput=${set('max_attempts')}
          hint="Upstream attempts across keys and candidates, 1-100. Blank: the routing default."/>
        <${Field} label="Output cap (max_tokens)" name="max-tokens" type="number" value=${form.max_tokens} onInput=${set('max_tokens')}
          hint="Sent to upstreams that need one when the client set none. Blank: 4096."/>
        <${Field} label="Hosted tools (Responses API)" name="hosted-tools" value=${form.hosted_tools} onInput=${set('hosted_tools')}
          options=${[['drop', 'drop'], ['reject', 'reject']]}
          hint="web_search and the like, for a provider that cannot run them: sent without them, or refused."/>
      </div>
      <${Field} type="checkbox" label="Fake streaming (ask the upstream without streaming, send the answer as a stream)"
        name="fake-stream" value=${form.fake_stream} onInput=${set('fake_stream')}/>
      ${form.fake_stream ? html`<${Field} label="Keep-alive period" name="keep-alive" value=${form.keep_alive} onInput=${set('keep_alive')}
        placeholder="5s" hint="How often a waiting streaming client gets a keep-alive comment, e.g. 5s."/>` : null}
      <${Problems} error=${error}/>
      <div class="form-actions">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy || !form.id.trim()}>${busy ? 'Saving…' : adding ? 'Add route' : 'Save route'}</button>
      </div>
    </form>
  </${Dialog}>`;
}
