// The New complaint screen: records a complaint (or service request, or excluded matter) through create_case, offering people already recorded who may be the complainant.

import { call } from '../api.js';
import { h, icon, hiddenText, screenHeading, caseHref, shortDate, personName, restrictedTag } from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, fieldset, buttonGroup, errorMessage,
  errorSummary, showApiError, clearErrors, locateField, guard, markClean, markDirty, dateValue, DATE_HINT,
} from '../forms.js';

const FIELDS = [
  'received_on', 'channel', 'name', 'address', 'postcode', 'email', 'phone', 'preferred_contact',
  'language', 'vulnerability', 'adjustments', 'rep_name', 'rep_relationship', 'rep_consent_on', 'service_area',
  'category', 'summary', 'description', 'outcome_sought', 'triage', 'exclusion_reason', 'triage_note', 'officer',
  'person', 'repeat_of',
];

const MATCH_DEBOUNCE_MS = 300;
const MATCH_FIELDS = ['name', 'email', 'phone', 'postcode'];

/* ---------- People who may be the complainant ---------- */

function contactLine(match) {
  const parts = [match.email, match.phone, match.postcode].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'No contact details recorded';
}

function needsLines(match) {
  return [
    match.vulnerability ? h('p', { class: 'highlight match__need' }, icon('⚑'), ' ', h('strong', {}, 'Vulnerability: '), h('span', { class: 'pre-line' }, match.vulnerability)) : null,
    match.adjustments ? h('p', { class: 'highlight match__need' }, icon('⚑'), ' ', h('strong', {}, 'Adjustments: '), h('span', { class: 'pre-line' }, match.adjustments)) : null,
  ];
}

function monthsText(n) {
  const number = Number(n ?? 0);
  return `${number} ${number === 1 ? 'month' : 'months'}`;
}

/**
 * The likely-match panel (#person-matches): asks match_people as the complainant's details are
 * typed and offers each person found, with their recent cases. Linking is always the officer's
 * choice, written to the hidden `person` and `repeat_of` inputs.
 */
function personMatches({ form, personInput, repeatInput, onExclude, onUndoExclude }) {
  const panel = h('div', { id: 'person-matches', class: 'person-matches', 'aria-live': 'polite', tabindex: '-1' });
  const groupEl = h('div', { class: 'form-group person-matches-group', id: 'person-matches-group' }, errorMessage('person-matches'), panel);
  let result = null; // the last {window_months, matches}
  let linked = null; // {match, repeatOf, excluded}
  let ticket = 0;
  let timer = null;
  let stale = false; // the details changed while linked, so the matches shown after Undo are old

  const field = (name) => form.querySelector(`#${name}`);
  const anonymous = () => field('anonymous').checked;

  function setLink(match, { repeatOf = '', excluded = false } = {}) {
    linked = { match, repeatOf, excluded };
    personInput.value = String(match.id);
    repeatInput.value = repeatOf;
    markDirty(form);
    draw();
  }

  function undo() {
    if (linked?.excluded) onUndoExclude();
    linked = null;
    personInput.value = '';
    repeatInput.value = '';
    markDirty(form);
    draw();
    (panel.querySelector('#person-matches-title') ?? panel).focus();
    if (stale) {
      stale = false;
      look();
    }
  }

  function actionButton(label, { action, match, reference, hidden, primary = false }) {
    const button = h('button', {
      type: 'button', class: ['button', !primary && 'button--secondary', 'button--small'],
      dataset: { action, person: match.id, repeatOf: reference },
    }, label, hidden ? hiddenText(hidden) : null);
    return button;
  }

  function recentCase(match, row) {
    const repeat = actionButton(`Record as a repeat of ${row.reference}`, { action: 'repeat', match, reference: row.reference });
    repeat.addEventListener('click', () => {
      setLink(match, { repeatOf: row.reference });
      panel.querySelector('#person-linked')?.focus();
    });
    const exclude = actionButton('Already considered: exclude', { action: 'exclude', match, reference: row.reference, hidden: ` this complaint as a repeat of ${row.reference}` });
    exclude.addEventListener('click', () => {
      setLink(match, { repeatOf: row.reference, excluded: true });
      onExclude();
    });
    return h('li', { class: 'match-case', dataset: { reference: row.reference } },
      h('p', { class: 'match-case__head' },
        h('strong', {}, row.reference), ` · received ${shortDate(row.received)}`,
        row.service_area ? ` · ${row.service_area}` : '', row.status_label ? ` · ${row.status_label}` : ''),
      row.summary ? h('p', { class: 'match-case__summary' }, row.summary) : null,
      h('div', { class: 'button-group' }, repeat, exclude));
  }

  function matchCard(match, months) {
    const same = actionButton('This is the same person', { action: 'same', match, hidden: `: ${personName(match)}`, primary: false });
    same.addEventListener('click', () => {
      setLink(match);
      panel.querySelector('#person-linked')?.focus();
    });
    const recent = match.recent_cases ?? [];
    return h('li', { class: 'match', dataset: { person: match.id } },
      h('h3', { class: 'match__name' }, personName(match), match.restricted ? [' ', restrictedTag()] : null),
      h('p', { class: 'match__contact' }, contactLine(match)),
      (match.reasons ?? []).length ? h('p', { class: 'match__reasons' }, 'Why they may be the same: ', match.reasons.join('; ')) : null,
      match.exact ? h('p', { class: 'match__exact' }, icon('ℹ'), ' ', 'Same email address: this complaint will be added to their record.') : null,
      needsLines(match),
      h('div', { class: 'button-group' }, same),
      h('h4', { class: 'match__cases-title' }, `Cases in the last ${monthsText(months)}`),
      recent.length
        ? h('ul', { class: 'match-cases' }, recent.map((row) => recentCase(match, row)))
        : h('p', { class: 'muted' }, 'None.'));
  }

  /** Redraws the panel; focus that was on something in it that went stays in the panel. */
  function draw() {
    const hadFocus = panel.contains(document.activeElement) && document.activeElement !== panel;
    paint();
    if (hadFocus && !panel.contains(document.activeElement)) {
      (panel.querySelector('#person-linked') ?? panel.querySelector('#person-matches-title') ?? panel).focus();
    }
  }

  function paint() {
    if (linked) {
      const { match, repeatOf, excluded } = linked;
      const undoButton = h('button', { type: 'button', class: 'button button--secondary button--small', id: 'undo-person-link', dataset: { action: 'undo', person: match.id } },
        'Undo', hiddenText(`: do not link this complaint to ${personName(match)}`));
      undoButton.addEventListener('click', undo);
      let what = '';
      if (repeatOf && excluded) what = `, as already considered in ${repeatOf}`;
      else if (repeatOf) what = `, as a repeat of ${repeatOf}`;
      panel.replaceChildren(h('div', { class: 'person-matches__box person-matches__box--linked' },
        h('p', { id: 'person-linked', class: 'person-matches__linked', tabindex: '-1' },
          icon('✓'), ' ', `Linked to ${personName(match)}${what}`, match.restricted ? [' ', restrictedTag()] : null),
        h('p', { class: 'match__contact' }, contactLine(match)),
        needsLines(match),
        h('div', { class: 'button-group' }, undoButton)));
      return;
    }
    const matches = result?.matches ?? [];
    if (!matches.length) {
      panel.replaceChildren();
      return;
    }
    panel.replaceChildren(h('div', { class: 'person-matches__box' },
      h('h2', { id: 'person-matches-title', class: 'person-matches__title', tabindex: '-1' },
        matches.length === 1 ? 'This may be someone already recorded' : `These ${matches.length} people may be the complainant`),
      h('p', { class: 'hint' }, 'Link the complaint only if you are sure it is the same person. Otherwise carry on: a new record is made.'),
      h('ul', { class: 'match-list' }, matches.map((match) => matchCard(match, result.window_months)))));
  }

  async function look() {
    const mine = ++ticket;
    if (linked) return;
    const values = Object.fromEntries(MATCH_FIELDS.map((name) => [name, field(name).value]));
    if (anonymous() || MATCH_FIELDS.every((name) => !values[name].trim())) {
      result = null;
      draw();
      return;
    }
    try {
      const found = await call('match_people', { input: { ...values, anonymous: anonymous() } });
      if (mine !== ticket || linked) return;
      result = found;
    } catch (error) {
      if (mine !== ticket || linked) return;
      result = null;
      panel.replaceChildren(h('p', { class: 'muted person-matches__problem' }, `Redress could not look for people with these details: ${error.message}`));
      return;
    }
    draw();
  }

  function lookSoon(delay = MATCH_DEBOUNCE_MS) {
    clearTimeout(timer);
    if (linked) {
      stale = true;
      return;
    }
    timer = setTimeout(look, delay);
  }

  for (const name of MATCH_FIELDS) field(name).addEventListener('input', () => lookSoon());
  field('anonymous').addEventListener('change', () => lookSoon(0));

  return { element: groupEl, panel };
}

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

  const personInput = h('input', { type: 'hidden', id: 'person', name: 'person', value: '' });
  const repeatInput = h('input', { type: 'hidden', id: 'repeat_of', name: 'repeat_of', value: '' });
  const matchSlot = h('div', { class: 'person-matches-slot' });

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
      selectField({ id: 'language', label: 'Preferred language',
        items: [{ value: '', label: 'No preference' }, ...slugItems(reference.languages)] }),
      textArea({ id: 'vulnerability', label: 'Vulnerability (optional)', hint: 'Anything the officer handling this should know, for example a disability or a difficult time', rows: 2 }),
      textArea({ id: 'adjustments', label: 'Reasonable adjustments (optional)', hint: 'For example, large print letters or phone calls instead of letters', rows: 2 })),
    personInput, repeatInput,
    matchSlot,

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
      // Retired officers are not offered for new cases.
      ...(reference.officers ?? []).filter((o) => !o.retired)
        .map((o) => ({ value: o.name, label: o.job_title ? `${o.name}, ${o.job_title}` : o.name }))] }),

    buttonGroup(
      h('button', { class: 'button', type: 'submit', id: 'create-case' }, 'Record complaint'),
      h('a', { class: 'link', href: '#/caseload' }, 'Cancel')));
  guard(form);

  const triage = form.querySelector('#triage');
  const showExclusion = () => { exclusion.hidden = triage.value !== 'excluded'; };
  triage.addEventListener('change', showExclusion);
  showExclusion();

  // "Already considered: exclude" records the complaint as excluded; Undo puts back what was there.
  let beforeExclude = null;
  const exclusionSelect = form.querySelector('#exclusion_reason');
  const matches = personMatches({
    form, personInput, repeatInput,
    onExclude: () => {
      beforeExclude ??= { triage: triage.value, reason: exclusionSelect.value };
      triage.value = 'excluded';
      exclusionSelect.value = 'already-decided';
      showExclusion();
      form.querySelector('#triage_note').focus();
    },
    onUndoExclude: () => {
      if (!beforeExclude) return;
      triage.value = beforeExclude.triage;
      exclusionSelect.value = beforeExclude.reason;
      beforeExclude = null;
      showExclusion();
    },
  });
  matchSlot.replaceWith(matches.element);
  const locate = (field) => (field === 'person' || field === 'repeat_of' ? matches.panel : locateField(form, field));

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
      showApiError({ form, summary, error, locate });
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
