// Draws a LetterPreview for the Case screen and the template editor: the A4-like page the PDF sets, and the checks of what the letter must say.

import { h, icon } from './dom.js';

/** One line of runs: bold runs as <strong>, each line on its own. */
function spanLine(line) {
  return h('span', { class: 'line' }, (line ?? []).map((span) => (span.bold ? h('strong', {}, span.text ?? '') : span.text ?? '')));
}

function spanLines(lines) {
  return (lines ?? []).map(spanLine);
}

/** The letter's blocks; consecutive items are drawn as one list. */
function blockNodes(blocks) {
  const nodes = [];
  let list = null;
  for (const block of blocks ?? []) {
    if (block.type === 'item') {
      if (!list) {
        list = h('ul', { class: 'letter-page__list', role: 'list' });
        nodes.push(list);
      }
      list.append(h('li', { class: 'letter-page__item' },
        h('span', { class: 'letter-page__marker' }, block.marker ?? '•'),
        h('span', { class: 'letter-page__item-text' }, spanLines(block.lines))));
      continue;
    }
    list = null;
    const kind = block.type === 'title' || block.type === 'heading' ? block.type : 'paragraph';
    nodes.push(h('p', { class: `letter-page__${kind}`, dataset: { block: kind } }, spanLines(block.lines)));
  }
  return nodes;
}

/**
 * The page of a LetterPreview (`preview.page`) as an A4-like sheet that shrinks to fit its column:
 * the letterhead, a rule, the address with the reference and date, then the wording. `id` goes on
 * the sheet; `lang` is the letter's language when known.
 */
export function letterPage(page, { id = null, label = 'The letter as it will be printed', lang = null } = {}) {
  const p = page ?? {};
  const contact = (p.council_lines ?? []).filter((line) => String(line ?? '').trim());
  const address = (p.address ?? []).filter((line) => String(line ?? '').trim());
  const sheet = h('div', {
    id, class: ['letter-page', p.large_print && 'letter-page--large'], role: 'region', 'aria-label': label, lang,
    dataset: { largePrint: p.large_print ? 'true' : 'false' },
  },
  h('div', { class: 'letter-page__head' },
    h('p', { class: 'letter-page__council' }, p.council ?? ''),
    contact.length ? h('p', { class: 'letter-page__contact' }, contact.map((line) => h('span', { class: 'line' }, line))) : null),
  h('hr', { class: 'letter-page__rule' }),
  h('div', { class: 'letter-page__meta' },
    h('p', { class: 'letter-page__address' }, address.map((line) => h('span', { class: 'line' }, line))),
    h('dl', { class: 'letter-page__details' },
      h('dt', {}, p.reference_label ?? 'Our reference'), h('dd', { class: 'letter-page__reference' }, p.reference ?? ''),
      h('dt', {}, p.date_label ?? 'Date'), h('dd', { class: 'letter-page__date' }, p.date ?? ''))),
  h('div', { class: 'letter-page__body' }, blockNodes(p.blocks)));
  return h('div', { class: 'letter-page-frame' }, sheet);
}

/**
 * What the letter must say, each as words and a symbol: "✓ Says …" or "✗ Does not say …".
 * `requirements` is [{what, met}].
 */
export function requirementsList(requirements, { id = null, labelledBy = null } = {}) {
  const items = requirements ?? [];
  if (!items.length) return h('p', { id, class: 'requirements requirements--none' }, 'There is nothing this letter must say.');
  return h('ul', { id, class: 'requirements', 'aria-labelledby': labelledBy },
    items.map((item) => h('li', { class: ['requirement', item.met ? 'requirement--met' : 'requirement--missing'], dataset: { met: item.met ? 'true' : 'false' } },
      icon(item.met ? '✓' : '✗'), ' ', item.met ? `Says ${item.what}` : `Does not say ${item.what}`)));
}
