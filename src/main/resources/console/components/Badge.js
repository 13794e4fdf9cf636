// Coloured labels for states (key states, outcomes, roles).
import { html } from '../lib/html.js';

const TONES = {
  healthy: 'ok', active: 'ok', success: 'ok', ok: 'ok', admin: 'info',
  cooling_down: 'warn', probing: 'warn', suspended: 'warn', client_abort: 'warn', viewer: 'muted',
  banned: 'bad', balance_exhausted: 'bad', credential_expired: 'bad', error: 'bad', revoked: 'bad', expired: 'bad', failed: 'bad',
  disabled: 'muted', deleted: 'muted',
  critical: 'bad', warning: 'warn', info: 'info', resolved: 'muted', pending: 'warn', sent: 'ok',
};

export function Badge({ value, title }) {
  if (value == null) return html`<span class="muted">—</span>`;
  const v = String(value).toLowerCase();
  return html`<span class=${'badge ' + (TONES[v] || 'muted')} title=${title}>${v.replace(/_/g, ' ')}</span>`;
}
