// The dialogs of the admin users page: create a user, and reset another user's password (which ends
// that user's sessions).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useSubmit, problem } from '../lib/submit.js';
import { Dialog } from './Dialog.js';
import { Field } from './Form.js';
import { Problems } from './Problems.js';
import { PasswordFields, passwordProblem, NO_PASSWORD } from './PasswordFields.js';

export const ROLES = [['viewer', 'viewer: may only read'], ['admin', 'admin: may change everything']];

/** A form in a dialog that sends one request, cleared when the dialog opens; `check()` finds a problem or null. */
function useSend(open, reset) {
  const { error, setError, busy, send } = useSubmit();
  useEffect(() => {
    if (open) {
      setError(null);
      reset();
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = (check, request, onDone) => (e) => {
    e.preventDefault();
    const found = check();
    return found ? setError(problem(found)) : send(request, onDone);
  };
  return { error, busy, submit };
}

/** props: open, onClose, onCreated (user => void). */
export function CreateAdminUser({ open, onClose, onCreated }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('viewer');
  const [password, setPassword] = useState(NO_PASSWORD);
  const { error, busy, submit } = useSend(open, () => { setUsername(''); setRole('viewer'); setPassword(NO_PASSWORD); });
  const onSubmit = submit(
    () => (/^[a-z0-9_.@-]{1,64}$/.test(username.trim().toLowerCase()) ? passwordProblem(password.password, password.repeat)
      : 'A user name has 1 to 64 of a-z, 0-9, _ . @ -'),
    () => api.post('/api/admin-users', { username: username.trim(), password: password.password, role }),
    onCreated);
  return html`<${Dialog} open=${open} title="Add an admin user" onClose=${onClose}>
    <form onSubmit=${onSubmit}>
      <${Field} label="User name" name="new-username" value=${username} onInput=${setUsername} required
        hint="Lower-cased; 1 to 64 of a-z, 0-9, _ . @ -" autocomplete="off"/>
      <${Field} label="Role" name="new-role" value=${role} onInput=${setRole} options=${ROLES}/>
      <${PasswordFields} value=${password} onInput=${setPassword} label="Password"/>
      <${Problems} error=${error}/>
      <div class="form-actions"><button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Creating…' : 'Create user'}</button></div>
    </form>
  </${Dialog}>`;
}

/** props: user (the user whose password is reset; null: closed), onClose, onDone (user => void). */
export function ResetPassword({ user, onClose, onDone }) {
  const [password, setPassword] = useState(NO_PASSWORD);
  const { error, busy, submit } = useSend(!!user, () => setPassword(NO_PASSWORD));
  const onSubmit = submit(
    () => passwordProblem(password.password, password.repeat),
    () => api.patch('/api/admin-users/' + seg(user.id), { password: password.password }),
    onDone);
  return html`<${Dialog} open=${!!user} title=${user ? `Reset the password of ${user.username}` : ''} onClose=${onClose}>
    ${user ? html`<form onSubmit=${onSubmit}>
      <p class="muted">${user.username}’s sessions end at once: they log in again with the new password.</p>
      <${PasswordFields} value=${password} onInput=${setPassword}/>
      <${Problems} error=${error}/>
      <div class="form-actions"><button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : 'Reset password'}</button></div>
    </form>` : null}
  </${Dialog}>`;
}
