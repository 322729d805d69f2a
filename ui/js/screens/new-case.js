// The New complaint screen: records a complaint (or service request, or excluded matter) through create_case, offering people already recorded who may be the complainant; or, from an email file read into the form first, through record_email_complaint (or adds the email to the case it names).

import { call } from '../api.js';
import { h, append, icon, hiddenText, screenHeading, caseHref, shortDate, personName, restrictedTag } from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, fieldset, group, buttonGroup, errorMessage,
  errorSummary, showApiError, showErrors, clearErrors, locateField, guard, markClean, markDirty, dateValue, DATE_HINT,
} from '../forms.js';
import { dropZone, sendFile } from '../drop-zone.js';

/** The intake form's fields as the core reads them (reference_data's `intake_fields`), set when the screen opens. */
let FIELDS = [];

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

/* ---------- A complaint from an email ---------- */

const EMAIL_ACCEPT = '.eml,.msg,message/rfc822';

/** A date from the core's email form (ISO, 2026-12-02) as the date fields take it: 02/12/2026. */
function fieldDate(text) {
  const given = String(text ?? '');
  return /^\d{4}-\d{2}-\d{2}$/.test(given) ? dateValue({ iso: given }) : given;
}

/**
 * The email panel (#email-intake): an email file saved from Outlook or another mail program,
 * chosen or dropped, is read by read_email, which holds it until the complaint is recorded with it
 * (record_email_complaint) or it is added to the case its subject names. `fill(form)` puts the
 * email's answers into the New complaint form; `addedToCase(view)` goes to the case it was added to.
 * Returns the panel, `held()` (whether an email is read and not cleared), `clearErrors()` and the
 * file input (where an error about the email is shown).
 */
function emailIntake({ fill, addedToCase }) {
  const summary = errorSummary({ id: 'email-error-summary', level: 'h3' });
  const fileInput = h('input', { class: 'file-upload', type: 'file', id: 'email-file', name: 'file', accept: EMAIL_ACCEPT, 'aria-describedby': 'email-file-hint' });
  const fileGroup = group({
    id: 'email-file', field: 'file', extraClass: 'file-upload-group', control: fileInput,
    label: 'Choose an email saved from Outlook or another mail program (.eml or .msg)',
    hint: 'In Outlook, save the email first (File, Save as), then choose it here. You can also drag the email file from a folder and drop it in this box.',
  });
  const drop = h('div', { id: 'email-drop', class: 'drop-zone' }, fileGroup);
  const status = h('p', { id: 'email-status', class: 'test-status', role: 'status' });
  const result = h('div', { id: 'email-summary', class: 'email-summary', hidden: true });
  const panel = h('section', { id: 'email-intake', class: 'email-intake', 'aria-labelledby': 'email-intake-heading' },
    h('h2', { id: 'email-intake-heading', class: 'email-intake__title' }, 'New complaint from an email'),
    h('p', { class: 'hint' }, 'Redress fills in the form below from the email, and keeps the email and its attachments in the new case’s file.'),
    summary, drop, status, result);
  let held = null; // the email as read_email described it, until cleared
  let busy = false;

  const locate = (field) => (field === 'file' || !field ? fileInput : null);

  function showError(error) {
    showApiError({ form: panel, summary, error, locate });
  }

  function setStatus(text) {
    status.replaceChildren(...(text ? [text] : []));
  }

  function documentItem(document) {
    return h('li', { class: 'email-document', dataset: { risky: document.risky ? 'true' : null } },
      h('span', { class: 'wrap-anywhere' }, document.name ?? ''), ' ', h('span', { class: 'muted' }, `(${document.size ?? ''})`),
      document.risky ? [' ', h('strong', { class: 'tag tag--risky' }, icon('⚠'), ' Program or script: save only')] : null);
  }

  function drawResult(email) {
    const documents = email.documents ?? [];
    const other = email.names_case;
    const clear = h('button', { type: 'button', class: 'button button--secondary', id: 'email-clear' }, 'Clear email');
    clear.addEventListener('click', forget);
    let addButton = null;
    if (other) {
      addButton = h('button', { type: 'button', class: 'button button--secondary', id: 'email-add-to-case' }, `Add the email to ${other} instead`);
      addButton.addEventListener('click', () => addToCase(other, addButton));
    }
    const row = (label, value) => h('div', { class: 'summary-list__row' },
      h('dt', { class: 'summary-list__key' }, label),
      h('dd', { class: 'summary-list__value' }, value || h('span', { class: 'muted' }, 'Not given')));
    result.replaceChildren();
    append(result,
      h('h3', { id: 'email-summary-title', class: 'email-summary__title', tabindex: '-1' }, icon('✓'), ' Read from the email'),
      h('p', {}, 'The form below is filled in from it. Check it, choose the service area and the officer, then record the complaint.'),
      email.forwarded ? h('p', { id: 'email-forwarded' }, 'The complaint was read from a message forwarded inside this email.') : null,
      (email.warnings ?? []).length
        ? h('div', { class: 'inset-text', id: 'email-warnings', role: 'note' },
          h('strong', {}, 'Check before recording'),
          h('ul', { class: 'list list--bullet' }, email.warnings.map((w) => h('li', {}, w))))
        : null,
      h('dl', { class: 'summary-list summary-list--compact email-summary__facts' },
        row('From', email.from), row('Subject', email.subject), row('Sent', email.sent)),
      h('h4', { id: 'email-documents-heading' }, documents.length === 1 ? 'The document it brings' : `The ${documents.length} documents it brings`),
      h('ul', { id: 'email-documents', class: 'list list--bullet', 'aria-labelledby': 'email-documents-heading' }, documents.map(documentItem)),
      other
        ? h('div', { class: 'inset-text', id: 'email-names-case' },
          h('p', {}, `This email names case ${other}.`),
          h('div', { class: 'button-group' }, addButton))
        : null,
      h('div', { class: 'button-group' }, clear));
    result.hidden = false;
  }

  async function read(file) {
    if (busy) return;
    clearErrors(panel, summary);
    busy = true;
    setStatus(`Reading ${file.name}…`);
    try {
      const email = await sendFile('read_email', file, { 'redress-name': file.name });
      held = email;
      fill(email.form ?? {});
      drawResult(email);
      setStatus('');
      result.querySelector('#email-summary-title').focus();
    } catch (error) {
      setStatus('');
      showError(error);
    } finally {
      busy = false;
    }
  }

  function forget() {
    held = null;
    fileInput.value = '';
    result.hidden = true;
    result.replaceChildren();
    clearErrors(panel, summary);
    setStatus('Email cleared. The form keeps what was filled in; recording the complaint will not keep the email.');
    fileInput.focus();
  }

  async function addToCase(reference, button) {
    if (button.disabled) return;
    clearErrors(panel, summary);
    button.disabled = true;
    try {
      const view = await call('add_email_to_case', { reference });
      held = null;
      addedToCase(view);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) read(file);
  });
  dropZone(drop, {
    onFiles: (files) => {
      if (files.length > 1) {
        clearErrors(panel, summary);
        showErrors({ summary, errors: [{ field: 'file', message: 'Drop one email at a time' }], locate });
        return;
      }
      read(files[0]);
    },
  });

  return {
    element: panel,
    held: () => held !== null,
    clearErrors: () => clearErrors(panel, summary),
    fileInput,
  };
}

const slugItems = (list) => (list ?? []).map((item) => ({ value: item.slug, label: item.label }));

export async function render(context) {
  const [info, reference] = await Promise.all([context.appInfo(), call('reference_data')]);
  FIELDS = reference.intake_fields;

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

  /** Puts an email's answers (read_email's `form`, by intake field name) into the form, as if typed. */
  function fillFromEmail(values) {
    for (const [name, given] of Object.entries(values)) {
      if (!FIELDS.includes(name)) continue;
      const control = form.elements.namedItem(name);
      if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) || control.type === 'hidden' || control.type === 'checkbox') continue;
      const text = name.endsWith('_on') ? fieldDate(given) : String(given ?? '');
      // A choice the list does not offer is left as it was.
      if (control instanceof HTMLSelectElement && ![...control.options].some((option) => option.value === text)) continue;
      control.value = text;
      // So that the people who may be the complainant are looked for, as when the details are typed.
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    }
    markDirty(form);
  }

  const email = emailIntake({
    fill: fillFromEmail,
    addedToCase: (view) => {
      markClean(form);
      context.flash(`The email is added to case ${view.reference}`);
      context.navigate(caseHref(view.reference));
    },
  });

  const submit = form.querySelector('#create-case');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    email.clearErrors();
    const input = {};
    for (const name of FIELDS) input[name] = String(form.elements.namedItem(name)?.value ?? '');
    input.anonymous = form.querySelector('#anonymous').checked;
    if (input.triage !== 'excluded') input.exclusion_reason = '';
    // With an email read, the complaint is recorded with it (and its attachments) as documents received.
    const fromEmail = email.held();
    submit.disabled = true;
    try {
      const view = await call(fromEmail ? 'record_email_complaint' : 'create_case', { input });
      markClean(form);
      context.flash(fromEmail ? `Complaint ${view.reference} recorded, with the email in its case file` : `Complaint ${view.reference} recorded`);
      context.navigate(caseHref(view.reference));
    } catch (error) {
      // The email is no longer held (no_email): said on the email's file box, to choose it again.
      const shown = error?.code === 'no_email' ? { message: error.message, field: 'file', errors: [] } : error;
      showApiError({
        form, summary, error: shown,
        locate: (field) => (field === 'file' ? email.fileInput : locate(field)),
      });
    } finally {
      submit.disabled = false;
    }
  });

  const element = h('section', { class: 'screen', dataset: { screen: 'new' } },
    screenHeading('New complaint'),
    h('p', { class: 'lead' }, 'Record a complaint as soon as it arrives. Redress works out its deadlines from the date it was received.'),
    email.element,
    form);
  return { title: 'New complaint', element };
}
