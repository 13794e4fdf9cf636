// Gateway keys as a table (the keys page, a user's page): name and hint, owner, state, scopes, limits,
// expiry and use, with the actions an admin may take on each.
import { html } from '../lib/html.js';
import { useSession } from '../lib/session.js';
import { link, navigate } from '../lib/router.js';
import { Table } from './Table.js';
import { Badge } from './Badge.js';
import { TimeAgo } from './Time.js';
import { LimitsSummary } from './LimitsEditor.js';
import { OwnerName } from './Owners.js';
import { GatewayKeyActions } from './GatewayKeyActions.js';

/** The state shown for a key: a deleted key is "deleted" whatever its status was. */
export const keyStatus = (k) => (k.deleted_at ? 'deleted' : k.status);

const DEFAULT_PERMISSIONS = 'read,write';

function few(list) {
  return list.length <= 2 ? list.join(', ') : `${list.slice(0, 2).join(', ')} +${list.length - 2}`;
}

/** "models gpt-4o* · providers openai · 2 IP ranges · read only", or "any model, any address". */
export function scopesSummary(k) {
  const parts = [];
  if (k.allowed_models.length) parts.push('models ' + few(k.allowed_models));
  if (k.allowed_providers.length) parts.push('providers ' + few(k.allowed_providers));
  if (k.allowed_ips.length) parts.push(k.allowed_ips.length === 1 ? 'IP ' + k.allowed_ips[0] : k.allowed_ips.length + ' IP ranges');
  const perms = [...k.permissions].sort().join(',');
  if (perms !== DEFAULT_PERMISSIONS) parts.push(k.permissions.length ? k.permissions.join(' + ') : 'no permission');
  return parts.length ? parts.join(' · ') : 'any model, any address';
}

export function Expiry({ at }) {
  return at ? html`<${TimeAgo} at=${at}/>` : html`<span class="muted">never</span>`;
}

/** props: keys, owners (useOwners()), onChanged, hideOwner (on a user's page). */
export function GatewayKeyTable({ keys, owners, onChanged, hideOwner, empty }) {
  const { canWrite } = useSession();
  const columns = [
    { key: 'name', label: 'Name', render: (k) => html`<a href=${link('gateway-keys', k.id)}>${k.name}</a>
      <div class="mono muted">${k.key_hint}</div>` },
    !hideOwner && { key: 'owner', label: 'Owner', render: (k) => html`<div><${OwnerName} kind="users" id=${k.user_id} owners=${owners}/></div>
      ${k.org_id ? html`<div class="muted">org <${OwnerName} kind="orgs" id=${k.org_id} owners=${owners}/></div>` : null}` },
    { key: 'status', label: 'Status', render: (k) => html`<${Badge} value=${keyStatus(k)}/>
      ${k.source === 'config' ? html` <span class="badge info" title="Declared in keypool.yaml">file</span>` : null}` },
    { key: 'scopes', label: 'Scopes', render: (k) => html`<span class="scopes">${scopesSummary(k)}</span>` },
    { key: 'limits', label: 'Limits', render: (k) => html`<${LimitsSummary} limits=${k.limits}/>` },
    { key: 'expires', label: 'Expires', render: (k) => html`<${Expiry} at=${k.expires_at}/>` },
    { key: 'used', label: 'Last used', render: (k) => html`<${TimeAgo} at=${k.last_used_at}/>` },
    { key: 'created', label: 'Created', render: (k) => html`<${TimeAgo} at=${k.created_at}/>` },
    canWrite && { key: 'actions', label: 'Actions', render: (k) => html`<${GatewayKeyActions} k=${k} owners=${owners}
      onChanged=${onChanged} small/>` },
  ].filter(Boolean);
  return html`<${Table} caption="Gateway keys" rows=${keys} columns=${columns} cards empty=${empty}
    rowClass=${(k) => (k.deleted_at ? 'dimmed' : '')} onRow=${(k) => navigate(link('gateway-keys', k.id))}/>`;
}
