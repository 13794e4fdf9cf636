// Server log (U6): the gateway's own log, the recent entries kept in memory and then every new one as it is
// logged, with a level filter and a text search, and the log file to download when file logging is on.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { exactTime } from '../lib/format.js';
import { useLiveRows } from '../components/LiveBuffer.js';
import { Field } from '../components/Form.js';
import { useStored } from '../lib/hooks.js';

const LEVELS = [['', 'All levels'], ['debug', 'Debug and above'], ['info', 'Info and above'], ['warn', 'Warnings and errors'], ['error', 'Errors']];
const TONE = { ERROR: 'bad', WARN: 'warn', INFO: 'info', DEBUG: 'muted', TRACE: 'muted' };
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false });

function Entry({ e }) {
  const [open, setOpen] = useState(false);
  return html`<li class=${'log-entry level-' + e.level.toLowerCase()}>
    <time datetime=${e.time} title=${exactTime(e.time)}>${clock.format(new Date(e.time))}</time>
    <span class=${'badge ' + (TONE[e.level] || 'muted')}>${e.level.toLowerCase()}</span>
    <span class="log-logger" title=${e.thread}>${e.logger}</span>
    <span class="log-message">${e.message}
      ${e.stack ? html` <button type="button" class="link small" aria-expanded=${open} onClick=${() => setOpen(!open)}>
        ${open ? 'hide' : 'stack trace'}</button>` : null}
      ${open ? html`<pre class="log">${e.stack}</pre>` : null}</span>
  </li>`;
}

export default function ServerLog() {
  const [level, setLevel] = useStored('keypool.log.level', 'info');
  const [q, setQ] = useState('');
  const [file, setFile] = useState(null);
  const live = useLiveRows({
    path: '/api/logs/live',
    query: { level },
    seed: () => api.get('/api/logs', { level, limit: 500 }).then((page) => {
      setFile(page.file);
      return page.items;
    }),
    key: (e) => e.seq,
    deps: [level],
  });
  const needle = q.trim().toLowerCase();
  const shown = needle ? live.rows.filter((e) => (e.message + ' ' + e.logger + ' ' + (e.stack || '')).toLowerCase().includes(needle)) : live.rows;
  return html`<div class="page stack">
    <div class="page-head"><h1>Server log</h1>
      <span class=${'live-state ' + live.state} role="status">${live.state === 'open' ? '● live' : live.state}</span>
      <button type="button" onClick=${() => live.setPaused(!live.paused)} aria-pressed=${live.paused}>
        ${live.paused ? `Resume${live.waiting ? ` (${live.waiting} new)` : ''}` : 'Pause'}</button>
      ${file ? html`<a class="button" href="/api/logs/file" download=${file}>Download ${file}</a>` : null}
    </div>
    <section class="widget">
      <div class="filters">
        <${Field} label="Level" name="level" value=${level} onInput=${setLevel} options=${LEVELS}/>
        <${Field} label="Search" name="q" value=${q} onInput=${setQ} placeholder="message, logger or stack trace"/>
      </div>
      ${live.dropped ? html`<div class="state error small" role="alert">The gateway dropped ${live.dropped} entries for this view:
        it logged faster than this page read. The log file and the console have them.</div>` : null}
      ${shown.length === 0
        ? html`<div class="state empty">${needle ? 'No entry matches.' : 'Nothing logged at this level yet.'}</div>`
        : html`<ol class="log-list" aria-label="Log entries, newest first">${shown.map((e) => html`<${Entry} key=${e.seq} e=${e}/>`)}</ol>`}
      <p class="muted small">Newest first; the last ${live.rows.length.toLocaleString()} entries of this view (at most 2,000).
                ${file ? '' : ' File logging is off: set logging.file to keep the log in a rotated file.'}</p>
    </section>
  </div>`;
}
