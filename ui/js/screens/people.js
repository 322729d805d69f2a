// The People screen: find a complainant by name, email address or phone number and open their record.

import { call } from '../api.js';
import { h, screenHeading, tableWrap, personHref, personName, restrictedTag } from '../dom.js';
import { textField, buttonGroup, errorSummary, clearErrors, showErrors } from '../forms.js';

const DEBOUNCE_MS = 250;

// The last search, kept while the app runs so that coming back to People shows the same list.
let lastSearch = '';

function peopleText(n) {
  return `${Number(n).toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;
}

function casesText(n) {
  const count = Number(n ?? 0);
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'case' : 'cases'}`;
}

const muted = (text) => h('span', { class: 'muted' }, text);

function personRow(person) {
  return h('tr', { dataset: { person: person.id } },
    h('th', { scope: 'row', class: 'person-cell' },
      h('a', { href: personHref(person.id), class: 'link' }, personName(person)),
      person.restricted ? [' ', restrictedTag()] : null),
    h('td', { class: 'wrap-anywhere' }, person.email || muted('Not given')),
    h('td', { class: 'nowrap-date' }, person.phone || muted('Not given')),
    h('td', { class: 'nowrap-date' }, person.postcode || muted('Not given')),
    h('td', { class: 'numeric' }, casesText(person.case_count)));
}

export async function render() {
  const summary = errorSummary({ id: 'error-summary' });
  const form = h('form', { id: 'people-form', class: 'search-form', role: 'search', 'aria-label': 'Find a person', novalidate: true },
    summary,
    textField({
      id: 'people-search', name: 'search', label: 'Find a person', type: 'search', value: lastSearch,
      hint: 'Part of their name, their email address or their phone number',
    }),
    buttonGroup(h('button', { type: 'submit', class: 'button', id: 'people-search-button' }, 'Search')));
  const input = form.querySelector('#people-search');

  const count = h('p', { id: 'people-count', class: 'results-count', role: 'status' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table', 'aria-labelledby': 'people-heading' },
    h('thead', {}, h('tr', {}, ['Name', 'Email address', 'Phone', 'Postcode', 'Cases'].map((label) => h('th', { scope: 'col' }, label)))),
    tbody);
  const wrap = tableWrap(table, 'People table');
  const none = h('p', { id: 'people-none', class: 'no-results', hidden: true });
  const results = h('section', { class: 'results-area', 'aria-labelledby': 'people-heading' },
    h('h2', { id: 'people-heading' }, 'Results'), count, wrap, none);

  function showPeople(people, search, more) {
    count.textContent = !people.length ? ''
      : more ? `Showing the first ${peopleText(people.length)} by name. Search to find someone else.`
        : `Showing ${peopleText(people.length)}`;
    tbody.replaceChildren(...people.map(personRow));
    wrap.hidden = people.length === 0;
    none.hidden = people.length !== 0;
    none.textContent = search.trim()
      ? `No one matches “${search.trim()}”. Try part of their name, or their full email address or phone number.`
      : 'No people recorded yet. Each complainant is recorded as a person when their first complaint is logged.';
  }

  let ticket = 0;
  async function search(text) {
    const mine = ++ticket;
    lastSearch = text;
    results.setAttribute('aria-busy', 'true');
    try {
      const result = await call('list_people', { search: text });
      if (mine !== ticket) return;
      clearErrors(form, summary);
      showPeople(result.people ?? [], text, Boolean(result.more));
    } catch (error) {
      if (mine !== ticket) return;
      showErrors({ summary, errors: [{ field: null, message: error.message }] });
    } finally {
      if (mine === ticket) results.removeAttribute('aria-busy');
    }
  }

  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  // The first list is fetched before the screen is shown, so it appears complete.
  let firstError = null;
  try {
    const first = await call('list_people', { search: lastSearch });
    showPeople(first.people ?? [], lastSearch, Boolean(first.more));
  } catch (error) {
    firstError = error;
    showPeople([], lastSearch);
    none.hidden = true;
  }

  const element = h('section', { class: 'screen', dataset: { screen: 'people' } },
    screenHeading('People'),
    h('p', { class: 'lead' }, 'Everyone who has complained, with all their cases. Open a person to change their details for every case at once, record a restriction on contact or merge two records of the same person.'),
    form,
    results);
  return {
    title: 'People',
    element,
    afterShow: firstError ? () => showErrors({ summary, errors: [{ field: null, message: firstError.message }] }) : null,
  };
}
