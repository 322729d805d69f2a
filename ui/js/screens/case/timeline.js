// The case screen's History section: each entry of the case's timeline, with who did it and, when there are any, its changes field by field.

import { h } from '../../dom.js';

function changeText(changeValue) {
  if (changeValue === null || changeValue === undefined || changeValue === '') return '(blank)';
  return typeof changeValue === 'object' ? JSON.stringify(changeValue) : String(changeValue);
}

/** The history, newest as the core orders it. Entries' summaries are sentences; `changes` is often empty and then not shown. */
export function timelineSection(view) {
  const entries = view.timeline ?? [];
  const items = entries.map((entry) => {
    const changes = (entry.changes ?? []).filter((change) => change && change.field);
    return h('li', { class: 'timeline__item' },
      h('p', { class: 'timeline__meta' }, h('strong', {}, entry.at ?? ''), entry.actor ? ` · ${entry.actor}` : ''),
      entry.summary ? h('p', { class: 'timeline__summary' }, entry.summary) : null,
      changes.length
        ? h('details', { class: 'details' },
          h('summary', { class: 'details__summary' }, `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`),
          h('ul', { class: 'list changes' }, changes.map((change) =>
            h('li', {}, `${change.field}: ${changeText(change.before)} → ${changeText(change.after)}`))))
        : null);
  });
  return h('section', { class: 'case-section' },
    h('h2', { id: 'timeline-heading' }, 'History'),
    items.length
      ? h('ol', { id: 'timeline', class: 'timeline', 'aria-labelledby': 'timeline-heading' }, items)
      : h('p', { id: 'timeline', class: 'timeline-empty' }, 'No history recorded.'));
}
