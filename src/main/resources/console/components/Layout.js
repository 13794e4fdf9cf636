// The frame around every page: navigation (a drawer on phones), who is logged in, theme and logout.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { useSession } from '../lib/session.js';
import { PAGES } from '../pages.js';
import { ThemeToggle } from './Theme.js';

export function Layout({ current, children }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const groups = [...new Set(PAGES.map((p) => p.group))];
  return html`<div class=${'layout' + (open ? ' nav-open' : '')}>
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <header class="topbar">
      <button type="button" class="icon menu" aria-label="Menu" aria-expanded=${open} aria-controls="nav" onClick=${() => setOpen(!open)}>☰</button>
      <a class="brand" href="#/overview"><img src=${new URL('../icon.svg', import.meta.url).href} alt="" width="22" height="22"/> Keypool</a>
      <div class="spacer"></div>
      <${ThemeToggle}/>
      <span class="who" title=${'Role: ' + session.role}>${session.user ? session.user.username : 'token'} · ${session.role}</span>
      <button type="button" class="ghost" onClick=${session.logout}>Log out</button>
    </header>
    <nav id="nav" aria-label="Pages" onClick=${() => setOpen(false)}>
      ${groups.map((g) => html`<div class="nav-group">
        <div class="nav-title">${g}</div>
        ${PAGES.filter((p) => p.group === g && !p.hidden).map((p) => html`<a href=${'#/' + p.id}
          aria-current=${current === p.id ? 'page' : undefined}>${p.title}</a>`)}
      </div>`)}
    </nav>
    <main id="main" tabindex="-1">${children}</main>
  </div>`;
}
