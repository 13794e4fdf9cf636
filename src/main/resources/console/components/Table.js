// Tables of records: columns declare how to render a row; a row may link to a detail view.
import { html } from '../lib/html.js';

/**
 * props: columns ([{key, label, render?(row), align?, title?}]), rows, rowKey (row => key), onRow (row => void),
 * caption (accessible name), empty (text when there are no rows), cards (on phones each row becomes a card),
 * className (more classes of the table).
 */
export function Table({ columns, rows, rowKey = (r) => r.id, onRow, caption, empty = 'Nothing here yet.', rowClass, cards, className }) {
  if (!rows || rows.length === 0) return html`<div class="state empty">${empty}</div>`;
  const activate = (row) => (e) => {
    if (!onRow) return;
    if (e.type === 'keydown' && e.key !== 'Enter') return;
    if (e.target.closest('button, a, input, select, label')) return;
    onRow(row);
  };
  const classes = [cards ? 'cards' : '', className || ''].join(' ').trim();
  return html`<div class="table-wrap"><table class=${classes || undefined}>
    ${caption ? html`<caption class="sr-only">${caption}</caption>` : null}
    <thead><tr>${columns.map((c) => html`<th scope="col" class=${c.align === 'right' ? 'num' : ''} title=${c.title}>${c.label}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr key=${rowKey(row)} class=${(onRow ? 'clickable ' : '') + (rowClass ? rowClass(row) : '')}
        tabindex=${onRow ? 0 : undefined} onClick=${activate(row)} onKeyDown=${activate(row)}>
      ${columns.map((c) => html`<td class=${c.align === 'right' ? 'num' : ''} data-label=${c.label}>${c.render ? c.render(row) : row[c.key] ?? '—'}</td>`)}
    </tr>`)}</tbody>
  </table></div>`;
}
