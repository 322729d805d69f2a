// The letters issued on a case, each with what it was written from and anything it was sent without, and opened in the computer's PDF viewer.

import { call } from '../../api.js';
import { h, icon, hiddenText, shortDate } from '../../dom.js';

/** "template version 3" / "default template", and "wording adjusted", for an issued letter or a preview. */
function templateText(version, edited) {
  const from = Number(version) > 0 ? `template version ${version}` : 'default template';
  return edited ? `${from}, wording adjusted` : from;
}

/**
 * Opens an issued letter in the computer's PDF viewer and says so in `target` (a status
 * message): "Opened <path>", or what went wrong.
 */
async function openLetter(id, target) {
  if (target.dataset.busy) return;
  target.dataset.busy = 'true';
  target.replaceChildren();
  try {
    const result = await call('open_letter', { id });
    target.replaceChildren(h('span', { class: 'saved-status wrap-anywhere' }, `Opened ${result.path}`));
  } catch (error) {
    target.replaceChildren(h('span', { class: 'error-message wrap-anywhere' }, hiddenText('Error: '), error.message));
  } finally {
    delete target.dataset.busy;
  }
}

export function openButton(letter, target) {
  const button = h('button', {
    type: 'button', class: 'button button--secondary button--small', dataset: { action: 'open-letter', letter: letter.id },
  }, 'Open', hiddenText(`: ${letter.title}, ${shortDate(letter.issued_on)}`));
  button.addEventListener('click', () => openLetter(letter.id, target));
  return button;
}

export function issuedLetter(letter, target) {
  const missing = letter.missing ?? [];
  return h('li', { class: 'letter-item', dataset: { issuedLetter: letter.id, kind: letter.kind } },
    h('div', { class: 'letter-item__text' },
      h('p', { class: 'letter-item__title' }, h('strong', {}, letter.title ?? letter.kind ?? 'Letter')),
      h('p', { class: 'letter-item__meta' },
        h('span', { class: 'nowrap-date' }, shortDate(letter.issued_on)),
        letter.issued_by ? ` · ${letter.issued_by}` : '',
        ` · ${templateText(letter.template_version, letter.edited)}`),
      missing.length
        ? h('p', { class: 'letter-item__missing' }, icon('⚠'), ' ',
          `Sent without: ${missing.join('; ')}`, letter.reason ? ` (${letter.reason})` : '')
        : null),
    openButton(letter, target));
}
