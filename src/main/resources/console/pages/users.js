// Users (U4): the people or teams gateway keys belong to, with their balance, prepaid flag, org, user
// group and status, paged, and the user groups that price them; #/users/<id> is one user's page
// (balance and ledger, usage, keys).
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { link, navigate } from '../lib/router.js';
import { usd } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { Table } from '../components/Table.js';
import { Badge } from '../components/Badge.js';
import { Field } from '../components/Form.js';
import { TimeAgo } from '../components/Time.js';
import { Pager } from '../components/Pager.js';
import { notify } from '../components/Toast.js';
import { LimitsSummary } from '../components/LimitsEditor.js';
import { OwnerName, useOwners } from '../components/Owners.js';
import { UserForm } from '../components/OwnerForms.js';
import { GroupName, GroupsWidget, useGroups } from '../components/UserGroups.js';
import UserDetail from './user.js';

const PAGE = 50;

function UserList({ query }) {
  const { canWrite } = useSession();
  const owners = useOwners({ withUsers: false });
  const groups = useGroups();
  const orgId = query.get('org_id') || '';
  const group = query.get('group') || '';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const users = useResource(() => api.get('/api/users', { org_id: orgId, group, limit: PAGE, offset }), [orgId, group, offset]);
  const [creating, setCreating] = useState(false);
  const go = (patch) => navigate(link('users', { org_id: orgId, group, offset: offset || '', ...patch }), { replace: true });
  return html`<div class="page stack">
    <div class="page-head"><h1>Users</h1>
      ${canWrite ? html`<button type="button" class="primary" onClick=${() => setCreating(true)}>New user</button>` : null}</div>
    <div class="filters">
      <${Field} label="Org" name="org" value=${orgId} onInput=${(v) => go({ org_id: v, offset: '' })} options=${owners.orgOptions('Any org')}/>
      <${Field} label="Group" name="group-filter" value=${group} onInput=${(v) => go({ group: v, offset: '' })} options=${groups.groupOptions('Any group')}/>
    </div>
    <${Widget} resource=${users} empty=${(p) => p.data.length === 0}
      emptyText=${orgId || group ? 'No users match.' : 'No users yet: create one, then give it gateway keys.'}>
      ${(p) => html`<${Table} caption="Users" rows=${p.data} cards onRow=${(u) => navigate(link('users', u.id))} columns=${[
        { key: 'name', label: 'Name', render: (u) => html`<a href=${link('users', u.id)}>${u.name}</a>
          ${u.email ? html`<div class="muted">${u.email}</div>` : null}` },
        { key: 'org', label: 'Org', render: (u) => html`<${OwnerName} kind="orgs" id=${u.org_id} owners=${owners}/>` },
        { key: 'group', label: 'Group', render: (u) => html`<${GroupName} id=${u.group} groups=${groups}/>` },
        { key: 'status', label: 'Status', render: (u) => html`<${Badge} value=${u.status}/>` },
        { key: 'prepaid', label: 'Prepaid', render: (u) => (u.prepaid ? 'yes' : html`<span class="muted">no</span>`) },
        { key: 'balance', label: 'Balance', align: 'right', render: (u) => html`<span class=${Number(u.balance_usd) < 0 ? 'amount minus' : ''}>${usd(u.balance_usd)}</span>` },
        { key: 'limits', label: 'Limits', render: (u) => html`<${LimitsSummary} limits=${u.limits}/>` },
        { key: 'created', label: 'Created', render: (u) => html`<${TimeAgo} at=${u.created_at}/>` },
      ]}/>
      <${Pager} total=${p.total} limit=${p.limit} offset=${p.offset} label="Pages of users" onChange=${(o) => go({ offset: o || '' })}/>`}
    </${Widget}>
    <${GroupsWidget} state=${groups} onChanged=${() => { groups.groups.reload(); users.reload(); }}/>
    <${UserForm} open=${creating} user=${null} orgOptions=${owners.orgOptions()} groupOptions=${groups.groupOptions('(no group)')} onClose=${() => setCreating(false)}
      onSaved=${(u) => { setCreating(false); notify(`User “${u.name}” created`); navigate(link('users', u.id)); }}/>
  </div>`;
}

export default function Users({ params, query }) {
  return params[0] ? html`<${UserDetail} id=${params[0]}/>` : html`<${UserList} query=${query}/>`;
}
