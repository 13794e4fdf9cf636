// The create / edit dialogs of users and orgs: name, status and limits for both; email, org, user
// group and the prepaid flag for users.
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { FormDialog } from './FormDialog.js';
import { Field } from './Form.js';
import { LimitsEditor, limitsToRows, rowsToLimits } from './LimitsEditor.js';

const STATUSES = [['active', 'active'], ['suspended', 'suspended: its keys are refused (403)']];

/** Posts (create) or patches (edit) the body under `path`. */
const saver = (path, current, toBody) => (form) => (current
  ? api.patch(path + '/' + seg(current.id), toBody(form)) : api.post(path, toBody(form)));

/** props: open, user (null: create), orgOptions and groupOptions ([[id, name]]), onClose, onSaved (user => void). */
export function UserForm({ open, user, orgOptions, groupOptions, onClose, onSaved }) {
  const initial = (u) => ({
    name: u ? u.name : '', email: u ? u.email || '' : '', org_id: u ? u.org_id || '' : '', group: u ? u.group || '' : '',
    prepaid: u ? u.prepaid : false, status: u ? u.status : 'active', limits: limitsToRows(u && u.limits),
  });
  const toBody = (f) => ({
    name: f.name, email: f.email.trim() || null, org_id: f.org_id || null, group: f.group || null, prepaid: f.prepaid, status: f.status,
    limits: rowsToLimits(f.limits),
  });
  return html`<${FormDialog} open=${open} title=${user ? `Edit user “${user.name}”` : 'New user'}
    current=${user} initial=${initial} save=${saver('/api/users', user, toBody)} onClose=${onClose} onSaved=${onSaved} submitLabel="Create user">
    ${(f, set) => html`<div class="form-grid">
        <${Field} label="Name" name="name" value=${f.name} onInput=${set('name')} required/>
        <${Field} label="Email" name="email" type="email" value=${f.email} onInput=${set('email')} hint="Optional; unique."/>
        <${Field} label="Org" name="org_id" value=${f.org_id} onInput=${set('org_id')} options=${orgOptions}/>
        <${Field} label="Status" name="status" value=${f.status} onInput=${set('status')} options=${STATUSES}/>
        <${Field} label="Group" name="group" value=${f.group} onInput=${set('group')} options=${groupOptions}
          hint="Its sell multiplier prices the user's requests."/>
      </div>
      <${Field} type="checkbox" label="Prepaid: requests need a positive balance" name="prepaid" value=${f.prepaid} onInput=${set('prepaid')}/>
      <${LimitsEditor} rows=${f.limits} onChange=${set('limits')} hint="For all of this user's keys together. Cost in US dollars."/>`}
  </${FormDialog}>`;
}

/** props: open, org (null: create), onClose, onSaved (org => void). */
export function OrgForm({ open, org, onClose, onSaved }) {
  const initial = (o) => ({ name: o ? o.name : '', status: o ? o.status : 'active', limits: limitsToRows(o && o.limits) });
  const toBody = (f) => ({ name: f.name, status: f.status, limits: rowsToLimits(f.limits) });
  return html`<${FormDialog} open=${open} title=${org ? `Edit org “${org.name}”` : 'New org'}
    current=${org} initial=${initial} save=${saver('/api/orgs', org, toBody)} onClose=${onClose} onSaved=${onSaved} submitLabel="Create org">
    ${(f, set) => html`<div class="form-grid">
        <${Field} label="Name" name="name" value=${f.name} onInput=${set('name')} required hint="Unique."/>
        <${Field} label="Status" name="status" value=${f.status} onInput=${set('status')} options=${STATUSES}/>
      </div>
      <${LimitsEditor} rows=${f.limits} onChange=${set('limits')}
        hint="For every key of the org and its users together; typically monthly caps. Cost in US dollars."/>`}
  </${FormDialog}>`;
}
