// Short notices after an action ("Key disabled"), announced to screen readers, gone after a few seconds.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';

const listeners = new Set();
let seq = 0;

/** Shows a notice: kind 'ok' or 'error'. */
export function notify(text, kind = 'ok') {
  const toast = { id: ++seq, text, kind };
  listeners.forEach((l) => l(toast));
}

export function Toasts() {
  const [toasts, setToasts] = useState([]);
  useEffect(() => {
    const add = (t) => {
      setToasts((all) => [...all.slice(-3), t]);
      setTimeout(() => setToasts((all) => all.filter((x) => x.id !== t.id)), t.kind === 'error' ? 8000 : 4000);
    };
    listeners.add(add);
    return () => listeners.delete(add);
  }, []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${toasts.map((t) => html`<div key=${t.id} class=${'toast ' + t.kind}>${t.text}</div>`)}
  </div>`;
}
