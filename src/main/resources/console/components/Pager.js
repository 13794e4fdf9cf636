// Paging controls for the offset-paged listings ({data,total,limit,offset}): where we are and prev/next.
import { html } from '../lib/html.js';
import { count } from '../lib/format.js';

/** props: total, limit, offset, onChange (new offset => void), label (what is paged, for screen readers). */
export function Pager({ total, limit, offset, onChange, label = 'Pages' }) {
  if (!total || (total <= limit && offset === 0)) return null;
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  // A div, not <nav>: the layout styles <nav> as the page menu.
  return html`<div class="pager" role="navigation" aria-label=${label}>
    <button type="button" class="small" disabled=${offset <= 0} onClick=${() => onChange(Math.max(0, offset - limit))}>‹ Previous</button>
    <span class="muted">${count(first)}–${count(last)} of ${count(total)}</span>
    <button type="button" class="small" disabled=${last >= total} onClick=${() => onChange(offset + limit)}>Next ›</button>
  </div>`;
}
