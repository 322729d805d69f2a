// Settings' Keeping records section: how long closed cases are kept, and anonymising those past it.

import { call } from '../../api.js';
import { h, hiddenText, icon, tableWrap, caseHref, shortDate } from '../../dom.js';
import {
  numberField, checkboxField, buttonGroup, errorSummary, showApiError, showErrors, clearErrors, guard, markClean, confirmDialog,
} from '../../forms.js';

/** The section, from what retention() first gave (`first`: {failed} when it failed). */
export function retentionSection({ first }) {
  const failed = first?.failed ?? null;
  const yearsText = (n) => `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? 'year' : 'years'}`;
  const casesText = (n) => `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? 'case' : 'cases'}`;

  const yearsSummary = errorSummary({ id: 'retention-error-summary', level: 'h3' });
  const yearsGroup = numberField({
    id: 'retention-years', name: 'years', field: 'years', label: 'Keep closed cases for (years)',
    hint: 'Counted from the day a case was closed. A whole number from 1 to 100.',
    value: failed ? '' : first.years,
  });
  const yearsInput = yearsGroup.querySelector('input');
  const saveYears = h('button', { type: 'submit', class: 'button', id: 'retention-save' }, 'Save', hiddenText(' the retention period'));
  const yearsSaved = h('p', { id: 'retention-saved', class: 'saved-status', role: 'status' });
  const yearsForm = h('form', { id: 'retention-form', class: 'form form--add', novalidate: true, 'aria-labelledby': 'retention-heading' },
    yearsSummary, yearsGroup, buttonGroup(saveYears, yearsSaved));
  guard(yearsForm);
  yearsForm.addEventListener('input', () => { yearsSaved.textContent = ''; });

  const casesHeading = h('h3', { id: 'retention-cases-heading' });
  const casesIntro = h('p', { class: 'hint', id: 'retention-cases-hint' });
  const done = h('div', { id: 'anonymise-done', class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const casesSlot = h('div', { id: 'retention-cases' });
  // Hidden until there is a list to draw (retention() may have failed).
  const casesPart = h('div', { class: 'retention-cases', hidden: true }, casesHeading, casesIntro, done, casesSlot);

  /** Draws the cases past the period; with `years`, the period in the box too (after loading or saving it). */
  function draw(retention, { years = false } = {}) {
    if (years && retention?.years !== undefined && retention?.years !== null) yearsInput.value = String(retention.years);
    const cases = retention?.cases ?? [];
    casesPart.hidden = false;
    casesHeading.replaceChildren('Closed cases past the retention period',
      ...(cases.length ? [' ', h('span', { class: 'heading-count' }, `(${cases.length.toLocaleString('en-GB')})`)] : []));
    casesIntro.textContent = retention?.years
      ? `Cases closed more than ${yearsText(retention.years)} ago, oldest first. Anonymising a case removes the complainant’s details, the free text and the letters. Its dates, stages, outcomes, service area, category and channel are kept, so every report still counts it.`
      : '';
    casesSlot.replaceChildren(cases.length
      ? anonymiseForm(retention)
      : h('p', { id: 'retention-none', class: 'no-results' }, 'No closed cases are past the retention period.'));
  }

  function anonymiseForm(retention) {
    const cases = retention.cases;
    const formSummary = errorSummary({ id: 'anonymise-error-summary', level: 'h4' });
    const allGroup = checkboxField({
      id: 'anonymise-all', name: 'anonymise-all', field: 'references',
      label: cases.length === 1 ? 'Select this case' : `Select all ${casesText(cases.length)}`,
    });
    const allBox = allGroup.querySelector('input');
    const boxes = cases.map((item, index) => h('input', {
      class: 'checkbox__input', type: 'checkbox', id: `anonymise-case-${index}`, name: 'references',
      value: item.reference, dataset: { anonymise: item.reference },
    }));
    const table = h('table', { class: 'table table--select', id: 'retention-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'select-cell' }, hiddenText('Select')),
        ['Reference', 'Closed on', 'Service area', 'Summary'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, cases.map((item, index) => h('tr', { dataset: { reference: item.reference } },
        h('td', { class: 'select-cell' }, h('div', { class: 'checkbox' },
          boxes[index],
          h('label', { class: 'checkbox__label', for: boxes[index].id }, hiddenText(`Select ${item.reference}`)))),
        h('th', { scope: 'row' }, h('a', { href: caseHref(item.reference), class: 'link' }, item.reference)),
        h('td', { class: 'nowrap-date' }, shortDate(item.closed_on)),
        h('td', {}, item.service_area || h('span', { class: 'muted' }, 'Not given')),
        h('td', { class: 'case-summary wrap-anywhere' }, item.summary || h('span', { class: 'muted' }, 'None'))))));
    const submit = h('button', { type: 'submit', class: 'button button--warning', id: 'anonymise' }, 'Anonymise selected cases');
    const chosen = h('p', { id: 'anonymise-selected', class: 'test-status' });
    // Not under the unsaved-changes guard: ticking boxes is not work that leaving would lose.
    const form = h('form', { id: 'anonymise-form', novalidate: true, 'aria-labelledby': 'retention-cases-heading' },
      formSummary, allGroup, tableWrap(table, 'Closed cases past the retention period'), buttonGroup(submit, chosen));
    let busy = false;

    const ticked = () => boxes.filter((box) => box.checked);
    function sync() {
      const n = ticked().length;
      allBox.checked = n === boxes.length;
      allBox.indeterminate = n > 0 && n < boxes.length;
      chosen.textContent = `${n.toLocaleString('en-GB')} of ${casesText(boxes.length)} selected`;
    }
    allBox.addEventListener('change', () => {
      for (const box of boxes) box.checked = allBox.checked;
      sync();
    });
    for (const box of boxes) box.addEventListener('change', sync);
    sync();

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form, formSummary);
      done.hidden = true;
      const references = ticked().map((box) => box.value);
      if (!references.length) {
        showErrors({ summary: formSummary, errors: [{ field: 'references', message: 'Select the cases to anonymise' }], locate: () => allBox });
        return;
      }
      const what = casesText(references.length);
      const yes = await confirmDialog({
        title: `Anonymise ${what}?`,
        text: `This removes the complainant's details, the free text and the letters from ${what}. The dates, outcomes and service areas stay, so reports still count them. This cannot be undone.`,
        yes: `Anonymise ${what}`,
        no: 'Cancel',
      });
      if (!yes) return;
      busy = true;
      submit.setAttribute('aria-disabled', 'true');
      try {
        const result = await call('anonymise_cases', { references });
        const count = Array.isArray(result?.anonymised) ? result.anonymised.length : Number(result?.anonymised ?? references.length);
        draw(result?.retention ?? { ...retention, cases: cases.filter((item) => !references.includes(item.reference)) });
        done.replaceChildren(icon('✓'), ' ', `Anonymised ${casesText(count)}`);
        done.hidden = false;
        done.focus();
      } catch (error) {
        showApiError({ form, summary: formSummary, error, locate: (field) => (String(field).startsWith('references') ? allBox : null) });
      } finally {
        busy = false;
        submit.removeAttribute('aria-disabled');
      }
    });
    return form;
  }

  yearsForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saveYears.disabled) return;
    clearErrors(yearsForm, yearsSummary);
    yearsSaved.textContent = '';
    const typed = yearsInput.value.trim();
    // The command takes a number: text that is not a whole number is answered here, and the core
    // answers for the range.
    if (!/^\d+$/.test(typed)) {
      showErrors({
        summary: yearsSummary,
        errors: [{ field: 'years', message: 'Enter how many years to keep closed cases, as a whole number from 1 to 100' }],
        locate: () => yearsInput,
      });
      return;
    }
    saveYears.disabled = true;
    try {
      const result = await call('set_retention', { years: Number(typed) });
      draw(result, { years: true });
      markClean(yearsForm);
      yearsSaved.textContent = `Saved: closed cases are kept for ${yearsText(result?.years ?? typed)}`;
    } catch (error) {
      showApiError({ form: yearsForm, summary: yearsSummary, error, locate: (field) => (field === 'years' ? yearsInput : null) });
    } finally {
      saveYears.disabled = false;
    }
  });

  if (failed) showApiError({ form: yearsForm, summary: yearsSummary, error: failed, locate: () => null });
  else draw(first, { years: true });

  return h('section', { class: 'settings-section', id: 'retention', 'aria-labelledby': 'retention-heading' },
    h('h2', { id: 'retention-heading' }, 'Keeping records'),
    h('p', { class: 'hint' }, 'How long closed cases keep the complainant’s personal details. After that, anonymise them: the figures stay in every report.'),
    yearsForm,
    casesPart);
}