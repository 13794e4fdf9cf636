// A new password typed twice, checked in the browser before it is sent (the API checks it again).
import { html } from '../lib/html.js';
import { Field } from './Form.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/** What is wrong with a new password and its repetition, or null. */
export function passwordProblem(password, repeat) {
  if (password.length < PASSWORD_MIN) return `The password needs at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `The password may have at most ${PASSWORD_MAX} characters.`;
  if (password !== repeat) return 'The two passwords differ.';
  return null;
}

/** props: value ({password, repeat}), onInput (value => void), label. */
export function PasswordFields({ value, onInput, label = 'New password' }) {
  const { password, repeat } = value;
  const tooShort = password.length > 0 && password.length < PASSWORD_MIN;
  const differs = repeat.length > 0 && password !== repeat;
  return html`<${Field} label=${label} name="new-password" type="password" value=${password} required
      hint=${tooShort ? `${password.length} of at least ${PASSWORD_MIN} characters` : `${PASSWORD_MIN} to ${PASSWORD_MAX} characters`}
      onInput=${(p) => onInput({ password: p, repeat })}/>
    <${Field} label=${'Repeat the ' + label.toLowerCase()} name="repeat-password" type="password" value=${repeat} required
      hint=${differs ? 'Does not match yet' : undefined} onInput=${(r) => onInput({ password, repeat: r })}/>`;
}

export const NO_PASSWORD = { password: '', repeat: '' };
