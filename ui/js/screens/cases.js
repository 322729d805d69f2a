// The Cases screen: search and filter every case, sort by reference, received date or next deadline, page through the results.

import { call } from '../api.js';
import { h, icon, caseRow, tableWrap, screenHeading } from '../dom.js';
import { textField, selectField, checkboxField, errorSummary, clearErrors, showErrors, errorsOf, locateField, buttonGroup } from '../forms.js';

const PAGE_SIZE = 50;

// The last query, kept while the app runs so that coming back to Cases shows the same results.
let query = {
  text: '', state: 'open', stage: '', service_area: '', officer: '', overdue: false,
  sort: 'due', descending: false, page: 1,
};

const FIELD_IDS = {
  text: 'search-text', state: 'filter-state', stage: 'filter-stage', service_area: 'filter-service-area',
  officer: 'filter-officer', overdue: 'filter-overdue',
};

const COLUMNS = [
  { label: 'Reference', sort: 'reference' },
  { label: 'Received', sort: 'received' },
  { label: 'Next deadline', sort: 'due' },
  { label: 'Complainant' },
  { label: 'Summary' },
  { label: 'Service area' },
  { label: 'Officer' },
];

function commandQuery(q) {
  return {
    text: q.text,
    stage: q.stage === '' ? null : Number(q.stage),
    state: q.state,
    service_area: q.service_area || null,
    officer: q.officer || null,
    overdue: q.overdue,
    sort: q.sort,
    descending: q.descending,
    page: q.page,
    page_size: PAGE_SIZE,
  };
}

function casesText(n) {
  return `${Number(n).toLocaleString('en-GB')} ${n === 1 ? 'case' : 'cases'}`;
}

export async function render() {
  const reference = await call('reference_data');
  const any = { value: '', label: 'Any' };

  const summary = errorSummary({ id: 'error-summary' });
  const form = h('form', { id: 'search-form', class: 'search-form', role: 'search', 'aria-label': 'Search cases', novalidate: true },
    summary,
    textField({ id: 'search-text', name: 'text', label: 'Search', hint: 'A reference, a name, a postcode or words from the complaint', value: query.text, width: 'long', type: 'search' }),
    h('div', { class: 'filters' },
      selectField({ id: 'filter-state', name: 'state', label: 'Status', value: query.state, items: [
        ...reference.statuses.map((s) => ({ value: s.slug, label: s.label })), { value: 'all', label: 'All' }] }),
      selectField({ id: 'filter-stage', name: 'stage', label: 'Stage', value: query.stage, items: [
        any, { value: '1', label: '1' }, { value: '2', label: '2' }, { value: '3', label: '3' }] }),
      selectField({ id: 'filter-service-area', name: 'service_area', label: 'Service area', value: query.service_area,
        items: [any, ...(reference.service_areas ?? []).map((name) => ({ value: name, label: name }))] }),
      selectField({ id: 'filter-officer', name: 'officer', label: 'Officer', value: query.officer,
        // Retired officers stay here: their old cases can still be found.
        items: [any, ...(reference.officers ?? []).map((o) => ({ value: o.name, label: o.retired ? `${o.name} (retired)` : o.name }))] })),
    checkboxField({ id: 'filter-overdue', name: 'overdue', label: 'Only overdue', checked: query.overdue }),
    buttonGroup(h('button', { class: 'button', type: 'submit', id: 'search-button' }, 'Search')));

  // Results: the count, the table with sortable headers, and paging. Updated in place so focus stays put.
  const count = h('p', { id: 'results-count', class: 'results-count', role: 'status', tabindex: '-1' });
  const sortButtons = new Map();
  const headerCells = COLUMNS.map((column) => {
    if (!column.sort) return h('th', { scope: 'col' }, column.label);
    const arrow = h('span', { class: 'sort-button__arrow', 'aria-hidden': 'true' });
    const button = h('button', { type: 'button', class: 'sort-button', dataset: { sort: column.sort } }, column.label, ' ', arrow);
    const th = h('th', { scope: 'col', 'aria-sort': 'none' }, button);
    sortButtons.set(column.sort, { button, arrow, th });
    button.addEventListener('click', () => {
      if (query.sort === column.sort) query.descending = !query.descending;
      else { query.sort = column.sort; query.descending = false; }
      query.page = 1;
      search();
    });
    return th;
  });
  const tbody = h('tbody');
  const table = h('table', { class: 'table table--cases', 'aria-labelledby': 'results-heading' }, h('thead', {}, h('tr', {}, headerCells)), tbody);
  const wrap = tableWrap(table, 'Results table');
  const none = h('p', { class: 'no-results', hidden: true }, 'No cases match this search. Try fewer words or fewer filters.');
  const prev = h('button', { type: 'button', class: 'button button--secondary', id: 'page-prev' }, icon('←'), ' Previous page');
  const next = h('button', { type: 'button', class: 'button button--secondary', id: 'page-next' }, 'Next page ', icon('→'));
  const pageText = h('span', { class: 'pagination__text', id: 'page-text' });
  const pagination = h('nav', { class: 'pagination', 'aria-label': 'Pages of results' }, prev, pageText, next);
  const results = h('section', { class: 'results-area', 'aria-labelledby': 'results-heading' },
    h('h2', { id: 'results-heading' }, 'Results'), count, wrap, none, pagination);

  function showResults(result) {
    const total = Number(result.total ?? 0);
    const pageSize = Number(result.page_size ?? PAGE_SIZE) || PAGE_SIZE;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Number(result.page ?? query.page);
    query.page = page;
    count.textContent = casesText(total);
    tbody.replaceChildren(...(result.cases ?? []).map((row) => caseRow(row, { withReceived: true })));
    wrap.hidden = total === 0;
    none.hidden = total !== 0;
    pageText.textContent = `Page ${page.toLocaleString('en-GB')} of ${pages.toLocaleString('en-GB')}`;
    const focusWasOn = document.activeElement;
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    if ((focusWasOn === prev && prev.disabled) || (focusWasOn === next && next.disabled)) count.focus();
    for (const [key, { arrow, th }] of sortButtons) {
      const active = key === query.sort;
      th.setAttribute('aria-sort', active ? (query.descending ? 'descending' : 'ascending') : 'none');
      arrow.textContent = active ? (query.descending ? '▼' : '▲') : '⇅';
    }
  }

  async function search() {
    clearErrors(form, summary);
    results.setAttribute('aria-busy', 'true');
    try {
      showResults(await call('search_cases', { query: commandQuery(query) }));
    } catch (error) {
      showErrors({
        summary,
        errors: errorsOf(error),
        locate: (field) => locateField(form, FIELD_IDS[field] ?? field),
      });
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    query = {
      ...query,
      text: String(data.get('text') ?? ''),
      state: String(data.get('state') ?? 'open'),
      stage: String(data.get('stage') ?? ''),
      service_area: String(data.get('service_area') ?? ''),
      officer: String(data.get('officer') ?? ''),
      overdue: data.get('overdue') !== null,
      page: 1,
    };
    search();
  });
  prev.addEventListener('click', () => { query.page = Math.max(1, query.page - 1); search(); });
  next.addEventListener('click', () => { query.page += 1; search(); });

  // The first search runs before the screen is shown, so it appears complete.
  let firstError = null;
  try {
    showResults(await call('search_cases', { query: commandQuery(query) }));
  } catch (error) {
    firstError = error;
    showResults({ total: 0, page: 1, page_size: PAGE_SIZE, cases: [] });
  }

  const element = h('section', { class: 'screen', dataset: { screen: 'cases' } },
    screenHeading('Cases'),
    form,
    results);
  return {
    title: 'Cases',
    element,
    afterShow: firstError
      ? () => showErrors({ summary, errors: errorsOf(firstError), locate: (field) => locateField(form, FIELD_IDS[field] ?? field) })
      : null,
  };
}
