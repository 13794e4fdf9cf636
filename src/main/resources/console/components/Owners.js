// Users and orgs by id, for owner names and the owner selects of the access pages: one request each
// (the first 1,000, the most a listing gives; beyond that an owner shows as its id).
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { link } from '../lib/router.js';

const ALL = { limit: 1000 };

/** props: withUsers false where only org names are needed (no users request then). */
export function useOwners({ withUsers = true } = {}) {
  const users = useResource(() => (withUsers ? api.get('/api/users', ALL) : null), [withUsers]);
  const orgs = useResource(() => api.get('/api/orgs', ALL), []);
  const byId = (r) => new Map(((r.data && r.data.data) || []).map((x) => [x.id, x]));
  const userMap = byId(users);
  const orgMap = byId(orgs);
  const options = (map, none) => [['', none], ...[...map.values()].map((x) => [x.id, x.name])];
  return {
    users,
    orgs,
    user: (id) => userMap.get(id),
    org: (id) => orgMap.get(id),
    userOptions: (none = '(no user)') => options(userMap, none),
    orgOptions: (none = '(no org)') => options(orgMap, none),
    reload: () => {
      users.reload();
      orgs.reload();
    },
  };
}

/** A user's name linking to the user, or an org's name (orgs have no page of their own), by id. */
export function OwnerName({ kind, id, owners }) {
  if (!id) return html`<span class="muted">—</span>`;
  if (kind === 'users') {
    const u = owners.user(id);
    return html`<a href=${link('users', id)} title=${id}>${u ? u.name : id}</a>`;
  }
  const o = owners.org(id);
  return html`<span title=${id}>${o ? o.name : id}</span>`;
}
