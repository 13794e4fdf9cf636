// Providers as the provider form edits them: the presets and choices the gateway knows
// (docs/configuration.md), a provider's form values, and the bodies sent to POST /api/providers (only
// what is set, so the rest takes the preset's or format's defaults) and PATCH /api/providers/{id} (only
// what changed, never a field the environment pins).
import { problem } from '../lib/submit.js';
import { splitList, joinList } from './Form.js';
import { intOrText } from './KeyForm.js';

export const PRESETS = [
  { id: 'openai', format: 'openai', base_url: 'https://api.openai.com/v1', auth: 'bearer' },
  { id: 'anthropic', format: 'anthropic', base_url: 'https://api.anthropic.com/v1', auth: 'x_api_key' },
  { id: 'gemini', format: 'gemini', base_url: 'https://generativelanguage.googleapis.com', auth: 'x_goog_api_key' },
  { id: 'openrouter', format: 'openai', base_url: 'https://openrouter.ai/api/v1', auth: 'bearer' },
  { id: 'deepseek', format: 'openai', base_url: 'https://api.deepseek.com/v1', auth: 'bearer' },
  { id: 'moonshot', format: 'openai', base_url: 'https://api.moonshot.ai/v1', auth: 'bearer' },
  { id: 'siliconflow', format: 'openai', base_url: 'https://api.siliconflow.com/v1', auth: 'bearer' },
  { id: 'assemblyai', format: 'openai', base_url: 'https://llm-gateway.assemblyai.com/v1', auth: 'raw_authorization' },
];
export const FORMATS = ['openai', 'anthropic', 'gemini'];
export const AUTHS = {
  bearer: 'Authorization: Bearer <key>',
  x_api_key: 'x-api-key: <key>',
  x_goog_api_key: 'x-goog-api-key: <key>',
  raw_authorization: 'Authorization: <key>',
};
export const DEFAULT_AUTH = { openai: 'bearer', anthropic: 'x_api_key', gemini: 'x_goog_api_key' };
/** [field, label, default]: the four timeouts of a provider. */
export const TIMEOUTS = [['connect', 'Connect', '5s'], ['first_byte', 'First byte', '60s'], ['idle', 'Idle', '60s'], ['total', 'Total', '600s']];
const FLAGS = ['responses', 'completions'];

export const presetOf = (id) => PRESETS.find((p) => p.id === id);

/** Whether the environment pins `field` ("base_url", "timeouts.idle", "headers.x-team") of provider p, or a field holding it. */
export function pinned(p, field) {
  return !!p && (p.env_overrides || []).some((f) => f === field || field.startsWith(f + '.'));
}

/** What the gateway shows of a hidden header value: "abc...1234", or "****" when short. */
export const isHint = (value) => /^.{3}\.\.\..{4}$|^\*{4}$/.test(value);

let nextRow = 0;
/** One row of the headers editor; `orig` and `origValue` remember what the gateway showed. */
export const headerRow = (name = '', value = '') => ({ key: ++nextRow, name, value, orig: name || null, origValue: value });

/** The form's values for provider p (as the API shows it), or blank ones for a new provider. */
export function formOf(p) {
  if (!p) {
    return { id: '', preset: '', format: '', base_url: '', auth: '', headers: [], max_connections: '', models: '',
      timeouts: Object.fromEntries(TIMEOUTS.map(([k]) => [k, ''])), responses: '', completions: '' };
  }
  return {
    id: p.id, preset: '', format: p.format, base_url: p.base_url, auth: p.auth,
    headers: Object.entries(p.headers || {}).map(([n, v]) => headerRow(n, v)),
    max_connections: String(p.max_connections), models: joinList(p.models),
    timeouts: { ...p.timeouts }, responses: String(p.responses), completions: String(p.completions),
  };
}

/** The format the form's provider will have: the one chosen, else its preset's. */
export const formatOf = (f) => f.format || (presetOf(f.preset) || {}).format || '';

/** The headers of the form as name -> value (names lower-cased); throws a problem on a repeated name. */
function headerEntries(rows) {
  const seen = new Set();
  const out = [];
  for (const row of rows) {
    const name = row.name.trim().toLowerCase();
    if (!name) continue;
    if (seen.has(name)) throw problem(`The header “${name}” is listed twice.`);
    seen.add(name);
    out.push([name, row]);
  }
  return out;
}

/** The POST body of a new provider: only what is set. */
export function createBody(f) {
  const body = { id: f.id.trim() };
  if (f.preset) body.preset = f.preset;
  if (f.format) body.format = f.format;
  if (f.auth) body.auth = f.auth;
  if (f.base_url.trim()) body.base_url = f.base_url.trim();
  const headers = headerEntries(f.headers);
  if (headers.length) body.headers = Object.fromEntries(headers.map(([n, r]) => [n, r.value]));
  const timeouts = TIMEOUTS.filter(([k]) => f.timeouts[k].trim()).map(([k]) => [k, f.timeouts[k].trim()]);
  if (timeouts.length) body.timeouts = Object.fromEntries(timeouts);
  if (f.max_connections.trim()) body.max_connections = intOrText(f.max_connections);
  if (f.models.trim()) body.models = splitList(f.models);
  for (const flag of FLAGS) if (f[flag]) body[flag] = f[flag] === 'true';
  return body;
}

/** The headers part of a merge patch: removed ones as null, new or changed ones with their value. */
function headersPatch(p, rows) {
  const now = headerEntries(rows);
  const names = new Set(now.map(([n]) => n));
  const out = {};
  for (const name of Object.keys(p.headers || {})) {
    if (!names.has(name) && !pinned(p, 'headers.' + name)) out[name] = null;
  }
  for (const [name, row] of now) {
    if (pinned(p, 'headers.' + name) || (row.orig === name && row.value === row.origValue)) continue;
    if (row.orig && row.value === row.origValue && isHint(row.value)) {
      throw problem(`Type the value of “${name}” again: the gateway shows the value of “${row.orig}” only as a hint.`);
    }
    out[name] = row.value;
  }
  return out;
}

/** The PATCH body of provider p edited into form f: only the fields that changed (blank: back to the default). */
export function patchBody(p, f) {
  const was = formOf(p);
  const body = {};
  const put = (field, value) => {
    if (!pinned(p, field)) body[field] = value;
  };
  if (f.format !== was.format) put('format', f.format);
  if (f.auth !== was.auth) put('auth', f.auth || null);
  if (f.base_url.trim() !== was.base_url) put('base_url', f.base_url.trim() || null);
  if (f.max_connections.trim() !== was.max_connections) put('max_connections', intOrText(f.max_connections) ?? null);
  if (joinList(splitList(f.models)) !== was.models) put('models', splitList(f.models));
  for (const flag of FLAGS) if (f[flag] !== was[flag]) put(flag, f[flag] === 'true');
  const timeouts = {};
  for (const [k] of TIMEOUTS) {
    const v = f.timeouts[k].trim();
    if (v !== was.timeouts[k] && !pinned(p, 'timeouts.' + k)) timeouts[k] = v || null;
  }
  if (Object.keys(timeouts).length) body.timeouts = timeouts;
  const headers = headersPatch(p, f.headers);
  if (Object.keys(headers).length) body.headers = headers;
  return body;
}
