// The case screen's deadlines panel: the current stage's deadlines, when it was acknowledged and responded to, its extensions, and what is due next and how soon.

import { h, longDate, urgencyTag, daysLeftText } from '../../dom.js';
import { muted, dateOr, row } from './display.js';

function currentStage(view) {
  const stages = view.stages ?? [];
  return stages.length ? stages[stages.length - 1] : null;
}

function nextDue(view) {
  const due = view.next_due;
  if (!due) return h('div', { id: 'next-due', class: 'next-due' }, h('p', {}, 'Nothing is due on this case.'));
  return h('div', { id: 'next-due', class: ['next-due', `next-due--${due.urgency}`] },
    h('p', { class: 'next-due__what' }, 'Next: ', h('strong', {}, due.what), ' by ', h('strong', {}, longDate(due.date))),
    h('p', { class: 'next-due__state' }, urgencyTag(due.urgency, due.urgency_label), ' ', h('span', { class: 'next-due__days' }, daysLeftText(due))));
}

/** The current stage's deadlines and what is next due, from the case's view. */
export function deadlinesPanel(view) {
  const stage = currentStage(view);
  const title = stage ? `Stage ${stage.number} deadlines` : 'Deadlines';
  const content = [];
  if (stage?.deadlines) {
    const d = stage.deadlines;
    content.push(h('dl', { class: 'summary-list summary-list--compact' },
      [['acknowledge_by', 'Acknowledge by'], ['respond_by', 'Respond by'], ['extension_limit', 'Extension limit']]
        .map(([key, label]) => row(label, longDate(d[key]), { dataset: { deadline: key, iso: d[key]?.iso } })),
      row('Acknowledged', dateOr(stage.acknowledged)),
      row('Responded', dateOr(stage.responded)),
      row('Extensions', (stage.extensions ?? []).length
        ? `${stage.extensions.length} agreed`
        : muted('None'))));
  } else {
    content.push(h('p', {}, stage ? 'There are no deadlines for this stage.' : 'This case has no stages, so there are no deadlines.'));
  }
  content.push(nextDue(view));
  return h('section', { id: 'deadlines', class: 'panel panel--deadlines' },
    h('h2', { id: 'deadlines-heading', class: 'panel__title' }, title),
    ...content);
}
