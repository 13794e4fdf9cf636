// A box on a page with the states every widget has: loading, error (with retry), empty, and its data.
import { html } from '../lib/html.js';

/**
 * props: title, resource ({data, error, loading, reload} from useResource), empty (data => boolean),
 * emptyText, actions (elements in the header), children (data => elements).
 */
export function Widget({ title, resource, empty, emptyText = 'Nothing here yet.', actions, children, wide, id }) {
  const { data, error, loading, reload } = resource;
  let body;
  if (data === undefined && loading) {
    body = html`<div class="state loading" role="status">Loading…</div>`;
  } else if (error && data === undefined) {
    body = html`<div class="state error" role="alert">
      <span>${error.message}</span> <button type="button" class="link" onClick=${reload}>Retry</button>
    </div>`;
  } else if (empty && empty(data)) {
    body = html`<div class="state empty">${emptyText}</div>`;
  } else {
    body = children(data);
  }
  return html`<section class=${'widget' + (wide ? ' wide' : '')} id=${id} aria-busy=${loading ? 'true' : 'false'}>
    ${title || actions ? html`<header><h2>${title}</h2><div class="actions">${actions}</div></header>` : null}
    ${error && data !== undefined ? html`<div class="state error small" role="alert">Refresh failed: ${error.message}</div>` : null}
    ${body}
  </section>`;
}

/** A big figure with its label, for the overview's tiles. */
export function Tile({ label, value, title, hint }) {
  return html`<div class="tile" title=${title}>
    <div class="tile-label">${label}</div>
    <div class="tile-value">${value}</div>
    ${hint ? html`<div class="tile-hint">${hint}</div>` : null}
  </div>`;
}
