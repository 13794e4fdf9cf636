// User groups (billing.groups in the file, /api/user-groups at run time): each prices its users'
// requests at cost x its sell multiplier. One request for every group; the users pages show a
// user's group, filter by it, and manage the groups in a widget of their own.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { link } from '../lib/router.js';
import { Widget } from './Widget.js';
import { Table } from './Table.js';
import { Badge } from './Badge.js';
import { Field } from './Form.js';
import { FormDialog } from './FormDialog.js';
import { ConfirmButton } from './Dialog.js';
import { notify } from './Toast.js';

/** The groups by id, with select options that show each multiplier. */
export function useGroups() {
  const groups = useResource(() => api.get('/api/user-groups', { limit: 1000 }), []);
  const list = (groups.data && groups.data.data) || [];
  const byId = new Map(list.map((g) => [g.id, g]));
  return {
    groups,
    group: (id) => byId.get(id),
    groupOptions: (none) => [['', none], ...list.map((g) => [g.id, `${g.name} (×${g.sell_multiplier})`])],
  };
}

/** A user's group: its name and multiplier, or the price of users without one. */
export function GroupName({ id, groups }) {
  if (!id) return html`<span class="muted">none</span>`;
  const g = groups.group(id);
  return g ? html`<span title=${id}>${g.name} <span class="muted">×${g.sell_multiplier}</span></span>` : html`<span class="mono">${id}</span>`;
}

/** props: open, group (null: create), onClose, onSaved (group => void). */
export function GroupForm({ open, group, onClose, onSaved }) {
  const initial = (g) => ({ id: g ? g.id : '', name: g ? g.name : '', sell_multiplier: g ? String(g.sell_multiplier) : '' });
  const save = (f) => (group
    ? api.patch('/api/user-groups/' + seg(group.id), { name: f.name.trim() || group.id, sell_multiplier: f.sell_multiplier.trim() })
    : api.post('/api/user-groups', { id: f.id.trim(), name: f.name.trim() || null, sell_multiplier: f.sell_multiplier.trim() }));
  return html`<${FormDialog} open=${open} title=${group ? `Edit group “${group.name}”` : 'New user group'}
    current=${group} initial=${initial} save=${save} onClose=${onClose} onSaved=${onSaved} submitLabel="Create group">
    ${(f, set) => html`<div class="form-grid">
        <${Field} label="Id" name="group-id" value=${f.id} onInput=${set('id')} required disabled=${!!group}
          hint="a-z 0-9 _ . -, as users name it; cannot change."/>
        <${Field} label="Name" name="group-name" value=${f.name} onInput=${set('name')} hint="Optional; the id when empty."/>
        <${Field} label="Sell multiplier" name="group-sell_multiplier" value=${f.sell_multiplier} onInput=${set('sell_multiplier')}
          required hint="Charged price = cost × this, e.g. 1.2; 0 to 1000."/>
      </div>`}
  </${FormDialog}>`;
}

/** The groups with their multipliers and members; admins add, edit and delete the run-time ones. */
export function GroupsWidget({ state, onChanged }) {
  const { canWrite } = useSession();
  const [editing, setEditing] = useState(null); // null: closed, {}: new, a group: edit
  const remove = (g) => api.del('/api/user-groups/' + seg(g.id)).then(() => {
    notify(`Group “${g.name}” deleted`);
    onChanged();
  }, (e) => notify(e.message, 'error'));
  const saved = (g) => {
    notify(`Group “${g.name}” saved`);
    setEditing(null);
    onChanged();
  };
  return html`<${Widget} title="User groups" resource=${state.groups} empty=${(p) => p.data.length === 0}
    emptyText="No groups: every user pays cost × billing.sell_multiplier."
    actions=${canWrite ? html`<button type="button" onClick=${() => setEditing({})}>New group</button>` : null}>
    ${(p) => html`<${Table} caption="User groups" rows=${p.data} cards columns=${[
      { key: 'name', label: 'Group', render: (g) => html`${g.name} <span class="muted mono">${g.id}</span>
        ${g.is_default ? html` <${Badge} value="default"/>` : null}` },
      { key: 'multiplier', label: 'Sell multiplier', align: 'right', render: (g) => '×' + g.sell_multiplier },
      { key: 'users', label: 'Users', align: 'right', render: (g) => html`<a href=${link('users', { group: g.id })}>${g.users}</a>` },
      { key: 'source', label: 'Defined in', render: (g) => (g.source === 'config' ? 'file' : 'run time') },
      { key: 'actions', label: '', render: (g) => (canWrite && g.source !== 'config' ? html`<div class="row-actions">
        <button type="button" onClick=${() => setEditing(g)}>Edit</button>
        <${ConfirmButton} label="Delete" danger question=${`Delete group “${g.name}”?`} onConfirm=${() => remove(g)}
          disabled=${g.users > 0}/></div>` : null) },
    ]}/>`}
  </${Widget}>
  <${GroupForm} open=${editing !== null} group=${editing && editing.id ? editing : null} onClose=${() => setEditing(null)} onSaved=${saved}/>`;
}
