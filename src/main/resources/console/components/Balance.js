// A user's balance: the figure, a top-up / deduct form, and the ledger of every change, newest first.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { api, seg } from '../api.js';
import { usd } from '../lib/format.js';
import { link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { Field, FormError } from './Form.js';
import { Table } from './Table.js';
import { Badge } from './Badge.js';
import { TimeAgo } from './Time.js';
import { Pager } from './Pager.js';
import { notify } from './Toast.js';

/** props: userId, balance (GET /api/users/{id}/balance), onChanged. */
export function BalanceForm({ userId, balance, onChanged }) {
  const { canWrite } = useSession();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [allowNegative, setAllowNegative] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const adjust = (kind) => (e) => {
    e.preventDefault();
    setError(null);
    // The gateway refuses it too (409); asking first keeps an expected refusal off the network.
    if (kind === 'deduct' && !allowNegative && Number(balance.balance_usd) - Number(amount) < 0) {
      setError({ type: 'insufficient_balance', message: `The balance is ${usd(balance.balance_usd)}: deducting ${usd(amount)} would take it below zero.` });
      return;
    }
    setBusy(true);
    const body = { amount_usd: amount.trim(), kind, note: note.trim() || undefined };
    if (kind === 'deduct' && allowNegative) body.allow_negative = true;
    api.post(`/api/users/${seg(userId)}/balance`, body).then((a) => {
      notify(`${kind === 'top_up' ? 'Topped up' : 'Deducted'} ${usd(amount)}: the balance is ${usd(a.balance_usd)}`);
      setAmount('');
      setNote('');
      setAllowNegative(false);
      onChanged();
    }, setError).finally(() => setBusy(false));
  };
  const negative = Number(balance.balance_usd) < 0;
  return html`<div>
    <div class=${'balance-figure' + (negative ? ' negative' : '')} title=${balance.balance_usd + ' USD'}>${usd(balance.balance_usd)}</div>
    <p class="muted">${balance.prepaid ? 'Prepaid: requests need a positive balance; each request’s charge is taken from it.'
      : 'Not prepaid: spending is limited only by quotas; charges are still recorded here.'}</p>
    ${canWrite ? html`<form class="adjust-form" onSubmit=${adjust('top_up')}>
      <${Field} label="Amount (USD)" name="amount" value=${amount} onInput=${setAmount} placeholder="10.00" required/>
      <${Field} label="Note" name="note" value=${note} onInput=${setNote} placeholder="invoice 42"/>
      <${Field} type="checkbox" label="Deduction may go below zero" name="allow_negative" value=${allowNegative} onInput=${setAllowNegative}/>
      <div class="buttons">
        <button type="submit" class="primary" disabled=${busy || !amount.trim()}>Top up</button>
        <button type="button" disabled=${busy || !amount.trim()} onClick=${adjust('deduct')}>Deduct</button>
      </div>
    </form>
    ${error && error.type === 'insufficient_balance'
      ? html`<div class="state error" role="alert">${error.message.replace(/ Send .*$/, '') + ' '}Tick “Deduction may go below zero” to deduct anyway.</div>`
      : html`<${FormError} error=${error}/>`}` : null}
  </div>`;
}

/** props: history ({data,total,limit,offset}), onPage (offset => void). */
export function Ledger({ history, onPage }) {
  return html`<div>
    <${Table} caption="Ledger" rows=${history.data} cards empty="No balance changes yet." columns=${[
      { key: 'when', label: 'When', render: (e) => html`<${TimeAgo} at=${e.created_at}/>` },
      { key: 'kind', label: 'Kind', render: (e) => html`<${Badge} value=${e.kind}/>` },
      { key: 'amount', label: 'Amount', align: 'right', render: (e) => html`<span class=${'amount ' + (Number(e.amount_usd) < 0 ? 'minus' : 'plus')} title=${e.amount_usd + ' USD'}>
        ${Number(e.amount_usd) > 0 ? '+' : ''}${usd(e.amount_usd)}</span>` },
      { key: 'after', label: 'Balance after', align: 'right', render: (e) => html`<span title=${e.balance_after_usd + ' USD'}>${usd(e.balance_after_usd)}</span>` },
      { key: 'note', label: 'Note', render: (e) => (e.request_id
        ? html`<a href=${link('requests', e.request_id)} class="mono">${e.request_id}</a>` : e.note || html`<span class="muted">—</span>`) },
    ]}/>
    <${Pager} total=${history.total} limit=${history.limit} offset=${history.offset} label="Pages of the ledger" onChange=${onPage}/>
  </div>`;
}
