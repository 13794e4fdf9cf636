// Which layer a setting comes from: shipped with Keypool, the file, or a change made at run time
// through the admin API, which wins until it is reset.
import { html } from '../lib/html.js';

const LAYERS = {
  file: { label: 'file', tone: 'muted', title: 'Declared in keypool.yaml' },
  shipped: { label: 'shipped', tone: 'muted', title: 'The list price shipped with Keypool' },
  default: { label: 'default', tone: 'muted', title: 'The built-in default' },
  runtime: { label: 'runtime', tone: 'info', title: 'Changed through the admin API: stored, wins over the file until reset' },
  none: { label: 'none', tone: 'muted', title: 'Nothing is set' },
};

export function SourceBadge({ source }) {
  const layer = LAYERS[source] || { label: source || '—', tone: 'muted', title: '' };
  return html`<span class=${'badge ' + layer.tone} title=${layer.title}>${layer.label}</span>`;
}
