// The console's entry: finds out who is logged in, shows the login page or the requested page, and
// sends an operator whose session ended to the login page and back to where they were.
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from './lib/html.js';
import { api, onSessionExpired } from './api.js';
import { SessionContext } from './lib/session.js';
import { useLocation, navigate } from './lib/router.js';
import { pageById } from './pages.js';
import { Layout } from './components/Layout.js';
import { Toasts } from './components/Toast.js';
import { Login } from './pages/login.js';
import { ThemeToggle } from './components/Theme.js';

function PageHost({ loc }) {
  const id = loc.path[0] || 'overview';
  const page = pageById(id);
  const [loaded, setLoaded] = useState(null); // {id, mod}: the module of the page `id`
  const [error, setError] = useState(null);
  useEffect(() => {
    setError(null);
    if (!page) return undefined;
    document.title = page.title + ' · Keypool';
    let current = true; // a page left before its module arrived must not replace the next one
    page.load().then((m) => current && setLoaded({ id, mod: m }), (e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [id]);
  // Until the new page's module is there, the old page must not render with the new page's params.
  const mod = loaded && loaded.id === id ? loaded.mod : null;
  if (!page) return html`<div class="page"><h1>Not found</h1><p>There is no page “${id}”. <a href="#/overview">Overview</a></p></div>`;
  if (error) return html`<div class="page"><div class="state error" role="alert">This page failed to load: ${error.message}</div></div>`;
  if (!mod) return html`<div class="state loading" role="status">Loading…</div>`;
  const Page = mod.default;
  return html`<${Page} params=${loc.path.slice(1)} query=${loc.query}/>`;
}

function App() {
  const [session, setSession] = useState(undefined); // undefined: checking; null: logged out
  const loc = useLocation();

  // /api/auth/session answers 200 either way: a visitor not yet logged in is no error in the browser's console.
  const refresh = useCallback(() => api.get('/api/auth/session').then(
    (me) => setSession(me.authenticated ? { ...me, canWrite: me.role === 'admin' } : null),
    (e) => (e.status === 401 ? setSession(null) : setSession({ error: e }))), []);

  useEffect(() => {
    refresh();
    return onSessionExpired(() => setSession(null));
  }, []);

  const logout = useCallback(() => api.post('/api/auth/logout').finally(() => {
    setSession(null);
    navigate('#/overview', { replace: true });
  }), []);

  if (session === undefined) return html`<p class="boot">Loading…</p>`;
  if (session && session.error) {
    return html`<div class="login-page"><div class="state error" role="alert">The gateway did not answer: ${session.error.message}
      <button type="button" class="link" onClick=${refresh}>Retry</button></div></div>`;
  }
  if (session === null) {
    return html`<div class="login-page"><div class="login-theme"><${ThemeToggle}/></div><${Login} onLoggedIn=${refresh}/><${Toasts}/></div>`;
  }
  const value = { ...session, refresh, logout };
  return html`<${SessionContext.Provider} value=${value}>
    <${Layout} current=${loc.path[0] || 'overview'}><${PageHost} loc=${loc}/></${Layout}>
    <${Toasts}/>
  </${SessionContext.Provider}>`;
}

render(html`<${App}/>`, document.getElementById('app'));
