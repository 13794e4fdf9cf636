// The login form. After a login the operator lands where they were going (the hash is kept).
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { Field, FormError } from '../components/Form.js';

export function Login({ onLoggedIn }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.post('/api/auth/login', { username, password })
      .then(() => onLoggedIn(), setError)
      .finally(() => setBusy(false));
  };
  return html`<form class="login card" onSubmit=${submit} aria-labelledby="login-title">
    <h1 id="login-title"><img src=${new URL('../icon.svg', import.meta.url).href} alt="" width="28" height="28"/> Keypool</h1>
    <p class="muted">Log in with an admin user. On a first start the password of <code>admin</code> is in the gateway's log
      (a line with <code>generated password:</code>).</p>
    <${Field} label="User name" name="username" value=${username} onInput=${setUsername} autocomplete="username" required/>
    <${Field} label="Password" name="password" type="password" value=${password} onInput=${setPassword} autocomplete="current-password" required/>
    <${FormError} error=${error}/>
    <button type="submit" class="primary" disabled=${busy}>${busy ? 'Logging in…' : 'Log in'}</button>
  </form>`;
}
