// The case screen's Complaint details panel: status, dates, channel, triage, the complainant (linked to their person record) and their needs, any representative, service area, category, officer, and the complaint in their words.

import { h, shortDate, labelFor, textOf, personHref } from '../../dom.js';
import { muted, orNone, row, lines, highlight } from './display.js';

/** The case's details, from its view and the reference data (for the channels, exclusion reasons and contact methods). */
export function detailsPanel(view, refData) {
  const c = view.complainant ?? {};
  const rep = view.representative;
  // The core's shown name: "Anonymous" for a complainant who asked not to be named.
  const name = c.name;
  const personLink = view.person_id !== null && view.person_id !== undefined
    ? h('a', { href: personHref(view.person_id), class: 'link', id: 'person-link' }, 'Person record: all cases of this person')
    : null;
  const complainant = lines(name, c.address && h('span', { class: 'pre-line' }, c.address), c.postcode, c.email, c.phone, personLink);
  const triage = view.triage ?? {};
  const triageLines = lines(
    triage.label ?? labelFor([], triage.slug),
    triage.reason && labelFor(refData.exclusion_reasons, triage.reason),
    triage.note && h('span', { class: 'pre-line' }, `Told: ${triage.note}`));
  const status = view.status ?? {};
  const statusValue = [
    h('span', { id: 'case-status' }, status.label ?? textOf(status)),
    ...lines(status.reason && h('span', { class: 'pre-line' }, status.reason)),
  ];
  return h('section', { class: 'panel case-details' },
    h('h2', { id: 'details-heading', class: 'panel__title' }, 'Complaint details'),
    h('dl', { class: 'summary-list' },
      row('Status', statusValue),
      row('Received', shortDate(view.received)),
      row('Channel', orNone(labelFor(refData.channels, view.channel))),
      row('Triage', triageLines.length ? triageLines : muted('Not recorded')),
      row('Complainant', complainant.length ? complainant : muted('Not given')),
      row('Contact preference', labelFor(refData.contact_methods, c.preferred_contact) || muted('No preference')),
      c.language ? row('Language', c.language) : null,
      row('Vulnerability', c.vulnerability ? highlight(c.vulnerability) : muted('None recorded')),
      row('Adjustments', c.adjustments ? highlight(c.adjustments) : muted('None recorded')),
      row('Representative', rep
        ? lines(rep.name, rep.relationship, rep.consent_on ? `Consent received ${shortDate(rep.consent_on)}` : 'Consent not recorded')
        : muted('None')),
      row('Service area', orNone(view.service_area)),
      row('Category', orNone(view.category)),
      row('Officer', orNone(view.officer, 'Not allocated')),
      row('The complaint', view.description ? h('span', { class: 'pre-line' }, view.description) : muted('Not recorded')),
      row('Outcome sought', view.outcome_sought ? h('span', { class: 'pre-line' }, view.outcome_sought) : muted('Not recorded'))));
}
