// A secret shown exactly once (a new gateway key): copy it now; closing the dialog forgets it.
import { useRef, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { Dialog } from './Dialog.js';

/** props: secret (null: closed), title, onClose (the parent drops the secret there). */
export function SecretOnce({ secret, title = 'Your new key', onClose }) {
  const box = useRef(null);
  const [copied, setCopied] = useState(null);
  const select = () => {
    const range = document.createRange();
    range.selectNodeContents(box.current);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  };
  const copy = () => {
    const fallback = () => {
      select();
      setCopied('selected');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(secret).then(() => setCopied('copied'), fallback);
    } else {
      fallback();
    }
  };
  const close = () => {
    setCopied(null);
    onClose();
  };
  return html`<${Dialog} open=${!!secret} title=${title} onClose=${close} footer=${html`
      <button type="button" class="primary" onClick=${close}>I have stored it</button>`}>
    <p class="notice warn" role="note"><strong>Store this key now.</strong> It is shown only this once: Keypool keeps
      only its hash and cannot show it again. If it is lost, regenerate the key.</p>
    <div class="secret-once" ref=${box} tabindex="0" aria-label="The key">${secret}</div>
    <div class="secret-actions">
      <button type="button" onClick=${copy}>Copy</button>
      <span class="muted" role="status">${copied === 'copied' ? 'Copied to the clipboard.' : copied === 'selected'
        ? 'The clipboard is not available here: the key is selected, press Ctrl+C (⌘C) to copy it.' : ''}</span>
    </div>
  </${Dialog}>`;
}
