// An API error under a form. A 400 that names several problems ("a: ...; b: ...") is shown as a list,
// one line per field, so a long validation answer stays readable; it is scrolled into view, since a
// long form in a dialog may hide its bottom.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../lib/html.js';

export function Problems({ error }) {
  const box = useRef(null);
  useEffect(() => {
    if (error && box.current) box.current.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  const parts = error.status === 400 ? error.message.split('; ').filter(Boolean) : [];
  return html`<div class="state error" role="alert" ref=${box}>${parts.length < 2 ? error.message
    : html`<ul class="problems">${parts.map((p) => html`<li>${p}</li>`)}</ul>`}</div>`;
}
