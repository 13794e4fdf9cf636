// Request log (U6): the recorded requests, newest first, filtered by the URL's query so a filtered view can be
// shared and survives a reload. Pages come by keyset (the API's cursor), 50 at a time: "Load more" appends
// the next page, so the first one is as quick with ten million records as with ten. A text search reads the
// log for at most a moment per call: when it stops before filling a page it says how far back it looked, and
// "Search older" goes on from there.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useResource } from '../lib/hooks.js';
import { link, navigate } from '../lib/router.js';
import { count } from '../lib/format.js';
import { Widget } from '../components/Widget.js';
import { TimeAgo } from '../components/Time.js';
import { FilterBar, pickFilters } from '../components/FilterBar.js';
import { OUTCOMES, RequestTable, useKeyNames } from '../components/RequestRow.js';
import { RequestDetail } from './request-detail.js';

const REQUEST_ID = /^req_[0-9a-f]{28}$/;
const FILTERS = ['from', 'to', 'model', 'status', 'outcome', 'provider_key', 'gateway_key', 'user', 'org', 'q'];
const PAGE = 50;

/** The log under `filters` as {items, next, error, loading, reload(), more()}; `key` names the filters. */
function useRequestPages(filters, key) {
  const [state, setState] = useState({ items: undefined, next: null, searchedTo: null, error: null, loading: true });
  const generation = useRef(0);
  const load = (cursor) => {
    // A new first page makes every answer still on its way stale; a further page belongs to the current one.
    const mine = cursor ? generation.current : ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    api.get('/api/requests', { ...filters, limit: PAGE, cursor }).then(
      (page) => mine === generation.current && setState((s) => ({
        items: cursor ? [...(s.items || []), ...page.items] : page.items, next: page.next_cursor,
        searchedTo: page.searched_to || null, error: null, loading: false })),
      (error) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })));
  };
  useEffect(() => {
    setState({ items: undefined, next: null, searchedTo: null, error: null, loading: true });
    load(null);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    data: state.items, next: state.next, searchedTo: state.searchedTo, error: state.error, loading: state.loading,
    reload: () => load(null),
    more: () => state.next && !state.loading && load(state.next),
  };
}

/** The choices of a select: [id, label] of each listed thing. */
const choices = (resource, label, rows = (d) => d) => (resource.data ? rows(resource.data).map((x) => [x.id, label(x)]) : []);

function RequestLog({ query }) {
  const filters = pickFilters(query, FILTERS);
  const key = JSON.stringify(filters);
  const { providerKeys, gatewayKeys, names } = useKeyNames();
  const users = useResource(() => api.get('/api/users', { limit: 1000 }), []);
  const orgs = useResource(() => api.get('/api/orgs', { limit: 1000 }), []);
  const pages = useRequestPages(filters, key);
  // A request id typed into the search opens that request: one lookup by key, not a text search of the log.
  const setFilters = (f) => (REQUEST_ID.test((f.q || '').trim())
    ? navigate(link('requests', f.q.trim()))
    : navigate(link('requests', f), { replace: true }));
  const open = useCallback((r) => navigate(link('requests', r.id, JSON.parse(key))), [key]);

  const fields = [
    { name: 'from', label: 'From', type: 'datetime' },
    { name: 'to', label: 'To', type: 'datetime' },
    { name: 'model', label: 'Model', placeholder: 'as requested' },
    { name: 'status', label: 'Status', type: 'number', placeholder: 'e.g. 429' },
    { name: 'outcome', label: 'Outcome', type: 'select', options: OUTCOMES },
    { name: 'provider_key', label: 'Provider key', type: 'select', options: choices(providerKeys, (k) => `${k.provider} / ${k.name}`) },
    { name: 'gateway_key', label: 'Gateway key', type: 'select', options: choices(gatewayKeys, (k) => k.name) },
    { name: 'user', label: 'User', type: 'select', options: choices(users, (u) => u.name + (u.email ? ` (${u.email})` : ''), (d) => d.data) },
    { name: 'org', label: 'Org', type: 'select', options: choices(orgs, (o) => o.name, (d) => d.data) },
    { name: 'q', label: 'Search', placeholder: 'id, model or error text', wide: true },
  ];
  const filtered = Object.keys(filters).length > 0;
  const items = pages.data || [];

  return html`<div class="page stack">
    <div class="page-head"><h1>Request log</h1><a class="button" href="#/live">Live view</a></div>
    <${FilterBar} fields=${fields} values=${filters} onChange=${setFilters} label="Request filters"/>
    <${Widget} resource=${pages} wide empty=${(rows) => rows.length === 0 && !pages.next}
      emptyText=${filtered ? 'No request matches these filters.' : 'No request recorded yet: send one through the proxy port and it shows here.'}
      title=${pages.data ? `${count(items.length)}${pages.next ? '+' : ''} requests${filtered ? ' matching' : ''}` : 'Requests'}
      actions=${html`<button type="button" class="small" onClick=${pages.reload} disabled=${pages.loading}>Refresh</button>`}>
      ${(rows) => html`<${RequestTable} rows=${rows} names=${names} onOpen=${open} caption="Recorded requests, newest first"/>
        <div class="load-more">
          ${pages.searchedTo && html`<span class="muted searched-to">Searched back to <${TimeAgo} at=${pages.searchedTo}/> so far.</span>`}
          ${pages.next
            ? html`<button type="button" onClick=${pages.more} disabled=${pages.loading}>${pages.loading ? 'Loading…'
              : pages.searchedTo ? 'Search older' : `Load ${PAGE} more`}</button>`
            : html`<span class="muted">The end of the log${filtered ? ' for these filters' : ''}.</span>`}
        </div>`}
    </${Widget}>
  </div>`;
}

export default function Requests({ params, query }) {
  if (params[0]) return html`<${RequestDetail} id=${params[0]} query=${query}/>`;
  return html`<${RequestLog} query=${query}/>`;
}
