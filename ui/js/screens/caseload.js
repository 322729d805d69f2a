// The "My caseload" start screen: counts by urgency and the open cases by next deadline, or a first-run empty state.

import { call } from '../api.js';
import { h, icon, caseRow, tableWrap, screenHeading, URGENCY_ICONS } from '../dom.js';

const COUNTS = [
  { key: 'overdue', count: 'overdue', label: 'Overdue' },
  { key: 'due_today', count: 'due-today', label: 'Due today' },
  { key: 'due_soon', count: 'due-soon', label: 'Due soon' },
  { key: 'on_track', count: 'on-track', label: 'On track' },
];

function plural(n, one, many) {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function emptyState(context) {
  const status = h('p', { class: 'empty-state__status', role: 'status' });
  const problem = h('p', { class: 'error-message', id: 'load-demo-error', hidden: true });
  const loadDemo = h('button', { class: 'button button--secondary', type: 'button', id: 'load-demo', 'aria-describedby': 'load-demo-error' },
    'Load 2,000 made-up demo cases');
  loadDemo.addEventListener('click', async () => {
    const label = loadDemo.textContent;
    loadDemo.disabled = true;
    loadDemo.setAttribute('aria-disabled', 'true');
    loadDemo.textContent = 'Loading…';
    status.textContent = 'Loading the demo cases. This can take a little while.';
    problem.hidden = true;
    try {
      await call('load_demo', { cases: 2000 });
      context.flash('2,000 made-up demo cases loaded.');
      await context.rerender();
    } catch (error) {
      loadDemo.disabled = false;
      loadDemo.removeAttribute('aria-disabled');
      loadDemo.textContent = label;
      status.textContent = '';
      problem.textContent = error.message;
      problem.hidden = false;
      loadDemo.focus();
    }
  });
  return h('div', { id: 'empty-state', class: 'empty-state' },
    h('h2', { class: 'empty-state__title' }, 'No complaints recorded yet'),
    h('p', {}, 'The database on this laptop is empty. Record the first complaint you have received, or load some made-up cases to try Redress out.'),
    h('p', { class: 'hint' }, 'The demo cases are invented people and complaints. Only load them on a laptop you are using to try Redress, not for real casework.'),
    problem,
    h('div', { class: 'button-group' },
      h('a', { class: 'button', href: '#/new', id: 'new-first-case' }, 'Record the first complaint'),
      loadDemo),
    status);
}

function countBox({ key, count, label }, counts) {
  const value = Number(counts?.[key] ?? 0);
  return h('li', { class: ['count', `count--${count}`], dataset: { count } },
    h('span', { class: 'count__number' }, value.toLocaleString('en-GB')),
    h('span', { class: 'count__label' }, icon(URGENCY_ICONS[count]), ' ', label));
}

export async function render(context) {
  const info = await context.appInfo();
  const flash = context.takeFlash();
  const notice = flash ? h('div', { class: 'notice notice--success', role: 'status' }, icon('✓'), ' ', flash) : null;

  if (!info.case_count) {
    return {
      title: 'My caseload',
      element: h('section', { class: 'screen', dataset: { screen: 'caseload' } },
        screenHeading('My caseload'),
        emptyState(context)),
    };
  }

  const load = await call('caseload', { officer: null });
  const counts = load.counts ?? {};
  const rows = load.cases ?? [];
  const open = Number(counts.open ?? rows.length);
  const shown = rows.length < open
    ? `Showing the ${plural(rows.length, 'case', 'cases')} with the soonest deadlines, of ${plural(open, 'open case', 'open cases')}.`
    : `${plural(open, 'open case', 'open cases')}, soonest deadline first.`;

  const table = h('table', { class: 'table', 'aria-labelledby': 'caseload-table-heading' },
    h('thead', {},
      h('tr', {},
        ['Reference', 'Next deadline', 'State', 'Complainant', 'Summary', 'Service area', 'Officer']
          .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map((row) => caseRow(row))));

  const element = h('section', { class: 'screen', dataset: { screen: 'caseload' } },
    screenHeading('My caseload'),
    notice,
    h('h2', { class: 'visually-hidden', id: 'counts-heading' }, 'Open cases by urgency'),
    h('ul', { class: 'counts', 'aria-labelledby': 'counts-heading' }, COUNTS.map((c) => countBox(c, counts))),
    h('h2', { id: 'caseload-table-heading' }, 'Open cases by next deadline'),
    h('p', { class: 'muted' }, shown),
    rows.length
      ? tableWrap(table, 'Open cases table')
      : h('p', {}, 'There are no open cases.'));
  return { title: 'My caseload', element };
}
