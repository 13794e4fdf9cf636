// A provider key's state as the pool sees it: the badge, why (the pool's reason or the operator's), how long
// a cooldown or ban still lasts (ticking), and the upstream's last rate-limit figures.
import { html } from '../lib/html.js';
import { count, compactCount, countdown, exactTime } from '../lib/format.js';
import { useNow } from '../lib/hooks.js';
import { Badge } from './Badge.js';
import { Countdown } from './Time.js';
import { keyState } from './PoolSummary.js';

/** Why the key is in its state: the operator's reason for a disabled key, else the pool's. */
export function keyReason(k) {
  if (keyState(k) === 'disabled') return k.disabled_reason;
  return k.live ? k.live.reason : null;
}

/** When the key's rest ends ({label, until}), or null for a key that is not resting. */
export function restEnd(k) {
  const live = k.live || {};
  const state = keyState(k);
  if (state === 'cooling_down' && live.cooldown_until) return { label: 'Cooldown', until: live.cooldown_until };
  if (state === 'banned' && live.banned_until) return { label: 'Ban', until: live.banned_until };
  return null;
}

/** props: k (a key of GET /api/provider-keys), full (show the reason on its own line rather than on hover). */
export function KeyStatus({ k, full = true }) {
  const reason = keyReason(k);
  const rest = restEnd(k);
  return html`<div class="key-status">
    <${Badge} value=${keyState(k)} title=${reason || undefined}/>
    ${rest ? html` <span class="key-rest">${rest.label} <${Countdown} until=${rest.until} done="over"/></span>` : null}
    ${full && reason ? html`<div class="key-reason" title=${reason}>${reason}</div>` : null}
  </div>`;
}

/** "resets in 0:12", ticking; nothing once the window has reset (the next answer brings new figures). */
function Resets({ until }) {
  const left = countdown(until, useNow(1000));
  return left ? html`<div class="muted">resets in <time class="countdown" datetime=${until} title=${exactTime(until)}>${left}</time></div>` : null;
}

function Limit({ remaining, limit, reset, unit, fmt }) {
  if (limit == null && remaining == null) return null;
  return html`<div class="rate-line">
    <span>${fmt(remaining)}</span><span class="muted"> / ${fmt(limit)} ${unit}</span>
    ${reset ? html`<${Resets} until=${reset}/>` : null}
  </div>`;
}

/** The upstream's rate-limit headers as last seen on this key: remaining / limit, and when each resets. */
export function RateLimit({ rl }) {
  if (!rl || (rl.requests_limit == null && rl.requests_remaining == null && rl.tokens_limit == null && rl.tokens_remaining == null)) {
    return html`<span class="muted" title="The upstream sent no rate-limit headers for this key yet">—</span>`;
  }
  return html`<div class="rate-limit" title=${rl.updated_at ? 'as of ' + exactTime(rl.updated_at) : undefined}>
    <${Limit} remaining=${rl.requests_remaining} limit=${rl.requests_limit} reset=${rl.requests_reset} unit="req" fmt=${count}/>
    <${Limit} remaining=${rl.tokens_remaining} limit=${rl.tokens_limit} reset=${rl.tokens_reset} unit="tok" fmt=${compactCount}/>
  </div>`;
}
