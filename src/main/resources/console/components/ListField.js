// A list edited as text: one entry per line or separated by commas (models, providers, IP blocks).
import { html } from '../lib/html.js';
import { Field, splitList, joinList } from './Form.js';

/** props as Field's; value is the text being edited. Use splitList(value) when sending, joinList(list) to fill it. */
export function ListField({ hint, ...props }) {
  const n = splitList(props.value).length;
  const counted = (n ? `${n} entr${n === 1 ? 'y' : 'ies'}. ` : '') + (hint || 'One per line or separated by commas.');
  return html`<${Field} textarea rows=${2} hint=${counted} ...${props}/>`;
}

export { splitList, joinList };
