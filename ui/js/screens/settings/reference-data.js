// Settings' reference data: the officers (their table, from officers.js), the service areas and the categories, each listed with a small form to add one, and all drawn again whenever the reference data changes.

import { call } from '../../api.js';
import { h } from '../../dom.js';
import { textField, checkboxesField, tickedValues, buttonGroup, errorSummary, showApiError, clearErrors, guard, markClean } from '../../forms.js';
import { officersPanel, roleItems } from './officers.js';

/**
 * The Officers, Service areas and Categories sections, from the screen's shared `state` (its
 * `reference` data, replaced by each change). Gives the three sections and `redraw`, which draws
 * them from `state.reference` again (for the import, which may add to them).
 */
export function referenceDataSections({ state }) {
  const officers = officersPanel({ state, redraw: drawReference });
  const serviceAreaList = h('ul', { class: 'list list--columns', 'aria-labelledby': 'service-areas-heading' });
  const categoryList = h('ul', { class: 'list list--columns', 'aria-labelledby': 'categories-heading' });
  const serviceAreaOptions = h('datalist', { id: 'officer-service-area-options' });

  function drawReference() {
    officers.draw();
    const areas = state.reference.service_areas ?? [];
    serviceAreaList.replaceChildren(...(areas.length ? areas.map((name) => h('li', {}, name)) : [h('li', {}, 'None yet')]));
    serviceAreaOptions.replaceChildren(...areas.map((name) => h('option', { value: name })));
    const categories = state.reference.categories ?? [];
    categoryList.replaceChildren(...(categories.length ? categories.map((name) => h('li', {}, name)) : [h('li', {}, 'None yet')]));
  }
  drawReference();

  /** A small add form: its own error summary, field errors mapped by prefix, and a status line. */
  function addForm({ id, idPrefix, fields, submitId, submitLabel, command, args, done }) {
    const formSummary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
    const status = h('p', { class: 'saved-status', role: 'status', id: `${id}-status` });
    const submit = h('button', { type: 'submit', class: 'button', id: submitId }, submitLabel);
    const subForm = h('form', { id, class: 'form form--add', novalidate: true }, formSummary, ...fields, buttonGroup(submit, status));
    guard(subForm);
    subForm.addEventListener('input', () => { status.textContent = ''; });
    subForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(subForm, formSummary);
      status.textContent = '';
      submit.disabled = true;
      try {
        const values = args(subForm);
        state.reference = await call(command, values);
        drawReference();
        subForm.reset();
        markClean(subForm);
        status.textContent = done(values);
        subForm.querySelector('input').focus();
      } catch (error) {
        showApiError({ form: subForm, summary: formSummary, error, idPrefix });
      } finally {
        submit.disabled = false;
      }
    });
    return subForm;
  }

  const value = (scope, selector) => scope.querySelector(selector).value;

  const officerForm = addForm({
    id: 'officer-form', idPrefix: 'officer_', submitId: 'add-officer', submitLabel: 'Add officer', command: 'add_officer',
    fields: [
      textField({ id: 'officer_name', name: 'name', label: 'Name', width: 'medium' }),
      textField({ id: 'officer_job_title', name: 'job_title', label: 'Job title', width: 'medium' }),
      textField({ id: 'officer_service_area', name: 'service_area', label: 'Service area', hint: 'The service they work in. Choose from the list or type a new one.', list: 'officer-service-area-options', width: 'medium' }),
      serviceAreaOptions,
      textField({ id: 'officer_email', name: 'email', label: 'Email address (optional)', type: 'email', width: 'medium', spellcheck: 'false' }),
      textField({ id: 'officer_phone', name: 'phone', label: 'Phone number (optional)', type: 'tel', width: 'medium' }),
      checkboxesField({
        id: 'officer_roles', name: 'roles', legend: 'Roles', field: 'roles', items: roleItems(state.reference),
        hint: 'What they may do in the complaints procedure. Tick all that apply.',
      }),
    ],
    args: (f) => ({ input: {
      name: value(f, '#officer_name'), job_title: value(f, '#officer_job_title'), service_area: value(f, '#officer_service_area'),
      email: value(f, '#officer_email'), phone: value(f, '#officer_phone'), roles: tickedValues(f, 'roles'),
    } }),
    done: (values) => `Officer added: ${values.input.name.trim()}`,
  });

  const serviceAreaForm = addForm({
    id: 'service-area-form', idPrefix: 'service_area_', submitId: 'add-service-area', submitLabel: 'Add service area', command: 'add_service_area',
    fields: [textField({ id: 'service_area_name', name: 'name', label: 'New service area', width: 'medium' })],
    args: (f) => ({ name: value(f, '#service_area_name') }),
    done: (values) => `Service area added: ${values.name.trim()}`,
  });

  const categoryForm = addForm({
    id: 'category-form', idPrefix: 'category_', submitId: 'add-category', submitLabel: 'Add category', command: 'add_category',
    fields: [textField({ id: 'category_name', name: 'name', label: 'New category', width: 'medium' })],
    args: (f) => ({ name: value(f, '#category_name') }),
    done: (values) => `Category added: ${values.name.trim()}`,
  });

  const sections = [
    h('section', { class: 'settings-section' },
      h('h2', { id: 'officers-heading' }, 'Officers'),
      officers.wrap, officers.none, officers.status,
      h('h3', {}, 'Add an officer'),
      officerForm),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'service-areas-heading' }, 'Service areas'),
      serviceAreaList,
      h('h3', {}, 'Add a service area'),
      serviceAreaForm),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'categories-heading' }, 'Categories'),
      categoryList,
      h('h3', {}, 'Add a category'),
      categoryForm),
  ];
  return { sections, redraw: drawReference };
}
