// One gateway key (#/gateway-keys/<id>): its facts and actions, its usage over the last 24 hours or
// 30 days, and its most recent requests.
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { useResource, useStored } from '../lib/hooks.js';
import { link } from '../lib/router.js';
import { exactTime } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { Badge } from '../components/Badge.js';
import { TimeAgo } from '../components/Time.js';
import { LimitsSummary } from '../components/LimitsEditor.js';
import { OwnerName, useOwners } from '../components/Owners.js';
import { GatewayKeyActions } from '../components/GatewayKeyActions.js';
import { Expiry, keyStatus } from '../components/GatewayKeyTable.js';
import { UsageCharts, UsageRange, usageSpan } from '../components/UsageCharts.js';
import { RecentRequests } from '../components/RecentRequests.js';

const list = (xs, none) => (xs.length ? xs.map((x) => html`<code class="chip">${x}</code>`) : html`<span class="muted">${none}</span>`);

function Facts({ k, owners }) {
  return html`<dl class="facts">
    <dt>Key</dt><dd class="mono">${k.key_hint}</dd>
    <dt>Id</dt><dd class="mono">${k.id}</dd>
    <dt>Description</dt><dd>${k.description || html`<span class="muted">—</span>`}</dd>
    <dt>Status</dt><dd><${Badge} value=${keyStatus(k)}/> ${k.source === 'config' ? html`<span class="muted">declared in keypool.yaml</span>` : null}</dd>
    <dt>User</dt><dd><${OwnerName} kind="users" id=${k.user_id} owners=${owners}/></dd>
    <dt>Org</dt><dd>${k.org_id ? html`<${OwnerName} kind="orgs" id=${k.org_id} owners=${owners}/>` : html`<span class="muted">the user’s, if any</span>`}</dd>
    <dt>Permissions</dt><dd>${list(k.permissions, 'none')}</dd>
    <dt>Models</dt><dd>${list(k.allowed_models, 'every model')}</dd>
    <dt>Providers</dt><dd>${list(k.allowed_providers, 'every provider')}</dd>
    <dt>Client IPs</dt><dd>${list(k.allowed_ips, 'any address')}</dd>
    <dt>Limits</dt><dd><${LimitsSummary} limits=${k.limits}/></dd>
    <dt>Expires</dt><dd><${Expiry} at=${k.expires_at}/></dd>
    <dt>Last used</dt><dd><${TimeAgo} at=${k.last_used_at}/></dd>
    <dt>Created</dt><dd title=${exactTime(k.created_at)}><${TimeAgo} at=${k.created_at}/></dd>
    ${k.revoked_at ? html`<dt>Revoked</dt><dd><${TimeAgo} at=${k.revoked_at}/></dd>` : null}
    ${k.deleted_at ? html`<dt>Deleted</dt><dd><${TimeAgo} at=${k.deleted_at}/></dd>` : null}
  </dl>`;
}

export default function GatewayKeyDetail({ id }) {
  const owners = useOwners();
  const key = useResource(() => api.get('/api/gateway-keys/' + seg(id)), [id]);
  const [range, setRange] = useStored('keypool.key.range', '24h');
  const timeline = useResource(() => api.get(`/api/gateway-keys/${seg(id)}/timeline`, usageSpan(range)), [id, range], 60_000);
  const recent = useResource(() => api.get('/api/requests', { gateway_key: id, limit: 20 }), [id], 60_000);
  const name = key.data ? key.data.name : id;
  return html`<div class="page stack">
    <p class="crumbs"><a href=${link('gateway-keys')}>Gateway keys</a> ›</p>
    <div class="page-head"><h1>${name}</h1>
      ${key.data ? html`<${GatewayKeyActions} k=${key.data} owners=${owners} onChanged=${key.reload}/>` : null}</div>
    <${Widget} title="Key" resource=${key}>${(k) => html`<${Facts} k=${k} owners=${owners}/>`}</${Widget}>
    <${Widget} title="Usage" resource=${timeline} wide actions=${html`<${UsageRange} value=${range} onChange=${setRange}/>`}
      empty=${(points) => !points.some((p) => p.stats.requests > 0)} emptyText="No requests with this key in this range.">
      ${(points) => html`<${UsageCharts} points=${points}/>`}</${Widget}>
    <${Widget} title="Recent requests" resource=${recent} empty=${(r) => r.items.length === 0} emptyText="No requests with this key yet.">
      ${(r) => html`<${RecentRequests} items=${r.items}/>`}</${Widget}>
  </div>`;
}
