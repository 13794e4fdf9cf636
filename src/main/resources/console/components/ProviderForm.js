// The dialog that adds a provider (POST /api/providers) or edits one (PATCH with only the changed
// fields). Blank fields take the preset's or the format's defaults; the gateway validates the provider
// like a file entry and names every bad field. Fields the environment sets are locked.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSubmit } from '../lib/submit.js';
import { Dialog } from './Dialog.js';
import { Field } from './Form.js';
import { ListField } from './ListField.js';
import { Problems } from './Problems.js';
import { notify } from './Toast.js';
import { HeaderRows } from './HeaderRows.js';
import { PRESETS, FORMATS, AUTHS, DEFAULT_AUTH, TIMEOUTS, presetOf, pinned, formOf, formatOf, createBody, patchBody } from './providerBody.js';

const GEMINI_URL = 'https://generativelanguage.googleapis.com';
export const LOCK_NOTE = 'Set by the environment; wins over changes here.';

/** A field's hint, or the lock note when the environment pins it. */
const hintOr = (lock, field, hint) => (lock(field) ? 'Locked: ' + LOCK_NOTE.toLowerCase() : hint);

/** The timeouts and the connection pool. */
function Limits({ form, set, lock }) {
  const setOne = (k) => (v) => set('timeouts')({ ...form.timeouts, [k]: v });
  return html`<fieldset class="provider-limits"><legend>Timeouts and connections</legend>
    <div class="form-grid">
      ${TIMEOUTS.map(([k, label, def]) => html`<${Field} key=${k} label=${label} name=${'timeout-' + k} value=${form.timeouts[k]}
        onInput=${setOne(k)} placeholder=${def} disabled=${lock('timeouts.' + k)}
        hint=${hintOr(lock, 'timeouts.' + k, 'e.g. 30s, 2m. Blank: ' + def)}/>`)}
      <${Field} label="Max connections" name="max-connections" type="number" value=${form.max_connections}
        onInput=${set('max_connections')} placeholder="256" disabled=${lock('max_connections')}
        hint=${hintOr(lock, 'max_connections', 'Connection pool toward this provider. Blank: 256')}/>
    </div></fieldset>`;
}

/** The OpenAI-only switches: yes / no, or (when adding) the default. */
function Flags({ form, set, adding, lock }) {
  const opts = (def) => [...(adding ? [['', `Default (${def})`]] : []), ['true', 'Yes'], ['false', 'No']];
  const responsesDefault = form.preset === 'openai' || form.base_url.trim() === 'https://api.openai.com/v1' ? 'yes' : 'no';
  return html`<div class="form-grid">
    <${Field} label="Serves /responses itself" name="responses" value=${form.responses} onInput=${set('responses')}
      options=${opts(responsesDefault)} disabled=${lock('responses')}
      hint=${hintOr(lock, 'responses', 'No: /v1/responses is translated to chat completions.')}/>
    <${Field} label="Serves legacy /completions" name="completions" value=${form.completions} onInput=${set('completions')}
      options=${opts('yes')} disabled=${lock('completions')}
      hint=${hintOr(lock, 'completions', 'No: /v1/completions is translated to chat for this provider.')}/>
  </div>`;
}

/** props: open, provider (the provider to edit; null adds one), onClose, onSaved (provider => void). */
export function ProviderForm({ open, provider, onClose, onSaved }) {
  const [form, setForm] = useState(formOf(provider));
  const { error, setError, busy, send } = useSubmit();
  useEffect(() => {
    if (open) {
      setForm(formOf(provider));
      setError(null);
    }
  }, [open, provider]);
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  const choosePreset = (v) => setForm((f) => ({ ...f, preset: v, id: !f.id || f.id === f.preset ? v : f.id }));
  const adding = !provider;
  const lock = (field) => pinned(provider, field);
  const note = (field, hint) => hintOr(lock, field, hint);
  const preset = presetOf(form.preset);
  const format = formatOf(form);

  const submit = (e) => {
    e.preventDefault();
    let body;
    try {
      body = adding ? createBody(form) : patchBody(provider, form);
    } catch (p) {
      return setError(p);
    }
    if (!adding && Object.keys(body).length === 0) {
      notify('Nothing changed');
      return onClose();
    }
    return send(() => (adding ? api.post('/api/providers', body) : api.patch('/api/providers/' + seg(provider.id), body)), onSaved);
  };

  const formats = [...(adding ? [['', preset ? `The preset’s (${preset.format})` : 'Choose…']] : []), ...FORMATS.map((f) => [f, f])];
  const defaultAuth = preset && preset.format === format ? preset.auth : DEFAULT_AUTH[format];
  const auths = [['', defaultAuth ? `Default (${defaultAuth})` : 'Default for the format'],
    ...Object.entries(AUTHS).map(([k, v]) => [k, `${k} — ${v}`])];
  return html`<${Dialog} open=${open} wide title=${adding ? 'Add a provider' : `Edit provider ${provider.id}`} onClose=${onClose}>
    <form class="provider-form" onSubmit=${submit}>
      ${provider && provider.source === 'file' ? html`<p class="muted">This provider comes from the file. Saving stores a run-time
        version that wins over the file until you reset it.</p>` : null}
      ${provider && provider.env_overrides.length ? html`<p class="notice warn">Locked, set by the environment:
        ${' ' + provider.env_overrides.join(', ')}. The environment wins over changes here.</p>` : null}
      <div class="form-grid">
        ${adding ? html`<${Field} label="Id" name="provider-id" value=${form.id} onInput=${set('id')} required placeholder="reseller"
          hint="Lower-case letters, digits, - and _. Routes and provider/model ids name it."/>
        <${Field} label="Preset" name="preset" value=${form.preset} onInput=${choosePreset}
          options=${[['', 'None'], ...PRESETS.map((p) => [p.id, p.id])]} hint="A known provider: fills in format, base URL, auth and models."/>` : null}
        <${Field} label="Format" name="format" value=${form.format} onInput=${set('format')} options=${formats}
          disabled=${lock('format')} hint=${note('format', 'The wire format the upstream speaks.')}/>
        <${Field} label="Auth style" name="auth" value=${form.auth} onInput=${set('auth')} options=${auths}
          disabled=${lock('auth')} hint=${note('auth', 'How a key is sent upstream.')}/>
      </div>
      <${Field} label="Base URL" name="base-url" type="url" value=${form.base_url} onInput=${set('base_url')}
        placeholder=${preset ? preset.base_url : format === 'gemini' ? GEMINI_URL : 'https://llm.example.com/v1'}
        disabled=${lock('base_url')} hint=${note('base_url', format === 'gemini' ? 'Without the version prefix.'
          : 'Including the version prefix, e.g. https://api.openai.com/v1.' + (preset ? ' Blank: the preset’s.' : ''))}/>
      <${HeaderRows} value=${form.headers} onInput=${set('headers')} locked=${(name) => lock('headers.' + name)}/>
      <${Limits} form=${form} set=${set} lock=${lock}/>
      ${format === 'openai' ? html`<${Flags} form=${form} set=${set} adding=${adding} lock=${lock}/>` : null}
      <${ListField} label="Models" name="models" value=${form.models} onInput=${set('models')} disabled=${lock('models')}
        hint=${note('models', 'Listed by GET /v1/models as provider/model (any provider/model works anyway). '
          + (adding ? 'Blank: the preset’s list.' : ''))}/>
      <${Problems} error=${error}/>
      <div class="form-actions">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy || (adding && !form.id.trim())}>
          ${busy ? 'Saving…' : adding ? 'Add provider' : 'Save provider'}</button>
      </div>
    </form>
  </${Dialog}>`;
}
