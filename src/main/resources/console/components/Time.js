// Times as people read them: relative ("3 min ago") with the exact local time on hover, and countdowns.
import { html } from '../lib/html.js';
import { ago, countdown, exactTime } from '../lib/format.js';
import { useNow } from '../lib/hooks.js';

export function TimeAgo({ at }) {
  const now = useNow(15_000);
  if (!at) return html`<span class="muted">—</span>`;
  return html`<time datetime=${at} title=${exactTime(at)}>${ago(at, now)}</time>`;
}

/** Seconds left until `until`, ticking; `done` (text) once it has passed. */
export function Countdown({ until, done = null }) {
  const now = useNow(1000);
  const left = countdown(until, now);
  if (!left) return done;
  return html`<time class="countdown" datetime=${until} title=${'until ' + exactTime(until)}>${left}</time>`;
}
