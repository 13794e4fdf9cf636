// A provider key's balance at the provider: the amounts (each in its currency, exactly as read), the
// reading's age, any error of the latest try, the days left at the recorded burn rate, and for admins a
// "Refresh" that reads it now. BalanceCell is the key table's compact form, from the listing's own
// `balance` (no request per row); KeyBalance is the key page's box (GET /api/provider-keys/{id}/balance).
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { usd } from '../lib/format.js';
import { useResource } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';
import { TimeAgo } from './Time.js';
import { Widget } from './Widget.js';
import { notify } from './Toast.js';

/** "110.00 CNY · 0.30 USD", or a dash for a reading without an amount. */
export function amountsText(amounts) {
  if (!amounts || amounts.length === 0) return '—';
  return amounts.map((a) => (a.currency === 'USD' ? usd(a.amount) : `${a.amount} ${a.currency}`)).join(' · ');
}

/** "12.5 days", "< 0.1 days", or null when unknown. */
function daysText(days) {
  if (days == null) return null;
  const d = Number(days);
  if (d === 0) return 'none left';
  return d < 0.1 ? '< 0.1 days' : `${d.toLocaleString(undefined, { maximumFractionDigits: 1 })} days`;
}

/** The key table's cell: props k (an item of GET /api/provider-keys). */
export function BalanceCell({ k }) {
  const b = k.balance;
  if (!b) return html`<span class="muted" title="Not read: no balance adapter for this provider, or not yet">—</span>`;
  const low = b.amounts.length > 0 && b.amounts.every((a) => Number(a.amount) <= 0);
  return html`<div class="key-balance-cell">
    <div class=${low ? 'bad-text' : ''}>${amountsText(b.amounts)}</div>
    ${b.fetched_at ? html`<div class="muted"><${TimeAgo} at=${b.fetched_at}/></div>` : null}
    ${b.error ? html`<div class="bad-text key-balance-error" title=${b.error}>read failed</div>` : null}
  </div>`;
}

/** The table column for BalanceCell, in Table's column shape. */
export const balanceColumn = { key: 'balance', label: 'Balance', render: (k) => html`<${BalanceCell} k=${k}/>`,
  title: 'What the provider says is left on the key, and when it was read' };

function Refresh({ id, onDone }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await api.post(`/api/provider-keys/${seg(id)}/balance/refresh`);
      if (r.error) notify(`Balance not read: ${r.error}`, 'error');
      else notify('Balance read.');
      onDone();
    } catch (e) {
      notify(e.message, 'error');
    } finally {
      setBusy(false);
    }
  };
  return html`<button type="button" class="small" disabled=${busy} onClick=${run}>${busy ? 'Reading…' : 'Refresh'}</button>`;
}

function Figures({ b }) {
  const bal = b.balance;
  const total = bal && bal.total;
  const converted = total && total.usd != null && Object.keys(total.rates).length > 0;
  const days = daysText(b.days_left.estimate);
  return html`<dl class="facts key-balance">
    <dt>Balance</dt><dd class=${b.balance_exhausted ? 'bad-text' : ''}>${bal ? amountsText(bal.amounts) : '—'}
      ${b.balance_exhausted ? html` <span class="tag">out of rotation</span>` : null}</dd>
    ${converted ? html`<dt>In dollars</dt><dd title=${'At ' + Object.entries(total.rates).map(([c, r]) => `1 ${c} = $${r}`).join(', ')}>
      ${usd(total.usd)} <span class="muted">(configured rates)</span></dd>` : null}
    <dt>Read</dt><dd>${bal ? html`<${TimeAgo} at=${bal.fetched_at}/>` : 'never'}${b.refreshing ? ' · reading now' : ''}</dd>
    ${b.error ? html`<dt>Last try</dt><dd class="bad-text key-balance-error">${b.error}</dd>` : null}
    ${bal && bal.note ? html`<dt>Note</dt><dd class="muted">${bal.note}</dd>` : null}
    <dt>Days left</dt><dd title="The balance in dollars over the cost recorded for this key per day (the higher of the last 24 hours' and 7 days' rates), as the balance_days_left alert judges it">
      ${days || html`<span class="muted">unknown</span>`}</dd>
    <dt>Spent</dt><dd>${usd(b.burn.cost_24h_usd)} <span class="muted">24 h</span> · ${usd(b.burn.cost_7d_usd)} <span class="muted">7 days</span></dd>
    ${b.reconciliation ? html`<dt>Reconciliation</dt><dd title=${'Between the last two readings, ' + b.reconciliation.from + ' – ' + b.reconciliation.to}>
      drop ${usd(b.reconciliation.balance_drop_usd)} vs recorded ${usd(b.reconciliation.recorded_cost_usd)}
      · drift ${usd(b.reconciliation.drift_usd)}${b.reconciliation.topped_up ? ' (topped up)' : ''}</dd>` : null}
  </dl>`;
}

/** The key page's box: props k (the key, or null while it loads). */
export function KeyBalance({ k }) {
  const { canWrite } = useSession();
  const id = k ? k.id : null;
  const res = useResource(() => (id ? api.get(`/api/provider-keys/${seg(id)}/balance`, { history: 0 }) : Promise.resolve(null)), [id], 60000);
  if (!k) return null;
  const readable = res.data && res.data.adapter;
  return html`<${Widget} title="Balance" resource=${res}
    empty=${(b) => !b || !b.adapter} emptyText="This provider's balance cannot be read: its host has no known adapter (see balances in the configuration)."
    actions=${canWrite && readable ? html`<${Refresh} id=${id} onDone=${res.reload}/>` : null}>
    ${(b) => html`<${Figures} b=${b}/>`}</${Widget}>`;
}
