// The case screen's Letters section: the letters issued, and the form to preview and issue one of those that fit the case now.

import { h } from '../../dom.js';
import { issuedLetter } from './issued-letters.js';
import { letterForm } from './letter-form.js';

/**
 * The Letters section, from the screen's parts (see letterForm): the case's view (`screen.view()`)
 * and `screen.setLetterPanel`, told of the letter panel drawn now (none until letterForm draws one).
 */
export function lettersSection(screen) {
  const letters = screen.view().letters ?? {};
  const issued = letters.issued ?? [];
  const available = letters.available ?? [];
  const status = h('p', { id: 'letter-status', class: 'letter-status', role: 'status' });
  const issuedList = issued.length
    ? h('ul', { id: 'letters-issued', class: 'letter-list', 'aria-labelledby': 'letters-issued-heading' },
      issued.map((letter) => issuedLetter(letter, status)))
    : h('p', { id: 'letters-issued' }, 'No letters issued yet.');
  screen.setLetterPanel({ isOpen: () => false, isDirty: () => false, close: () => {}, clearErrors: () => {} });
  return h('section', { class: 'case-section', id: 'letters', 'aria-labelledby': 'letters-heading' },
    h('h2', { id: 'letters-heading' }, 'Letters'),
    h('h3', { id: 'letters-issued-heading' }, 'Letters issued'),
    issuedList,
    status,
    h('h3', { id: 'letter-write-heading' }, 'Write a letter'),
    available.length ? letterForm(available, screen) : h('p', { id: 'no-letter' }, 'No letter fits this case at the moment.'));
}
