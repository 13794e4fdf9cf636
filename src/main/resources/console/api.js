// The one client of the admin API. Every page goes through it: JSON in and out, the session cookie
// (never a token in script-readable storage), errors as ApiError, and a lost session reported once
// so the app can send the user to the login page and back.

export class ApiError extends Error {
  constructor(status, type, message, errors) {
    super(message);
    this.status = status;
    this.type = type;
    this.errors = errors || []; // the problems one by one, when the answer lists them (an invalid configuration)
  }
}

const expiredListeners = new Set();

/** Calls `listener` when a call answers 401 (the session ended or was never there). */
export function onSessionExpired(listener) {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

/** "/api/x" plus the query, leaving out empty values. */
export function url(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function call(method, path, { query, body } = {}) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url(path, query), init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The gateway does not answer: ' + e.message);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login') expiredListeners.forEach((l) => l());
    const error = data && data.error ? data.error : {};
    throw new ApiError(res.status, error.type || 'http_' + res.status, error.message || res.statusText || 'Request failed',
      error.errors);
  }
  return data;
}

export const api = {
  get: (path, query) => call('GET', path, { query }),
  post: (path, body, query) => call('POST', path, { body: body ?? {}, query }),
  put: (path, body) => call('PUT', path, { body }),
  patch: (path, body) => call('PATCH', path, { body }),
  del: (path) => call('DELETE', path),

  /**
   * Server-sent events of a live view. `handlers.message(object)` for each event, `handlers.dropped(n)` when
   * the server had to drop events for this (slow) viewer, `handlers.state('open'|'reconnecting')`.
   * Returns a function that closes the stream.
   */
  stream(path, query, handlers) {
    const source = new EventSource(url(path, query), { withCredentials: false });
    source.onopen = () => handlers.state && handlers.state('open');
    source.onmessage = (e) => {
      try {
        handlers.message(JSON.parse(e.data));
      } catch {
        /* a malformed event is skipped: the stream goes on */
      }
    };
    source.addEventListener('dropped', (e) => handlers.dropped && handlers.dropped(Number(e.data) || 0));
    source.onerror = () => handlers.state && handlers.state(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    return () => source.close();
  },
};

/** Escapes one URL path segment (ids and model names may hold '/' or ':'). */
export const seg = (s) => encodeURIComponent(s);
