// The Reminders screen: today's deadline reminders (sent as desktop notifications or not yet), each linked to its case.

import { call } from '../api.js';
import { h, icon, caseHref, shortDate, tableWrap, screenHeading } from '../dom.js';

const WHOSE = {
  mine: 'Your cases',
  all: 'All cases',
};

function reminderRow(reminder) {
  const sent = reminder.sent
    ? h('span', { class: 'reminder-sent' }, icon('✓'), ' Sent')
    : h('span', { class: 'muted' }, 'Not sent yet');
  return h('tr', { dataset: { reference: reminder.reference, when: reminder.when } },
    h('th', { scope: 'row' }, h('a', { href: caseHref(reminder.reference), class: 'link' }, reminder.reference)),
    h('td', { class: 'wrap-anywhere' }, reminder.headline ?? ''),
    h('td', { class: 'nowrap-date' }, shortDate(reminder.due_on)),
    h('td', { class: 'nowrap-date' }, sent));
}

export async function render() {
  const today = await call('reminders_today');
  const reminders = today?.reminders ?? [];
  const whose = WHOSE[today?.whose] ?? WHOSE.mine;

  const table = h('table', { class: 'table', 'aria-labelledby': 'reminders-table-heading' },
    h('thead', {},
      h('tr', {}, ['Case', 'Reminder', 'Due', 'Notification'].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, reminders.map(reminderRow)));

  const element = h('section', { class: 'screen', dataset: { screen: 'reminders' } },
    screenHeading('Reminders'),
    h('p', { id: 'reminders-whose', class: 'lead' },
      h('strong', {}, whose), '. ',
      h('a', { href: '#/settings', class: 'link' }, 'Change whose cases Redress reminds you of in Settings')),
    h('p', { class: 'hint' }, 'Redress sends a desktop notification for each deadline reminder during working hours.'),
    h('h2', { id: 'reminders-table-heading' }, 'Reminders due now'),
    reminders.length
      ? tableWrap(table, 'Reminders table')
      : h('p', { id: 'reminders-empty', class: 'no-results' }, 'Nothing needs a reminder at the moment.'));
  return { title: 'Reminders', element };
}
