// The create / edit dialogs of users and orgs: name, status and limits for both; email, org and the
// prepaid flag for users.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { Dialog } from './Dialog.js';
import { Field, FormError } from './Form.js';
import { LimitsEditor, limitsToRows, rowsToLimits } from './LimitsEditor.js';

const STATUSES = [['active', 'active'], ['suspended', 'suspended: its keys are refused (403)']];

/**
 * A dialog around a form that posts (create) or patches (edit) `path`. props: open, title, path, current
 * (null: create), initial (current => form), toBody (form => body), onClose, onSaved, children (form, set).
 */
function OwnerDialog({ open, title, path, current, initial, toBody, onClose, onSaved, children, submitLabel }) {
  const [form, setForm] = useState(() => initial(current));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setForm(initial(current));
      setError(null);
    }
  }, [open, current]);
  const set = (field) => (value) => setForm((f) => ({ ...f, [field]: value }));
  const submit = (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = toBody(form);
    const call = current ? api.patch(path + '/' + seg(current.id), body) : api.post(path, body);
    call.then(onSaved, setError).finally(() => setBusy(false));
  };
  return html`<${Dialog} open=${open} title=${title} onClose=${onClose}>
    <form onSubmit=${submit}>
      ${children(form, set)}
      <${FormError} error=${error}/>
      <div class="form-buttons">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : current ? 'Save' : submitLabel}</button>
      </div>
    </form>
  </${Dialog}>`;
}

/** props: open, user (null: create), orgOptions ([[id, name]]), onClose, onSaved (user => void). */
export function UserForm({ open, user, orgOptions, onClose, onSaved }) {
  const initial = (u) => ({
    name: u ? u.name : '', email: u ? u.email || '' : '', org_id: u ? u.org_id || '' : '',
    prepaid: u ? u.prepaid : false, status: u ? u.status : 'active', limits: limitsToRows(u && u.limits),
  });
  const toBody = (f) => ({
    name: f.name, email: f.email.trim() || null, org_id: f.org_id || null, prepaid: f.prepaid, status: f.status,
    limits: rowsToLimits(f.limits),
  });
  return html`<${OwnerDialog} open=${open} title=${user ? `Edit user “${user.name}”` : 'New user'} path="/api/users"
    current=${user} initial=${initial} toBody=${toBody} onClose=${onClose} onSaved=${onSaved} submitLabel="Create user">
    ${(f, set) => html`<div class="form-grid">
        <${Field} label="Name" name="name" value=${f.name} onInput=${set('name')} required/>
        <${Field} label="Email" name="email" type="email" value=${f.email} onInput=${set('email')} hint="Optional; unique."/>
        <${Field} label="Org" name="org_id" value=${f.org_id} onInput=${set('org_id')} options=${orgOptions}/>
        <${Field} label="Status" name="status" value=${f.status} onInput=${set('status')} options=${STATUSES}/>
      </div>
      <${Field} type="checkbox" label="Prepaid: requests need a positive balance" name="prepaid" value=${f.prepaid} onInput=${set('prepaid')}/>
      <${LimitsEditor} rows=${f.limits} onChange=${set('limits')} hint="For all of this user's keys together. Cost in US dollars."/>`}
  </${OwnerDialog}>`;
}

/** props: open, org (null: create), onClose, onSaved (org => void). */
export function OrgForm({ open, org, onClose, onSaved }) {
  const initial = (o) => ({ name: o ? o.name : '', status: o ? o.status : 'active', limits: limitsToRows(o && o.limits) });
  const toBody = (f) => ({ name: f.name, status: f.status, limits: rowsToLimits(f.limits) });
  return html`<${OwnerDialog} open=${open} title=${org ? `Edit org “${org.name}”` : 'New org'} path="/api/orgs"
    current=${org} initial=${initial} toBody=${toBody} onClose=${onClose} onSaved=${onSaved} submitLabel="Create org">
    ${(f, set) => html`<div class="form-grid">
        <${Field} label="Name" name="name" value=${f.name} onInput=${set('name')} required hint="Unique."/>
        <${Field} label="Status" name="status" value=${f.status} onInput=${set('status')} options=${STATUSES}/>
      </div>
      <${LimitsEditor} rows=${f.limits} onChange=${set('limits')}
        hint="For every key of the org and its users together; typically monthly caps. Cost in US dollars."/>`}
  </${OwnerDialog}>`;
}
