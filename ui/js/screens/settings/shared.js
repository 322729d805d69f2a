// What more than one Settings section uses: a count in words, and a row of a summary list of facts.

import { h } from '../../dom.js';

/** A count and its noun: "1 row", "2,000 rows". */
export function plural(n, one, many) {
  return `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? one : many}`;
}

/** One row of a summary list: its label and its value. */
export function factRow(label, value) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value' }, value));
}
