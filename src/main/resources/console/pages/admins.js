// Admin users (admin settings): who may log in to the console and the admin API, with which role.
// Admins create users, change roles, disable, reset passwords and delete; the gateway refuses (409) to
// leave no active admin. The API lists admin users to admins only, so a viewer is told so.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Badge } from '../components/Badge.js';
import { TimeAgo } from '../components/Time.js';
import { ConfirmButton } from '../components/Dialog.js';
import { notify } from '../components/Toast.js';
import { CreateAdminUser, ResetPassword } from '../components/AdminUserDialogs.js';

function NeedsAdmin() {
  return html`<section class="widget"><div class="state" role="status">
    <strong>Managing admin users needs the admin role.</strong> You are logged in as a viewer: ask an admin to
    add, change or remove console users. <a href="#/account">My account</a> shows your own details.
  </div></section>`;
}

function Users({ session }) {
  const users = useResource(() => api.get('/api/admin-users'), [], 60_000);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState(null);
  const me = session.user ? session.user.id : null;

  if (users.error && users.error.status === 403) return html`<${NeedsAdmin}/>`;

  const change = (u, patch, text) => api.patch('/api/admin-users/' + seg(u.id), patch)
    .then(() => { notify(text); users.reload(); if (u.id === me) session.refresh(); }, (e) => notify(e.message, 'error'));
  const remove = (u) => api.del('/api/admin-users/' + seg(u.id))
    .then(() => { notify(`${u.username} deleted`); users.reload(); }, (e) => notify(e.message, 'error'));

  const columns = [
    { key: 'username', label: 'User', render: (u) => html`<span><strong>${u.username}</strong>${u.id === me ? html` <span class="muted">(you)</span>` : null}</span>` },
    { key: 'role', label: 'Role', render: (u) => html`<${Badge} value=${u.role}/>` },
    { key: 'status', label: 'Status', render: (u) => html`<${Badge} value=${u.status}/>` },
    { key: 'last_login_at', label: 'Last login', render: (u) => (u.last_login_at ? html`<${TimeAgo} at=${u.last_login_at}/>` : html`<span class="muted">never</span>`) },
    { key: 'created_at', label: 'Created', render: (u) => html`<${TimeAgo} at=${u.created_at}/>` },
  ];
  if (session.canWrite) columns.push({ key: 'actions', label: 'Actions', render: (u) => {
    const other = u.role === 'admin' ? 'viewer' : 'admin';
    const self = u.id === me ? ' This is you: your own rights change at once.' : '';
    return html`<div class="row-actions">
      <${ConfirmButton} className="small" label=${'Make ' + other} onConfirm=${() => change(u, { role: other }, `${u.username} is now ${other === 'admin' ? 'an admin' : 'a viewer'}`)}
        question=${`Make ${u.username} ${other === 'admin' ? 'an admin (may change everything)' : 'a viewer (may only read)'}?${self}`}/>
      ${u.status === 'active'
        ? html`<${ConfirmButton} className="small" label="Disable" onConfirm=${() => change(u, { status: 'disabled' }, `${u.username} disabled`)}
            question=${`Disable ${u.username}? Their sessions end and they cannot log in until enabled.${u.id === me ? ' This is you: you are logged out.' : ''}`}/>`
        : html`<button type="button" class="small" onClick=${() => change(u, { status: 'active' }, `${u.username} enabled`)}>Enable</button>`}
      <button type="button" class="small" onClick=${() => setResetting(u)}>Reset password</button>
      <${ConfirmButton} className="small" danger label="Delete" onConfirm=${() => remove(u)}
        question=${`Delete ${u.username} and end their sessions?${u.id === me ? ' This is you: you are logged out.' : ''}`}/>
    </div>`;
  } });

  return html`<${Widget} title="Admin users" resource=${users} empty=${(rows) => rows.length === 0}
      emptyText="No admin users: the gateway creates one at start (see its log)."
      actions=${session.canWrite ? html`<button type="button" class="primary" onClick=${() => setCreating(true)}>Add user</button>` : null}>
      ${(rows) => html`<${Table} caption="Admin users" rows=${rows} columns=${columns} cards/>`}
    </${Widget}>
    <${CreateAdminUser} open=${creating} onClose=${() => setCreating(false)}
      onCreated=${(u) => { setCreating(false); notify(`${u.username} created as ${u.role}`); users.reload(); }}/>
    <${ResetPassword} user=${resetting} onClose=${() => setResetting(null)}
      onDone=${() => { notify(`Password of ${resetting.username} reset: their sessions ended`); setResetting(null); }}/>`;
}

export default function Admins() {
  const session = useSession();
  // The API lists admin users to admins only: a viewer is told so instead of being answered 403.
  return html`<div class="page stack">
    <div class="page-head"><h1>Admin users</h1></div>
    <p class="muted intro">People who log in to this console. Admins may change everything; viewers may only read.
      The gateway keeps at least one active admin.</p>
    ${session.canWrite ? html`<${Users} session=${session}/>` : html`<${NeedsAdmin}/>`}
  </div>`;
}
