// Adds many keys of one provider at once: one secret per line, or "name,secret"; names left out are made up
// as <provider>-<n> after the highest number already taken. Keys are added one by one and every line
// reports what became of it; the lines that failed stay in the box to be fixed and sent again.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { Dialog } from './Dialog.js';
import { Field, FormError } from './Form.js';
import { notify } from './Toast.js';
import { ProviderField, RoutingFields, sharedFields } from './KeyForm.js';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text's lines as [{line, name, secret, duplicate, text}]: blank lines and "#" comments are skipped; "name,secret"
 * splits at the first comma; missing names are <provider>-<n>, skipping names in `taken`.
 */
export function parseLines(text, provider, taken) {
  const used = new Set(taken);
  const numbered = new RegExp('^' + escape(provider) + '-(\\d+)$');
  let n = 0;
  for (const name of used) {
    const m = numbered.exec(name);
    if (m) n = Math.max(n, Number(m[1]));
  }
  const items = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t || t.startsWith('#')) return;
    const comma = t.indexOf(',');
    let name = comma > 0 ? t.slice(0, comma).trim() : '';
    const secret = (comma > 0 ? t.slice(comma + 1) : comma === 0 ? t.slice(1) : t).trim();
    const duplicate = !!name && used.has(name);
    if (!name) {
      do n += 1; while (used.has(`${provider}-${n}`));
      name = `${provider}-${n}`;
    }
    used.add(name);
    items.push({ line: i + 1, name, secret, duplicate, text: raw });
  });
  return items;
}

const blank = (provider) => ({ provider: provider || '', lines: '', priority: '0', weight: '1', tags: '', requests_per_minute: '0' });

/** props: open, provider (preselected), providers (known ids), keys (all keys, for names), onClose, onAdded. */
export function BulkAdd({ open, provider, providers, keys, onClose, onAdded }) {
  const [v, setV] = useState(blank(provider));
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setV(blank(provider));
      setReport(null);
      setError(null);
    }
  }, [open, provider]);
  const set = (name) => (value) => setV((old) => ({ ...old, [name]: value }));

  const submit = async (e) => {
    e.preventDefault();
    const p = v.provider.trim();
    const items = parseLines(v.lines, p, keys.filter((k) => k.provider === p).map((k) => k.name));
    if (!p || items.length === 0) {
      setError(new Error(!p ? 'Choose a provider.' : 'Paste at least one secret, one per line.'));
      return;
    }
    setBusy(true);
    setError(null);
    const shared = sharedFields(v);
    const results = [];
    for (const item of items) {
      if (!item.secret) {
        results.push({ ...item, ok: false, message: 'no secret on this line' });
        continue;
      }
      if (item.duplicate) {
        results.push({ ...item, ok: false, message: `${p} already has a key of this name` });
        continue;
      }
      try {
        await api.post('/api/provider-keys', { provider: p, name: item.name, secret: item.secret, ...shared });
        results.push({ ...item, ok: true, message: 'added' });
      } catch (err) {
        results.push({ ...item, ok: false, message: err.message });
      }
    }
    const failed = results.filter((r) => !r.ok);
    setReport(results);
    setV((old) => ({ ...old, lines: failed.map((r) => r.text).join('\n') }));
    setBusy(false);
    notify(`${results.length - failed.length} of ${results.length} keys added to ${p}`, failed.length ? 'error' : 'ok');
    if (failed.length < results.length) onAdded();
  };

  return html`<${Dialog} open=${open} wide title="Add many keys" onClose=${onClose}
    footer=${html`<button type="button" onClick=${onClose}>${report ? 'Close' : 'Cancel'}</button>
      <button type="submit" class="primary" form="bulk-add-form" disabled=${busy}>${busy ? 'Adding…' : 'Add keys'}</button>`}>
    <form id="bulk-add-form" onSubmit=${submit}>
      <${ProviderField} value=${v.provider} onInput=${set('provider')} providers=${providers} disabled=${busy}/>
      <${Field} label="Secrets" name="lines" textarea rows=${8} value=${v.lines} onInput=${set('lines')} disabled=${busy}
        placeholder=${'sk-...\nbackup-1,sk-...'}
        hint=${`One secret per line, or name,secret. Unnamed keys are called ${v.provider.trim() || '<provider>'}-1, -2… after the highest number in use.`}/>
      <${RoutingFields} v=${v} set=${set}/>
      <${FormError} error=${error}/>
    </form>
    ${report ? html`<ul class="bulk-report" aria-label="What became of each line">
      ${report.map((r) => html`<li class=${r.ok ? 'ok' : 'bad'}>
        <span class="mono">line ${r.line}</span> <strong>${r.name}</strong>: ${r.message}</li>`)}
    </ul>` : null}
  </${Dialog}>`;
}
