// The case screen's record of its stages (handler or reviewer, dates, extensions, outcome, reasons, remedies, learning) and of its referral to the Ombudsman.

import { h, shortDate, labelFor } from '../../dom.js';
import { muted, orNone, dateOr, row } from './display.js';

function money(amount) {
  if (amount === null || amount === undefined || amount === '') return '';
  const number = Number(amount);
  return Number.isFinite(number)
    ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(number)
    : String(amount);
}

function remedyText(remedy, reference) {
  const label = remedy.label || labelFor(reference.remedy_kinds, remedy.kind);
  const parts = [label];
  if (remedy.amount !== null && remedy.amount !== undefined && remedy.amount !== '') parts.push(money(remedy.amount));
  if (remedy.detail) parts.push(remedy.detail);
  return parts.join(': ');
}

function stageRecord(stage, refData) {
  const extensions = (stage.extensions ?? []).map((ext) =>
    h('li', {}, `${ext.days} working ${Number(ext.days) === 1 ? 'day' : 'days'}, agreed ${shortDate(ext.agreed)}`,
      ext.reason ? `: ${ext.reason}` : '', ext.good_reason ? ' (recorded as a good reason to pass the limit)' : ''));
  const remedies = (stage.remedies ?? []).map((remedy) => h('li', {}, remedyText(remedy, refData)));
  const text = (label, content) => (content ? row(label, h('span', { class: 'pre-line' }, content)) : null);
  return h('article', { class: 'stage-record', dataset: { stage: stage.number } },
    h('h3', {}, `Stage ${stage.number}`),
    h('dl', { class: 'summary-list' },
      row('Opened', shortDate(stage.opened)),
      row(stage.number === 1 ? 'Handled by' : 'Reviewer', orNone(stage.handler, 'Not allocated')),
      row('Acknowledged', dateOr(stage.acknowledged)),
      row('Extensions', extensions.length ? h('ul', { class: 'list' }, extensions) : muted('None')),
      row('Responded', dateOr(stage.responded)),
      row('Outcome', stage.outcome ? stage.outcome.label : muted(stage.responded ? 'Not recorded' : 'Not yet')),
      text('Reasons', stage.reasons),
      remedies.length ? row('Remedies', h('ul', { class: 'list' }, remedies)) : null,
      text('Learning', stage.learning),
      text('Improvements', stage.improvements)));
}

/** The Stages section: each stage of the case, from its view and the reference data (for the remedies' kinds). */
export function stagesSection(view, refData) {
  const stages = view.stages ?? [];
  return h('section', { class: 'case-section', id: 'stages' },
    h('h2', { id: 'stages-heading' }, 'Stages'),
    stages.length ? stages.map((stage) => stageRecord(stage, refData)) : h('p', {}, 'No stages.'));
}

/** The Ombudsman referral section, when the case was referred; else null. */
export function referralSection(view, refData) {
  const r = view.referral;
  if (!r) return null;
  return h('section', { class: 'case-section' },
    h('h2', { id: 'referral-heading' }, 'Ombudsman referral'),
    h('dl', { class: 'summary-list' },
      row('Ombudsman', labelFor(refData.ombudsmen, r.ombudsman)),
      row('Referred', shortDate(r.referred)),
      row('Their reference', orNone(r.their_reference)),
      row('Decision', r.decision ? h('span', { class: 'pre-line' }, r.decision) : muted('Not yet')),
      row('Remedy', r.remedy ? h('span', { class: 'pre-line' }, r.remedy) : muted('None recorded'))));
}
