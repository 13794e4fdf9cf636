// Pages live behind the hash (/#/requests/req_1?model=gpt-4o), so the server serves one page and a
// reload or a shared link opens the same view.
import { useEffect, useState } from 'preact/hooks';

/** {path: ['requests', 'req_1'], query: URLSearchParams} of the current location. */
export function parse(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q || '') };
}

export function useLocation() {
  const [loc, setLoc] = useState(parse());
  useEffect(() => {
    const on = () => setLoc(parse());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return loc;
}

/** The href of a page: link('requests', id) -> "#/requests/<id>"; an object last adds a query. */
export function link(...parts) {
  let query = '';
  const last = parts[parts.length - 1];
  if (last !== null && typeof last === 'object') {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(parts.pop())) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    query = q.toString() ? '?' + q : '';
  }
  return '#/' + parts.map((p) => encodeURIComponent(p)).join('/') + query;
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else location.hash = href.replace(/^#/, '');
  if (replace) dispatchEvent(new HashChangeEvent('hashchange'));
}
