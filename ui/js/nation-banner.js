// The banner at the top of every screen while a council in England or Wales has not said which it is in: the two
// share bank holidays but not an Ombudsman, so the core asks rather than guesses; it goes once Settings says.

import { h, hiddenText, icon } from './dom.js';

/** The banner itself: app.js puts it at the top of <main>, above each screen; hidden unless the nation is unsaid. */
export const nationBanner = h('section', {
  id: 'nation-banner', class: 'banner banner--warning', 'aria-labelledby': 'nation-banner-title', hidden: true,
},
h('h2', { class: 'banner__title', id: 'nation-banner-title' }, icon('⚠'), ' ', hiddenText('Warning: '), 'Is your council in England or in Wales?'),
h('p', { class: 'banner__text' },
  'They share bank holidays but not an Ombudsman: letters name the right one only once you say. ',
  h('a', { href: '#/settings', class: 'link', id: 'nation-banner-link' }, 'Choose the nation in Settings'), '.'));

/** Shows the banner when app_info says the council's nation is unsaid, hides it otherwise. */
export function showNationQuestion(unsaid) {
  nationBanner.hidden = !unsaid;
}
