// Modal dialogs on the native <dialog> element: focus is trapped and Escape closes it, by the browser.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../lib/html.js';

/** props: open, title, onClose, children, footer. */
export function Dialog({ open, title, onClose, children, footer, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return html`<dialog ref=${ref} class=${wide ? 'wide' : ''} onClose=${onClose} aria-labelledby="dialog-title">
    ${open ? html`<header><h2 id="dialog-title">${title}</h2>
      <button type="button" class="icon" aria-label="Close" onClick=${onClose}>✕</button></header>
      <div class="dialog-body">${children}</div>
      ${footer ? html`<footer>${footer}</footer>` : null}` : null}
  </dialog>`;
}

/** A button that asks before it acts: props label, question, onConfirm, danger. */
export function ConfirmButton({ label, question, onConfirm, danger, disabled, className = '' }) {
  const ask = () => {
    // The browser's own confirm: keyboard-friendly and impossible to miss.
    if (confirm(question)) onConfirm();
  };
  return html`<button type="button" class=${(danger ? 'danger ' : '') + className} disabled=${disabled} onClick=${ask}>${label}</button>`;
}
