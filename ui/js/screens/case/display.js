// What the case screen's parts share to show a case: muted text, "Not recorded" and "Not yet", a summary list's row, lines, and a need highlighted.

import { h, icon, shortDate } from '../../dom.js';

export function muted(text) {
  return h('span', { class: 'muted' }, text);
}

export function orNone(value, none = 'Not recorded') {
  return value === null || value === undefined || value === '' ? muted(none) : value;
}

export function dateOr(date, none = 'Not yet') {
  return date ? shortDate(date) : muted(none);
}

export function row(label, value, attrs = {}) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value', ...attrs }, value));
}

export function lines(...parts) {
  const present = parts.filter((part) => part !== null && part !== undefined && part !== '');
  return present.map((part) => h('span', { class: 'line' }, part));
}

export function highlight(text) {
  return h('div', { class: 'highlight' }, icon('⚑'), ' ', h('span', { class: 'pre-line' }, text));
}

