// The New complaint screen: records a complaint (or service request, or excluded matter) through create_case.

import { call } from '../api.js';
import { h, screenHeading, caseHref } from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, fieldset, buttonGroup,
  errorSummary, showApiError, clearErrors, guard, markClean, dateValue, DATE_HINT,
} from '../forms.js';

const FIELDS = [
  'received_on', 'channel', 'name', 'address', 'postcode', 'email', 'phone', 'preferred_contact',
  'vulnerability', 'adjustments', 'rep_name', 'rep_relationship', 'rep_consent_on', 'service_area',
  'category', 'summary', 'description', 'outcome_sought', 'triage', 'exclusion_reason', 'triage_note', 'officer',
];

const slugItems = (list) => (list ?? []).map((item) => ({ value: item.slug, label: item.label }));

export async function render(context) {
  const [info, reference] = await Promise.all([context.appInfo(), call('reference_data')]);

  const summary = errorSummary({ id: 'error-summary' });
  const channels = slugItems(reference.channels);
  const defaultChannel = channels.some((c) => c.value === 'email') ? 'email' : (channels[0]?.value ?? '');

  const exclusion = selectField({
    id: 'exclusion_reason', label: 'Why it is excluded from the procedure',
    items: [{ value: '', label: 'Choose a reason' }, ...slugItems(reference.exclusion_reasons)],
  });
  exclusion.hidden = true;

  const form = h('form', { id: 'new-case-form', class: 'form', novalidate: true },
    summary,
    dateField({ id: 'received_on', label: 'Date the complaint was received', value: dateValue(info.today) }),
    selectField({ id: 'channel', label: 'How it was received', items: channels, value: defaultChannel }),

    fieldset('Complainant',
      textField({ id: 'name', label: 'Full name', autocomplete: 'off' }),
      checkboxField({ id: 'anonymous', label: 'The complainant wants to stay anonymous', hint: 'Anonymous complaints are still recorded and investigated.' }),
      textArea({ id: 'address', label: 'Address', rows: 3 }),
      textField({ id: 'postcode', label: 'Postcode', width: 'short' }),
      textField({ id: 'email', label: 'Email address', type: 'email', spellcheck: 'false' }),
      textField({ id: 'phone', label: 'Phone number', type: 'tel', width: 'medium' }),
      selectField({ id: 'preferred_contact', label: 'How they prefer to be contacted',
        items: [{ value: '', label: 'No preference' }, ...slugItems(reference.contact_methods)] }),
      textArea({ id: 'vulnerability', label: 'Vulnerability (optional)', hint: 'Anything the officer handling this should know, for example a disability or a difficult time', rows: 2 }),
      textArea({ id: 'adjustments', label: 'Reasonable adjustments (optional)', hint: 'For example, large print letters or phone calls instead of letters', rows: 2 })),

    fieldset('Representative (if someone complains for them)',
      textField({ id: 'rep_name', label: 'Representative’s name', hint: 'For example, an MP, a councillor, an advocate or a relative' }),
      textField({ id: 'rep_relationship', label: 'Their relationship to the complainant', width: 'medium' }),
      dateField({ id: 'rep_consent_on', label: 'Date the complainant’s consent was received', hint: `Leave blank if there is no representative. ${DATE_HINT}` })),

    fieldset('The complaint',
      textField({ id: 'service_area', label: 'Service area', hint: 'Choose from the list or type a new one', list: 'service-area-options' }),
      h('datalist', { id: 'service-area-options' }, (reference.service_areas ?? []).map((name) => h('option', { value: name }))),
      textField({ id: 'category', label: 'Category (optional)', hint: 'Choose from the list or type a new one', list: 'category-options' }),
      h('datalist', { id: 'category-options' }, (reference.categories ?? []).map((name) => h('option', { value: name }))),
      textField({ id: 'summary', label: 'Summary', hint: 'One line that says what the complaint is about' }),
      textArea({ id: 'description', label: 'The complaint', hint: 'In the person’s own words where you can', rows: 6 }),
      textArea({ id: 'outcome_sought', label: 'What they want to happen', rows: 3 })),

    fieldset('Triage',
      selectField({ id: 'triage', label: 'How it will be handled', value: 'complaint', items: [
        { value: 'complaint', label: 'Complaint' },
        { value: 'service-request', label: 'Service request' },
        { value: 'excluded', label: 'Excluded from the procedure' }] }),
      exclusion,
      textArea({ id: 'triage_note', label: 'Why — this is what the person will be told', hint: 'For a service request or an excluded matter, say why it is not being handled as a complaint', rows: 3 })),

    selectField({ id: 'officer', label: 'Officer responsible', items: [
      { value: '', label: 'Not allocated yet' },
      ...(reference.officers ?? []).map((o) => ({ value: o.name, label: o.job_title ? `${o.name}, ${o.job_title}` : o.name }))] }),

    buttonGroup(
      h('button', { class: 'button', type: 'submit', id: 'create-case' }, 'Record complaint'),
      h('a', { class: 'link', href: '#/caseload' }, 'Cancel')));
  guard(form);

  const triage = form.querySelector('#triage');
  const showExclusion = () => { exclusion.hidden = triage.value !== 'excluded'; };
  triage.addEventListener('change', showExclusion);
  showExclusion();

  const submit = form.querySelector('#create-case');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const input = {};
    for (const name of FIELDS) input[name] = String(form.elements.namedItem(name)?.value ?? '');
    input.anonymous = form.querySelector('#anonymous').checked;
    if (input.triage !== 'excluded') input.exclusion_reason = '';
    submit.disabled = true;
    try {
      const view = await call('create_case', { input });
      markClean(form);
      context.flash(`Complaint ${view.reference} recorded`);
      context.navigate(caseHref(view.reference));
    } catch (error) {
      showApiError({ form, summary, error });
    } finally {
      submit.disabled = false;
    }
  });

  const element = h('section', { class: 'screen', dataset: { screen: 'new' } },
    screenHeading('New complaint'),
    h('p', { class: 'lead' }, 'Record a complaint as soon as it arrives. Redress works out its deadlines from the date it was received.'),
    form);
  return { title: 'New complaint', element };
}
