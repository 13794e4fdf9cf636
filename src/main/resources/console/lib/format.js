// Numbers, money and times formatted for people, in the browser's locale and time zone.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const dash = '—';

/** 1234567 -> "1,234,567". */
export function count(n) {
  return n == null ? dash : integer.format(n);
}

/** 1234567 -> "1.2M", for tight spaces (axes, tiles). */
export function compactCount(n) {
  return n == null ? dash : compact.format(n);
}

/** Nano-dollars (the API's unit) -> "$0.000042" or "$12.35": enough decimals that tiny costs are not zero. */
export function usdFromNanos(nanos) {
  return nanos == null ? dash : usd(nanos / 1e9);
}

/** Dollars (a number or the API's decimal string) -> "$12.35", "$0.0042". */
export function usd(value) {
  if (value == null || value === '') return dash;
  const v = Number(value);
  const abs = Math.abs(v);
  let digits = 2;
  if (abs > 0 && abs < 0.01) digits = Math.min(9, 2 - Math.floor(Math.log10(abs)) + 1);
  return (v < 0 ? '-$' : '$') + abs.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: digits });
}

/** Nano-dollars -> a short axis label: "$0", "$0.0004", "$1.2K". */
export function usdAxis(nanos) {
  const d = nanos / 1e9;
  if (d === 0) return '$0';
  if (Math.abs(d) < 1) return '$' + Number(d.toPrecision(2));
  return '$' + compact.format(d);
}

/** 0.9871 -> "98.7%". */
export function percent(ratio) {
  return ratio == null ? dash : (ratio * 100).toLocaleString(undefined, { maximumFractionDigits: 1 }) + '%';
}

/** Milliseconds -> "840 ms", "2.4 s", "3 min". */
export function duration(ms) {
  if (ms == null) return dash;
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60_000) return (ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 }) + ' s';
  if (ms < 3_600_000) return Math.round(ms / 60_000) + ' min';
  return (ms / 3_600_000).toLocaleString(undefined, { maximumFractionDigits: 1 }) + ' h';
}

/** An instant -> its full local date and time (for hover titles). */
export function exactTime(iso) {
  return iso ? exact.format(new Date(iso)) : dash;
}

/** An instant -> "Dec 7, 14:03" in the browser's time zone. */
export function shortTime(iso) {
  return iso ? short.format(new Date(iso)) : dash;
}

/** An instant -> "3 min ago" / "in 25 s", relative to now (ms since the epoch). */
export function ago(iso, now = Date.now()) {
  if (!iso) return dash;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

/** Seconds left until an instant -> "1:05" / "2:03:10"; null once it has passed. */
export function countdown(iso, now = Date.now()) {
  if (!iso) return null;
  const left = Math.ceil((new Date(iso).getTime() - now) / 1000);
  if (left <= 0) return null;
  const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
  const pad = (x) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
