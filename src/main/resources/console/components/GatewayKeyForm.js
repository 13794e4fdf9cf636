// The create / edit dialog of a gateway key. Editing sends only the fields that changed, so a key
// declared in keypool.yaml (which takes only owner and expiry here) can be edited too.
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { FormDialog } from './FormDialog.js';
import { Field } from './Form.js';
import { ListField, splitList, joinList } from './ListField.js';
import { LimitsEditor, limitsToRows, rowsToLimits } from './LimitsEditor.js';

const PERMISSIONS = [['read', 'read: list models'], ['write', 'write: chat, messages, embeddings…'], ['admin', 'admin: this admin API']];
const CONFIG_FIELDS = ['user_id', 'org_id', 'expires_at'];

/** An instant -> the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function formOf(k) {
  return {
    name: k ? k.name : '',
    description: k ? k.description || '' : '',
    user_id: k ? k.user_id || '' : '',
    org_id: k ? k.org_id || '' : '',
    expires_at: toLocalInput(k && k.expires_at),
    allowed_models: joinList(k && k.allowed_models),
    allowed_providers: joinList(k && k.allowed_providers),
    allowed_ips: joinList(k && k.allowed_ips),
    permissions: k ? k.permissions : ['read', 'write'],
    limits: limitsToRows(k && k.limits),
  };
}

/** The form's value of one field as the API takes it. */
function wire(form, field) {
  switch (field) {
    case 'user_id': case 'org_id': return form[field] || null;
    case 'expires_at': return form.expires_at ? new Date(form.expires_at).toISOString() : null;
    case 'allowed_models': case 'allowed_providers': case 'allowed_ips': return splitList(form[field]);
    case 'limits': return rowsToLimits(form.limits);
    case 'description': return form.description.trim();
    default: return form[field];
  }
}

/** The body to send: on create every field set; on edit only the changed ones (null: nothing changed). */
function changes(form, gatewayKey) {
  const initial = formOf(gatewayKey);
  const body = {};
  for (const field of Object.keys(form)) {
    const value = wire(form, field);
    if (gatewayKey && JSON.stringify(value) === JSON.stringify(wire(initial, field))) continue;
    if (!gatewayKey && (value === null || value === '')) continue;
    body[field] = value;
  }
  return gatewayKey && Object.keys(body).length === 0 ? null : body;
}

/** props: open, gatewayKey (null: create), owners (useOwners()), onClose, onSaved (answer => void). */
export function GatewayKeyForm({ open, gatewayKey, owners, onClose, onSaved }) {
  const fromConfig = gatewayKey && gatewayKey.source === 'config';
  const locked = (field) => fromConfig && !CONFIG_FIELDS.includes(field);
  const save = (form) => {
    const body = changes(form, gatewayKey);
    if (!body) return null;
    return gatewayKey ? api.patch('/api/gateway-keys/' + seg(gatewayKey.id), body) : api.post('/api/gateway-keys', body);
  };
  const permission = (form, set, p) => (on) => set('permissions')(on ? [...form.permissions.filter((x) => x !== p), p]
    : form.permissions.filter((x) => x !== p));

  return html`<${FormDialog} open=${open} wide title=${gatewayKey ? 'Edit gateway key “' + gatewayKey.name + '”' : 'New gateway key'}
    current=${gatewayKey} initial=${formOf} save=${save} onClose=${onClose} onSaved=${onSaved} submitLabel="Create key">
    ${(form, set) => html`
      ${fromConfig ? html`<p class="notice info">This key is declared in keypool.yaml: only its owner and expiry can change here.</p>` : null}
      <div class="form-grid">
        <${Field} label="Name" name="name" value=${form.name} onInput=${set('name')} required disabled=${locked('name')}/>
        <${Field} label="Description" name="description" value=${form.description} onInput=${set('description')} disabled=${locked('description')}/>
        <${Field} label="User" name="user_id" value=${form.user_id} onInput=${set('user_id')} options=${owners.userOptions()}
          hint=${owners.users.error ? 'Users could not be loaded: ' + owners.users.error.message : 'Who the key belongs to.'}/>
        <${Field} label="Org" name="org_id" value=${form.org_id} onInput=${set('org_id')} options=${owners.orgOptions('(the user\'s org, if any)')}
          hint=${owners.orgs.error ? 'Orgs could not be loaded: ' + owners.orgs.error.message : 'Leave empty to follow the user’s org.'}/>
        <${Field} label="Expires" name="expires_at" type="datetime-local" value=${form.expires_at} onInput=${set('expires_at')}
          hint="Your local time. Empty: never."/>
      </div>
      <div class="form-grid">
        <${ListField} label="Allowed models" name="allowed_models" value=${form.allowed_models} onInput=${set('allowed_models')}
          placeholder="gpt-4o*, claude-*" disabled=${locked('allowed_models')} hint="Glob patterns; empty: every model."/>
        <${ListField} label="Allowed providers" name="allowed_providers" value=${form.allowed_providers} onInput=${set('allowed_providers')}
          placeholder="openai, anthropic" disabled=${locked('allowed_providers')} hint="Provider ids; empty: every provider."/>
        <${ListField} label="Allowed IPs" name="allowed_ips" value=${form.allowed_ips} onInput=${set('allowed_ips')}
          placeholder="10.0.0.0/8" disabled=${locked('allowed_ips')} hint="Addresses or CIDR blocks; empty: any address."/>
      </div>
      <fieldset class="permissions" disabled=${locked('permissions')}>
        <legend>Permissions</legend>
        ${PERMISSIONS.map(([p, label]) => html`<${Field} type="checkbox" label=${label} name=${'perm-' + p}
          value=${form.permissions.includes(p)} onInput=${permission(form, set, p)}/>`)}
      </fieldset>
      <${LimitsEditor} rows=${form.limits} onChange=${set('limits')} disabled=${locked('limits')}
        hint="Per key, on top of the user's and org's limits. Cost in US dollars."/>`}
  </${FormDialog}>`;
}
