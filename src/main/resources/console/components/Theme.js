// Light, dark, or as the system says; remembered in this browser.
import { useEffect } from 'preact/hooks';
import { html } from '../lib/html.js';
import { useStored } from '../lib/hooks.js';

const NEXT = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL = { auto: '◐ Auto', light: '☀ Light', dark: '☾ Dark' };

export function ThemeToggle() {
  const [theme, setTheme] = useStored('keypool.theme', 'auto');
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  return html`<button type="button" class="ghost" title="Colour theme" aria-label=${'Theme: ' + theme}
    onClick=${() => setTheme(NEXT[theme] || 'auto')}>${LABEL[theme] || LABEL.auto}</button>`;
}
