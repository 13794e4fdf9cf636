// My account (admin settings): who is logged in, how, until when, and a form to change one's own
// password (any role may). A password change ends the user's other sessions; this one stays.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useSubmit, problem } from '../lib/submit.js';
import { useResource } from '../lib/hooks.js';
import { Widget } from '../components/Widget.js';
import { Badge } from '../components/Badge.js';
import { TimeAgo, Countdown } from '../components/Time.js';
import { Field } from '../components/Form.js';
import { Problems } from '../components/Problems.js';
import { notify } from '../components/Toast.js';
import { exactTime } from '../lib/format.js';
import { PasswordFields, passwordProblem, NO_PASSWORD } from '../components/PasswordFields.js';

const VIA = {
  session: 'a login session (user name and password)',
  token: 'the static admin token (admin.token)',
  gateway_key: 'a gateway key with the admin permission',
};

function WhoAmI({ me }) {
  const u = me.user;
  return html`<dl class="facts">
    <dt>User</dt><dd>${u ? html`<strong>${u.username}</strong> <span class="muted mono">${u.id}</span>` : html`<span class="muted">none: not a console user</span>`}</dd>
    <dt>Role</dt><dd><${Badge} value=${me.role}/> <span class="muted">${me.role === 'admin' ? 'may change everything' : 'may only read'}</span></dd>
    <dt>Logged in with</dt><dd>${VIA[me.via] || me.via}</dd>
    <dt>Session ends</dt><dd>${me.expires_at ? html`${exactTime(me.expires_at)}
      <span class="muted"> (in <${Countdown} until=${me.expires_at} done="no time"/>)</span>` : html`<span class="muted">never: not a session</span>`}</dd>
    ${u && u.last_login_at ? html`<dt>Last login</dt><dd><${TimeAgo} at=${u.last_login_at}/></dd>` : null}
    ${u && u.created_at ? html`<dt>User since</dt><dd><${TimeAgo} at=${u.created_at}/></dd>` : null}
  </dl>`;
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(NO_PASSWORD);
  const { error, setError, busy, send } = useSubmit();
  const [done, setDone] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    setDone(false);
    const found = passwordProblem(next.password, next.repeat);
    if (found) return setError(problem(found));
    return send(() => api.post('/api/auth/password', { current_password: current, new_password: next.password })
      .catch((err) => Promise.reject(err.status === 403 ? problem('The current password is wrong.') : err)), () => {
      setCurrent('');
      setNext(NO_PASSWORD);
      setDone(true);
      notify('Password changed: your other sessions ended');
    });
  };
  return html`<form class="narrow-form" onSubmit=${submit}>
    <${Field} label="Current password" name="current-password" type="password" value=${current} onInput=${setCurrent}
      autocomplete="current-password" required/>
    <${PasswordFields} value=${next} onInput=${setNext}/>
    <${Problems} error=${error}/>
    ${done ? html`<div class="state ok" role="status">Your password is changed. Every other session of yours has ended
      (other browsers and tokens must log in again); this one stays logged in.</div>` : null}
    <div class="form-actions"><button type="submit" class="primary" disabled=${busy || !current}>${busy ? 'Changing…' : 'Change password'}</button></div>
  </form>`;
}

export default function Account() {
  const me = useResource(() => api.get('/api/auth/me'), [], 60_000);
  const hasPassword = me.data && me.data.via === 'session' && me.data.user;
  return html`<div class="page stack">
    <div class="page-head"><h1>My account</h1></div>
    <div class="grid">
      <${Widget} title="Who am I" resource=${me}>${(data) => html`<${WhoAmI} me=${data}/>`}</${Widget}>
      <${Widget} title="Change my password" resource=${me}>${() => (hasPassword ? html`<${ChangePassword}/>`
        : html`<div class="state">Only a console user logged in with a password can change it here. You are using
          ${VIA[me.data.via] || me.data.via}, which has no password.</div>`)}</${Widget}>
    </div>
  </div>`;
}
