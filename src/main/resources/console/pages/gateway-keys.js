// Gateway keys (U4): every key clients use, with its owner, state, scopes and limits; filters by user
// and org, deleted keys on request; creating or regenerating a key shows its secret exactly once.
// #/gateway-keys/<id> is one key's page.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { link, navigate } from '../lib/router.js';
import { Widget } from '../components/Widget.js';
import { Field } from '../components/Form.js';
import { notify } from '../components/Toast.js';
import { useOwners } from '../components/Owners.js';
import { GatewayKeyTable } from '../components/GatewayKeyTable.js';
import { GatewayKeyForm } from '../components/GatewayKeyForm.js';
import { SecretOnce } from '../components/SecretOnce.js';
import GatewayKeyDetail from './gateway-key.js';

function KeyList({ query }) {
  const { canWrite } = useSession();
  const owners = useOwners();
  const filter = { user_id: query.get('user_id') || '', org_id: query.get('org_id') || '', deleted: query.get('deleted') === '1' };
  const keys = useResource(() => api.get('/api/gateway-keys', {
    user_id: filter.user_id, org_id: filter.org_id, include_deleted: filter.deleted ? 'true' : undefined,
  }), [filter.user_id, filter.org_id, filter.deleted]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(null);
  const setFilter = (patch) => {
    const next = { ...filter, ...patch };
    navigate(link('gateway-keys', { user_id: next.user_id, org_id: next.org_id, deleted: next.deleted ? '1' : '' }), { replace: true });
  };
  const filtered = filter.user_id || filter.org_id;
  return html`<div class="page stack">
    <div class="page-head"><h1>Gateway keys</h1>
      ${canWrite ? html`<button type="button" class="primary" onClick=${() => setCreating(true)}>New key</button>` : null}</div>
    <div class="filters">
      <${Field} label="User" name="user" value=${filter.user_id} onInput=${(v) => setFilter({ user_id: v })} options=${owners.userOptions('Any user')}/>
      <${Field} label="Org" name="org" value=${filter.org_id} onInput=${(v) => setFilter({ org_id: v })} options=${owners.orgOptions('Any org')}/>
      <${Field} type="checkbox" label="Show deleted" name="deleted" value=${filter.deleted} onInput=${(v) => setFilter({ deleted: v })}/>
    </div>
    <${Widget} resource=${keys} empty=${(rows) => rows.length === 0}
      emptyText=${filtered ? 'No key matches these filters.' : 'No gateway keys yet: create one to let a client in.'}>
      ${(rows) => html`<${GatewayKeyTable} keys=${rows} owners=${owners} onChanged=${keys.reload}/>`}
    </${Widget}>
    <${GatewayKeyForm} open=${creating} gatewayKey=${null} owners=${owners} onClose=${() => setCreating(false)}
      onSaved=${(k) => { setCreating(false); setCreated(k); notify(`Key “${k.name}” created`); keys.reload(); }}/>
    <${SecretOnce} secret=${created && created.key} title=${created ? `Key “${created.name}” created` : ''}
      onClose=${() => setCreated(null)}/>
  </div>`;
}

export default function GatewayKeys({ params, query }) {
  return params[0] ? html`<${GatewayKeyDetail} id=${params[0]}/>` : html`<${KeyList} query=${query}/>`;
}
