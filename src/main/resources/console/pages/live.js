// Live requests: records as requests end, pushed by the server (server-sent events), newest on top with a
// short highlight. Records arriving between two screen updates are shown together (four times a second), the
// table keeps the newest 2,000, and a paused view counts what arrives and shows it on resume.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api } from '../api.js';
import { useInterval } from '../lib/hooks.js';
import { link, navigate } from '../lib/router.js';
import { count } from '../lib/format.js';
import { FilterBar, pickFilters } from '../components/FilterBar.js';
import { OUTCOMES, RequestTable, useKeyNames } from '../components/RequestRow.js';

const FILTERS = ['model', 'gateway_key', 'outcome'];
const MAX_ROWS = 2_000;
const FLUSH_MS = 250;
const RATE_WINDOW = 5; // seconds averaged by the rate display

const CONNECTION = {
  connecting: ['Connecting…', 'warn'],
  open: ['Live', 'ok'],
  reconnecting: ['Reconnecting…', 'warn'],
  closed: ['Disconnected', 'bad'],
};

/** Events per second over the last few seconds, from a counter the stream increments. */
function useRate(counter) {
  const [rate, setRate] = useState(0);
  const recent = useRef([]);
  useInterval(() => {
    recent.current = [...recent.current.slice(-(RATE_WINDOW - 1)), counter.current];
    counter.current = 0;
    const r = recent.current.reduce((a, b) => a + b, 0) / recent.current.length;
    setRate((old) => (Math.abs(old - r) < 0.05 ? old : r));
  }, 1000);
  return rate;
}

export default function Live({ query }) {
  const filters = pickFilters(query, FILTERS);
  const key = JSON.stringify(filters);
  const { gatewayKeys, names } = useKeyNames();
  const [rows, setRows] = useState([]);
  const [connection, setConnection] = useState('connecting');
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(0);
  const [dropped, setDropped] = useState(0);
  const [generation, setGeneration] = useState(0);
  const incoming = useRef([]); // arrived, not shown yet; oldest first, at most MAX_ROWS
  const heldCount = useRef(0); // arrived while paused, including any beyond MAX_ROWS
  const pausedRef = useRef(false);
  const perSecond = useRef(0);
  const rate = useRate(perSecond);

  useEffect(() => {
    setRows([]);
    setConnection('connecting');
    incoming.current = [];
    heldCount.current = 0;
    setHeld(0);
    return api.stream('/api/requests/live', filters, {
      message: (r) => {
        perSecond.current++;
        if (pausedRef.current) heldCount.current++;
        const q = incoming.current;
        q.push(r);
        if (q.length > MAX_ROWS) q.splice(0, q.length - MAX_ROWS);
      },
      dropped: (n) => setDropped((d) => d + n),
      state: setConnection,
    });
  }, [key, generation]); // eslint-disable-line react-hooks/exhaustive-deps

  useInterval(() => {
    if (pausedRef.current) {
      setHeld(heldCount.current);
      return;
    }
    const batch = incoming.current;
    if (batch.length === 0) return;
    incoming.current = [];
    batch.reverse();
    setRows((shown) => {
      const all = batch.concat(shown);
      return all.length > MAX_ROWS ? all.slice(0, MAX_ROWS) : all;
    });
  }, FLUSH_MS);

  const togglePause = () => {
    pausedRef.current = !paused;
    heldCount.current = 0;
    setHeld(0);
    setPaused(!paused);
  };
  const open = useCallback((r) => navigate(link('requests', r.id)), []);
  const setFilters = (f) => navigate(link('live', f), { replace: true });
  const [stateText, tone] = CONNECTION[connection] || CONNECTION.connecting;

  const fields = [
    { name: 'model', label: 'Model', placeholder: 'as requested' },
    { name: 'gateway_key', label: 'Gateway key', type: 'select',
      options: (gatewayKeys.data || []).map((k) => [k.id, k.name]) },
    { name: 'outcome', label: 'Outcome', type: 'select', options: OUTCOMES },
  ];

  return html`<div class="page stack">
    <div class="page-head">
      <h1>Live requests</h1>
      <span class=${'badge conn ' + tone} role="status" aria-live="polite">${stateText}</span>
      ${connection === 'closed' ? html`<button type="button" onClick=${() => setGeneration((g) => g + 1)}>Reconnect</button>` : null}
      <span class="rate muted" title=${`requests per second, average of the last ${RATE_WINDOW} s`}>
        ${rate.toLocaleString(undefined, { maximumFractionDigits: 1 })} req/s</span>
      <a class="button" href="#/requests">Request log</a>
    </div>
    <${FilterBar} fields=${fields} values=${filters} onChange=${setFilters} label="Live filters">
      <button type="button" class=${paused ? 'primary' : ''} aria-pressed=${paused} onClick=${togglePause}>
        ${paused ? `Resume${held ? ` (${count(held)} new)` : ''}` : 'Pause'}</button>
      <button type="button" disabled=${rows.length === 0} onClick=${() => setRows([])}>Clear table</button>
    </${FilterBar}>
    ${dropped > 0 ? html`<div class="notice warn" role="alert">
      The server dropped ${count(dropped)} event${dropped === 1 ? '' : 's'}: this view was too slow to keep up.
      <button type="button" class="link" onClick=${() => setDropped(0)}>Dismiss</button></div>` : null}
    ${paused ? html`<div class="notice" role="status">Paused: ${count(held)} request${held === 1 ? '' : 's'} arrived
      since the pause${held > MAX_ROWS ? ` (the newest ${count(MAX_ROWS)} are kept)` : ''}; resume to show them.</div>` : null}
    <section class="widget wide" aria-label="Live requests">
      <header><h2>${count(rows.length)} request${rows.length === 1 ? '' : 's'}</h2>
        <div class="actions muted">newest first, at most ${count(MAX_ROWS)}</div></header>
      ${rows.length === 0
        ? html`<div class="state empty">Waiting for requests${Object.keys(filters).length ? ' matching these filters' : ''}…
            This view shows requests from the moment it opened; earlier ones are in the <a href="#/requests">request log</a>.</div>`
        : html`<${RequestTable} rows=${rows} names=${names} onOpen=${open} live caption="Live requests, newest first"/>`}
    </section>
  </div>`;
}
