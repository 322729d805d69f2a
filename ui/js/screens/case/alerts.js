// The top of the case screen: the person's active restriction on contact, and the complainant's vulnerability and adjustments, side by side when there is room.

import { h, icon, longDate, personHref } from '../../dom.js';
import { row, highlight } from './display.js';

/** The person's active restriction on contact, above everything else on the case. */
function restrictionBanner(view) {
  const r = view.restriction;
  if (!r) return null;
  return h('section', { id: 'restriction-banner', class: 'banner banner--warning', 'aria-labelledby': 'restriction-banner-title', dataset: { restriction: r.number } },
    h('h2', { id: 'restriction-banner-title', class: 'banner__title' }, icon('⚠'), ' Contact restricted'),
    h('p', { class: 'banner__contact' }, h('strong', {}, 'What contact is allowed: '), h('span', { class: 'pre-line' }, r.contact || 'Not recorded')),
    h('p', { class: 'banner__due' }, r.review_due
      ? [h('strong', { class: 'tag tag--overdue' }, icon('⚠'), ' Review due'), ' ', longDate(r.review_on)]
      : ['Review due ', longDate(r.review_on)]),
    view.person_id !== null && view.person_id !== undefined
      ? h('p', { class: 'banner__link' }, h('a', { href: personHref(view.person_id), class: 'link', id: 'see-restriction' }, 'See the restriction'))
      : null);
}

/** The complainant's vulnerability and adjustments, shown at the top when there are any. */
function needsPanel(view) {
  const c = view.complainant ?? {};
  if (!c.vulnerability && !c.adjustments) return null;
  return h('section', { id: 'case-needs', class: 'panel panel--needs', 'aria-labelledby': 'case-needs-heading' },
    h('h2', { id: 'case-needs-heading', class: 'panel__title' }, 'Needs and adjustments'),
    h('dl', { class: 'summary-list summary-list--compact' },
      c.vulnerability ? row('Vulnerability', highlight(c.vulnerability)) : null,
      c.adjustments ? row('Adjustments', highlight(c.adjustments)) : null));
}

/** The restriction banner and the needs panel, side by side when there is room. */
export function caseAlerts(view) {
  const alerts = [restrictionBanner(view), needsPanel(view)].filter(Boolean);
  return alerts.length ? h('div', { class: 'case-alerts' }, alerts) : '';
}
