// The banner at the top of every screen when the database is kept where a database must not be (a network drive, a OneDrive or Dropbox folder): the core says why and what to do instead; it stays for the session, since only moving the file mends it.

import { h, hiddenText, icon } from './dom.js';

const text = h('p', { class: 'banner__text', id: 'location-banner-text' });

/** The banner itself: app.js puts it at the top of <main>, above each screen; hidden unless the core gave a warning. */
export const locationBanner = h('section', {
  id: 'location-banner', class: 'banner banner--warning', 'aria-labelledby': 'location-banner-title', hidden: true,
},
h('h2', { class: 'banner__title', id: 'location-banner-title' }, icon('⚠'), ' ', hiddenText('Warning: '), 'Your data is kept in an unsafe place'),
text);

/** Shows the banner with database_status()'s `warning`, or hides it when there is none. */
export function showLocationWarning(warning) {
  text.textContent = warning ?? '';
  locationBanner.hidden = !warning;
}
