// The "My caseload" start screen: the officer's cases (or the whole team's) in five groups by when they are due, a count of each linking to its group, and a switch between the two; or a first-run empty state.

import { call } from '../api.js';
import { h, append, icon, caseRow, caseColumns, caseColumnClass, tableWrap, screenHeading } from '../dom.js';

const SCOPE_KEY = 'redress.caseload.scope';
const SCOPES = [
  { scope: 'mine', label: 'Mine' },
  { scope: 'team', label: 'Team' },
];

// A symbol for each group, beside its words (never colour alone).
const GROUP_ICONS = {
  overdue: '⚠',
  'due-today': '●',
  'due-this-week': '◐',
  later: '○',
  'waiting-to-close': '✓',
};

function plural(n, one, many) {
  return `${Number(n).toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The scope chosen earlier in this session ("mine" unless "team" was chosen). */
function chosenScope() {
  try {
    return sessionStorage.getItem(SCOPE_KEY) === 'team' ? 'team' : 'mine';
  } catch {
    return 'mine';
  }
}

function rememberScope(scope) {
  try {
    sessionStorage.setItem(SCOPE_KEY, scope);
  } catch {
    // Not remembered; the switch still works on this screen.
  }
}

function titleOf(scope) {
  return scope === 'team' ? 'Team caseload' : 'My caseload';
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

/** Moves focus to a group's heading and brings it into view, leaving the route in the address as it is. */
function jumpTo(key) {
  const heading = document.getElementById(`caseload-${key}-heading`);
  if (!heading) return;
  heading.focus({ preventScroll: true });
  (document.getElementById(`caseload-${key}`) ?? heading).scrollIntoView?.({ block: 'start' });
}

/** One count: a link to its group, reading "3 Overdue". */
function countTile(group) {
  const count = Number(group.count ?? 0);
  const link = h('a', { href: `#caseload-${group.key}`, class: 'count__link', dataset: { group: group.key } },
    h('span', { class: 'count__number' }, count.toLocaleString('en-GB')), ' ',
    h('span', { class: 'count__label' }, icon(GROUP_ICONS[group.key] ?? '•'), ' ', h('span', { class: 'count__words' }, group.label)));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    jumpTo(group.key);
  });
  return h('li', { class: ['count', `count--${group.key}`], dataset: { count: group.key } }, link);
}

/** One group: its heading (a focus target for its count's link), hint and table of cases, or "None". */
function groupSection(group, { withPart }) {
  const id = `caseload-${group.key}`;
  const headingId = `${id}-heading`;
  const cases = group.cases ?? [];
  const count = Number(group.count ?? cases.length);
  const table = cases.length
    ? h('table', { class: 'table table--cases', 'aria-labelledby': headingId },
      h('thead', {}, h('tr', {}, caseColumns({ withPart }).map((label) => h('th', { scope: 'col', class: caseColumnClass(label) }, label)))),
      h('tbody', {}, cases.map((row) => caseRow(row, { withPart }))))
    : null;
  return h('section', { id, class: 'caseload-group', dataset: { group: group.key }, 'aria-labelledby': headingId },
    h('h2', { id: headingId, class: 'caseload-group__title', tabindex: '-1' },
      group.label, ' ', h('span', { class: 'heading-count' }, `(${count.toLocaleString('en-GB')})`)),
    group.hint ? h('p', { class: 'hint caseload-group__hint' }, group.hint) : null,
    count > cases.length
      ? h('p', { class: 'caseload-group__shown', id: `${id}-shown` },
        `Showing ${cases.length.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')}, soonest deadline first.`)
      : null,
    table
      ? tableWrap(table, `${group.label}: cases`)
      : h('p', { class: 'caseload-group__none', id: `${id}-none` }, 'None'));
}

/** Whose cases these are, in a sentence. */
function whoseText(load) {
  if (load.scope === 'mine' && load.officer) {
    return `Cases where ${load.officer} is the officer, the reviewer, or owns an action.`;
  }
  return "All the team's open cases, whoever the officer is.";
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
        notice,
        emptyState(context)),
    };
  }

  let asked = chosenScope();
  let busy = false;
  const heading = screenHeading(titleOf(asked));
  const status = h('p', { class: 'visually-hidden', role: 'status', id: 'caseload-status' });
  const body = h('div', { id: 'caseload-body', class: 'caseload-body' });
  const problem = h('div', { class: 'error-summary', id: 'caseload-error', role: 'alert', hidden: true },
    h('h2', { class: 'error-summary__title' }, 'There is a problem'),
    h('p', { class: 'error-summary__text', id: 'caseload-error-text' }));

  const buttons = new Map(SCOPES.map(({ scope, label }) => {
    const button = h('button', {
      type: 'button', class: 'scope-switch__button', id: `caseload-scope-${scope}`, dataset: { scope }, 'aria-pressed': 'false',
    });
    button.addEventListener('click', () => switchTo(scope));
    return [scope, { button, label }];
  }));
  const scopeSwitch = h('div', { class: 'scope-switch', id: 'caseload-scope', role: 'group', 'aria-labelledby': 'caseload-scope-label' },
    h('span', { class: 'scope-switch__label', id: 'caseload-scope-label' }, 'Show cases'),
    [...buttons.values()].map(({ button }) => button));

  const element = h('section', { class: 'screen', dataset: { screen: 'caseload' } },
    heading, notice, scopeSwitch, status, problem, body);

  /** Draws what caseload() sent: the heading, whose cases, the counts and each group. */
  function draw(load) {
    const scope = load.scope === 'team' ? 'team' : 'mine';
    const title = titleOf(scope);
    heading.replaceChildren(title);
    element.dataset.scope = scope;
    for (const [key, { button, label }] of buttons) {
      const pressed = key === scope;
      button.setAttribute('aria-pressed', String(pressed));
      button.replaceChildren(pressed ? icon('✓') : '', pressed ? ' ' : '', label);
    }
    const groups = load.groups ?? [];
    const total = Number(load.total ?? groups.reduce((sum, group) => sum + Number(group.count ?? 0), 0));
    const fellBack = asked === 'mine' && scope === 'team' && !load.officer;
    const withPart = scope === 'mine';
    body.replaceChildren();
    append(body,
      h('p', { class: 'caseload-whose', id: 'caseload-whose' }, whoseText(load)),
      fellBack
        ? h('div', { class: 'inset-text', id: 'caseload-not-officer' },
          "Your name is not one of the officers', so this is the whole team's caseload. To see your own cases, make your name in ",
          h('a', { href: '#/settings', class: 'link' }, 'Settings'), " the same as your name in the officers' list.")
        : null,
      h('h2', { class: 'visually-hidden', id: 'caseload-counts-heading' }, 'Cases by when they are due'),
      h('p', { class: 'caseload-total', id: 'caseload-total' }, `${plural(total, 'case', 'cases')} in all:`),
      h('ul', { class: 'counts', id: 'caseload-counts', 'aria-labelledby': 'caseload-counts-heading' }, groups.map(countTile)),
      groups.map((group) => groupSection(group, { withPart })));
    return { title, total };
  }

  async function switchTo(scope) {
    const current = element.dataset.scope;
    if (busy || (scope === asked && scope === current)) return;
    busy = true;
    asked = scope;
    rememberScope(scope);
    element.setAttribute('aria-busy', 'true');
    status.textContent = '';
    try {
      const load = await call('caseload', { scope });
      if (notice) notice.hidden = true; // a message about something done before this
      problem.hidden = true;
      const { title, total } = draw(load);
      document.title = `${title} – Redress`;
      status.textContent = `Showing ${title.toLowerCase()}: ${plural(total, 'case', 'cases')}.`;
    } catch (error) {
      problem.querySelector('#caseload-error-text').textContent = error.message;
      problem.hidden = false;
    } finally {
      busy = false;
      element.removeAttribute('aria-busy');
    }
  }

  const { title } = draw(await call('caseload', { scope: asked }));
  return { title, element };
}
