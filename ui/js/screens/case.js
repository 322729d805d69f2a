// The Case screen: any restriction on contact and the complainant's needs first, then one case's details, current deadlines, the next steps the core allows (as inline forms), its letters (issued, and a preview to issue one), its case file (documents, notes, contacts, the Ombudsman's PDF), actions, stages and history.

import { call } from '../api.js';
import {
  h, append, icon, hiddenText, longDate, shortDate, labelFor, textOf, urgencyTag, daysLeftText, tableWrap, screenHeading, personHref,
} from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, radiosField, numberField, buttonGroup, errorMessage,
  errorSummary, showApiError, showErrors, clearErrors, locateField, guard, markClean, markDirty, confirmDialog, dateValue, DATE_HINT,
} from '../forms.js';
import { letterPage, requirementsList } from '../letter-page.js';
import { caseFileSection } from '../case-file.js';

/* ---------- Small display helpers ---------- */

function muted(text) {
  return h('span', { class: 'muted' }, text);
}

function orNone(value, none = 'Not recorded') {
  return value === null || value === undefined || value === '' ? muted(none) : value;
}

function dateOr(date, none = 'Not yet') {
  return date ? shortDate(date) : muted(none);
}

function row(label, value, attrs = {}) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value', ...attrs }, value));
}

function lines(...parts) {
  const present = parts.filter((part) => part !== null && part !== undefined && part !== '');
  return present.map((part) => h('span', { class: 'line' }, part));
}

function highlight(text) {
  return h('div', { class: 'highlight' }, icon('⚑'), ' ', h('span', { class: 'pre-line' }, text));
}

function money(amount) {
  if (amount === null || amount === undefined || amount === '') return '';
  const number = Number(amount);
  return Number.isFinite(number)
    ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(number)
    : String(amount);
}

function remedyText(remedy, reference) {
  const label = remedy.label || labelFor(reference.remedy_kinds, remedy.kind);
  const parts = [label];
  if (remedy.amount !== null && remedy.amount !== undefined && remedy.amount !== '') parts.push(money(remedy.amount));
  if (remedy.detail) parts.push(remedy.detail);
  return parts.join(': ');
}

/** The core's reason usually starts with the officer's name; otherwise the name goes first. */
function ineligibleText(officer) {
  const name = textOf(officer.name);
  const reason = String(officer.reason ?? '');
  return reason.startsWith(name) ? reason : `${name} — ${reason}`;
}

function currentStage(view) {
  const stages = view.stages ?? [];
  return stages.length ? stages[stages.length - 1] : null;
}

/* ---------- The steps: forms built from the core's step_forms ---------- */

// Each step form is described by the core (view.step_forms, see ui/COMMANDS.md): its label,
// submit text, confirmation, success message and fields. The UI only knows how to draw each
// type of field and read its value back.

const OFFICER_LIST_ID = 'step-officer-options';
const WIDTHS = new Set(['short', 'medium', 'long']);

const value = (form, name) => String(form.querySelector(`[name="${CSS.escape(name)}"]`)?.value ?? '');

/** Replaces each {name} in a text from the core with `values[name]`; unknown names stay as they are. */
function fillIn(text, values) {
  return String(text ?? '').replace(/\{([A-Za-z0-9_-]+)\}/g, (whole, name) => (
    Object.prototype.hasOwnProperty.call(values, name) ? (values[name] === '' ? '(blank)' : values[name]) : whole));
}

/** The text a field starts with: "today" for a date is the view's today, otherwise the default as given. */
function initialValue(field, today) {
  const given = field.default;
  if (given === null || given === undefined) return '';
  if (field.type === 'date' && given === 'today') return today;
  return String(given);
}

const widthOf = (field, fallback) => (WIDTHS.has(field.width) ? field.width : fallback);
const optionItems = (field) => (field.options ?? []).map((option) => ({ value: option.slug, label: option.label }));
const hintOf = (field) => field.hint || undefined;

/** A select with a blank first choice; the chosen option's label is the text confirmations show. */
function selectControl(field, { id, items, placeholder, value: selected, hint }) {
  const node = selectField({
    id, name: field.name, label: field.label, hint, field: field.name,
    items: [{ value: '', label: placeholder }, ...items], value: selected,
  });
  const select = node.querySelector('select');
  return {
    nodes: [node],
    read: () => select.value,
    text: () => (select.value ? select.selectedOptions[0]?.textContent ?? select.value : ''),
    isEmpty: () => select.value === '',
  };
}

/** "Name, Job title (Service area)", leaving out the parts an officer has not got. */
function reviewerLabel(officer) {
  const name = textOf(officer?.name ?? officer);
  const job = typeof officer === 'object' && officer ? String(officer.job_title ?? '').trim() : '';
  const area = typeof officer === 'object' && officer ? String(officer.service_area ?? '').trim() : '';
  return `${name}${job ? `, ${job}` : ''}${area ? ` (${area})` : ''}`;
}

/** The reviewer picker: the eligible officers to choose from and, below, those who cannot review and why. */
function reviewerControl(field, { view, id }) {
  // Each eligible officer is {name, job_title, service_area}; the value sent is the name.
  const eligible = (view.reviewers?.eligible ?? [])
    .map((officer) => ({ value: textOf(officer?.name ?? officer), label: reviewerLabel(officer) }))
    .filter((item) => item.value);
  const ineligible = view.reviewers?.ineligible ?? [];
  const control = selectControl(field, {
    id,
    items: eligible,
    placeholder: eligible.length ? 'Choose a reviewer' : 'No officer can review this stage',
    hint: eligible.length ? hintOf(field) : 'No officer can review this stage. You can add officers in Settings.',
    value: initialValue(field, ''),
  });
  if (ineligible.length) {
    control.nodes.push(h('div', { class: 'ineligible' },
      h('p', { class: 'ineligible__title', id: 'ineligible-reviewers-title' }, 'Officers who cannot review this stage'),
      h('ul', { id: 'ineligible-reviewers', class: 'list list--bullet', 'aria-labelledby': 'ineligible-reviewers-title' },
        ineligible.map((officer) => h('li', {}, ineligibleText(officer))))));
  }
  return control;
}

/**
 * The remedies offered: a tick box per remedy kind with a detail box each, then the one amount box
 * for the financial remedy. Sends the ticked ones as [{kind, detail, amount}].
 */
function remediesControl(field, { id }) {
  const kinds = field.options ?? [];
  // The kind the amount belongs to: one the core marks with `amount: true`, else "financial".
  const amountKind = (kinds.find((kind) => kind.amount === true) ?? kinds.find((kind) => kind.slug === 'financial'))?.slug ?? null;
  const items = kinds.map((kind) => {
    const boxId = `step-remedy-${kind.slug}`;
    const detailId = `step-remedy-detail-${kind.slug}`;
    return h('div', { class: 'remedy' },
      h('div', { class: 'checkbox' },
        h('input', { class: 'checkbox__input', type: 'checkbox', id: boxId, name: 'remedy', value: kind.slug }),
        h('label', { class: 'checkbox__label', for: boxId }, kind.label)),
      h('div', { class: 'sub-field remedy__detail' },
        h('label', { class: 'label label--s', for: detailId }, 'Details', hiddenText(` of the remedy: ${kind.label}`)),
        h('input', { class: 'input input--long', id: detailId, name: `remedy-detail-${kind.slug}`, type: 'text', autocomplete: 'off' })));
  });
  const hint = hintOf(field);
  const nodes = [
    h('div', { class: 'form-group', id: `${id}-group`, dataset: { field: field.name } },
      h('fieldset', { class: 'fieldset', 'aria-describedby': hint ? `${id}-hint` : null },
        h('legend', { class: 'fieldset__legend fieldset__legend--s' }, field.label),
        hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null,
        errorMessage(id),
        h('div', { class: 'remedies' }, items))),
  ];
  if (amountKind) {
    nodes.push(textField({ id: 'step-remedy-amount', name: 'remedy-amount', label: 'Amount, for a financial remedy (£)', width: 'short', inputmode: 'decimal', field: 'amount' }));
  }
  let sent = []; // the kinds ticked when the step was last read, in the order sent
  const boxes = (form) => [...form.querySelectorAll('input[name="remedy"]:checked')];
  return {
    nodes,
    read: (form) => {
      const ticked = boxes(form);
      sent = ticked.map((box) => box.value);
      return ticked.map((box) => ({
        kind: box.value,
        detail: value(form, `remedy-detail-${box.value}`),
        amount: box.value === amountKind ? value(form, 'remedy-amount') : null,
      }));
    },
    text: (form) => boxes(form).map((box) => labelFor(kinds, box.value)).join(', '),
    isEmpty: (form) => boxes(form).length === 0,
    // remedies.N.detail / remedies.N.amount / remedies.N: the Nth remedy sent (from 0).
    locate: (form, [index, part]) => {
      const kind = sent[Number(index)];
      if (kind === undefined) return null;
      if (part === 'amount') return form.querySelector('#step-remedy-amount');
      if (part === 'detail') return form.querySelector(`#step-remedy-detail-${CSS.escape(kind)}`);
      return form.querySelector(`#step-remedy-${CSS.escape(kind)}`);
    },
  };
}

const ACTION_PARTS = { description: 'action-description', owner: 'action-owner', due_on: 'action-due' };

function actionRow(index) {
  const base = `step-action-${index}`;
  return h('fieldset', { class: 'action-row' },
    h('legend', { class: 'action-row__legend' }, `Action ${index}`),
    h('div', { class: 'sub-field sub-field--wide' },
      h('label', { class: 'label label--s', for: `${base}-description` }, 'What will be done'),
      h('input', { class: 'input input--long', id: `${base}-description`, name: 'action-description', type: 'text', autocomplete: 'off' })),
    h('div', { class: 'sub-field' },
      h('label', { class: 'label label--s', for: `${base}-owner` }, 'Who will do it'),
      h('input', { class: 'input input--medium', id: `${base}-owner`, name: 'action-owner', type: 'text', autocomplete: 'off', list: OFFICER_LIST_ID })),
    h('div', { class: 'sub-field' },
      h('label', { class: 'label label--s', for: `${base}-due` }, 'Due by'),
      h('div', { class: 'hint', id: `${base}-due-hint` }, DATE_HINT),
      h('input', { class: 'input input--date', id: `${base}-due`, name: 'action-due', type: 'text', autocomplete: 'off', 'aria-describedby': `${base}-due-hint` })));
}

/** Repeatable action rows (description, owner, due date) with "Add another action". Sends every row. */
function actionsControl(field, { id, form }) {
  const rows = h('div', { class: 'action-rows' }, actionRow(1));
  const addAction = h('button', { type: 'button', class: 'button button--secondary', id: 'add-action-row' }, 'Add another action');
  addAction.addEventListener('click', () => {
    const next = actionRow(rows.children.length + 1);
    rows.append(next);
    markDirty(form);
    next.querySelector('input').focus();
  });
  const hint = hintOf(field);
  const rowEls = () => [...rows.querySelectorAll('.action-row')];
  return {
    nodes: [h('div', { class: 'form-group', id: `${id}-group`, dataset: { field: field.name } },
      h('fieldset', { class: 'fieldset', 'aria-describedby': hint ? `${id}-hint` : null },
        h('legend', { class: 'fieldset__legend fieldset__legend--s' }, field.label),
        hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null,
        errorMessage(id),
        rows,
        addAction))],
    officers: true,
    read: () => rowEls().map((rowEl) => ({
      description: rowEl.querySelector('[name="action-description"]').value,
      owner: rowEl.querySelector('[name="action-owner"]').value,
      due_on: rowEl.querySelector('[name="action-due"]').value,
    })),
    text: () => String(rowEls().filter((rowEl) => [...rowEl.querySelectorAll('input')].some((input) => input.value.trim())).length),
    isEmpty: () => rowEls().every((rowEl) => [...rowEl.querySelectorAll('input')].every((input) => !input.value.trim())),
    // actions.N.description / .owner / .due_on: row N of the list sent (from 0, blank rows included).
    locate: (_form, [index, part]) => {
      const rowEl = rowEls()[Number(index)];
      if (!rowEl) return null;
      return rowEl.querySelector(`[name="${ACTION_PARTS[part] ?? 'action-description'}"]`);
    },
  };
}

/** One field of a step form: its nodes, how to read its value for the step, and its text for a confirmation. */
function fieldControl(field, context) {
  const { form, today, number } = context;
  const id = `step-${field.name}`;
  const name = field.name;
  const plain = (node) => {
    const control = node.querySelector('input, select, textarea');
    return { nodes: [node], read: () => control.value, text: () => control.value, isEmpty: () => control.value.trim() === '' };
  };
  switch (field.type) {
    case 'date':
      return plain(dateField({ id, name, label: field.label, hint: field.hint || DATE_HINT, value: initialValue(field, today), field: name }));
    case 'textarea':
      return plain(textArea({ id, name, label: field.label, hint: hintOf(field), value: initialValue(field, today), rows: field.rows ?? 3, field: name }));
    case 'number':
      return plain(numberField({ id, name, label: field.label, hint: hintOf(field), value: initialValue(field, today), width: widthOf(field, 'short'), field: name }));
    case 'officer':
      return {
        ...plain(textField({ id, name, label: field.label, hint: hintOf(field), value: initialValue(field, today), width: widthOf(field, 'medium'), list: OFFICER_LIST_ID, field: name })),
        officers: true,
      };
    case 'checkbox': {
      const given = field.default;
      const node = checkboxField({ id, name, label: field.label, hint: hintOf(field), checked: given === true || given === 'true', field: name });
      const box = node.querySelector('input');
      return { nodes: [node], read: () => box.checked, text: () => (box.checked ? 'yes' : 'no') };
    }
    case 'select':
      return selectControl(field, { id, items: optionItems(field), placeholder: field.placeholder ?? 'Choose one', value: initialValue(field, today), hint: hintOf(field) });
    case 'radios': {
      const node = radiosField({ id, name, legend: field.label, hint: hintOf(field), items: optionItems(field), value: initialValue(field, today), field: name });
      const checked = () => node.querySelector(`input[name="${CSS.escape(name)}"]:checked`);
      return {
        nodes: [node],
        read: () => checked()?.value ?? '',
        text: () => (checked() ? labelFor(field.options, checked().value) : ''),
        isEmpty: () => !checked(),
      };
    }
    case 'reviewer':
      return reviewerControl(field, { ...context, id });
    case 'remedies':
      return remediesControl(field, { ...context, id });
    case 'actions':
      return actionsControl(field, { ...context, id, form });
    case 'action-number':
      return { nodes: [], read: () => Number(number), text: () => String(number ?? '') };
    case 'text':
    default:
      return plain(textField({ id, name, label: field.label, hint: hintOf(field), value: initialValue(field, today), width: widthOf(field, 'long'), field: name }));
  }
}

// Words that keep their capital in the middle of a sentence.
const KEEPS_CAPITAL = /^(Ombudsman|Ombudsman's|Ombudsman’s)\b/;
// A label that reads on after "Enter" as it is: "Enter what will be done", "Enter the decision".
const READS_ON = /^(the|a|an|what|who|whom|why|how|when|where|which|whether|their|your)\b/i;

/** A field's label as words in a sentence: "Reason for the extension" → "the reason for the extension". */
function phraseOf(label) {
  let text = String(label ?? '').replace(/\s*\(optional\)\s*$/i, '').trim();
  if (!text) return 'this';
  if (!KEEPS_CAPITAL.test(text) && !/^[A-Z]{2}/.test(text)) text = text[0].toLowerCase() + text.slice(1);
  return READS_ON.test(text) ? text : `the ${text}`;
}

/**
 * The GOV.UK-style message for a required field left empty, from its label: "Enter the date the
 * acknowledgement was sent", "Choose the outcome", "Enter the number of extra working days".
 */
function requiredMessage(field) {
  const label = String(field.label ?? '').replace(/\s*\(optional\)\s*$/i, '').trim();
  const phrase = phraseOf(label);
  switch (field.type) {
    case 'reviewer':
      return `Choose ${phrase.replace(/^the /, 'a ')}`;
    case 'select':
    case 'radios':
      return `Choose ${phrase}`;
    case 'remedies':
      return `Choose at least one of ${phrase}`;
    case 'actions':
      return `Enter at least one of ${phrase}`;
    case 'number':
      return /^(the )?number\b/i.test(phrase) ? `Enter ${phrase}` : `Enter the number of ${phrase.replace(/^the /, '')}`;
    case 'date':
      return /\bdate\b/i.test(phrase) ? `Enter ${phrase}` : `Enter the date for ‘${label}’`;
    default:
      return `Enter ${phrase}`;
  }
}

/**
 * Builds the form for one of view.step_forms. Returns the form, its error summary and submit
 * button, `read()` giving the step object to send, `texts()` giving each field's value as text
 * (for the {name} placeholders) and `locate(field)` finding the control an error names.
 */
function buildStepForm(spec, { view, reference, today, number }) {
  const form = h('form', { class: 'step-form', dataset: { stepForm: spec.kind }, novalidate: true, 'aria-labelledby': 'step-form-title' });
  const context = { form, view, reference, today, number };
  const controls = (spec.fields ?? []).map((field) => ({ field, ...fieldControl(field, context) }));
  const summary = errorSummary({ level: 'h4' });
  const title = h('h3', { class: 'step-form__title', id: 'step-form-title' });
  const submit = h('button', { type: 'submit', class: 'button' }, spec.submit || spec.label);
  const cancel = h('button', { type: 'button', class: 'button button--secondary', dataset: { cancel: '' } }, 'Cancel');
  const officerList = controls.some((control) => control.officers)
    ? h('datalist', { id: OFFICER_LIST_ID }, (reference.officers ?? []).filter((o) => !o.retired).map((o) => h('option', { value: o.name })))
    : null;
  form.append(title, summary, ...controls.flatMap((control) => control.nodes), officerList ?? '', buttonGroup(submit, cancel));

  const read = () => {
    const step = { kind: spec.kind };
    for (const { field, read: readField } of controls) step[field.name] = readField(form);
    return step;
  };
  const texts = () => Object.fromEntries(controls.map(({ field, text }) => [field.name, String(text(form) ?? '')]));
  const locate = (name) => {
    const [head, ...rest] = String(name).replace(/\[(\d+)\]/g, '.$1').split('.');
    const owner = rest.length ? controls.find((control) => control.field.name === head) : null;
    return owner?.locate?.(form, rest) ?? locateField(form, rest.length ? head : name);
  };
  // Every required field left empty, as [{field, message}], checked before anything is asked or sent.
  const missing = () => controls
    .filter(({ field, isEmpty }) => field.required && typeof isEmpty === 'function' && isEmpty(form))
    .map(({ field }) => ({ field: field.name, message: requiredMessage(field) }));
  title.textContent = fillIn(spec.label, texts());
  return { form, summary, submit, cancel, read, texts, locate, missing };
}

/* ---------- The screen ---------- */

export async function render(context) {
  let reference;
  try {
    reference = decodeURIComponent(context.params[0]);
  } catch {
    reference = context.params[0];
  }
  const [initial, refData, info] = await Promise.all([
    call('get_case', { reference }),
    call('reference_data'),
    context.appInfo(),
  ]);
  const today = dateValue(info.today);

  const heading = screenHeading();
  const notice = h('div', { id: 'step-done', class: 'notice notice--success', role: 'status', hidden: true });
  const body = h('div', { class: 'case-body' });
  const element = h('section', { class: 'screen', dataset: { screen: 'case' } }, heading, notice, body);

  let view = initial;
  let open = null; // {form, opener}
  // The letter panel of the Letters section, as drawn now (see lettersSection).
  let letterPanel = { isOpen: () => false, isDirty: () => false, close: () => {}, clearErrors: () => {} };
  // The history as drawn now: drawn again on its own when the case file changes.
  let timeline = null;
  // Built once: drawing the screen again keeps its forms, and what is typed in them. A note, a
  // contact or a document changes only the case file's lists and the history.
  const caseFile = caseFileSection({
    view: () => view,
    changed: (updated) => {
      view = updated;
      caseFile.paint();
      const next = timelineSection();
      timeline?.replaceWith(next);
      timeline = next;
    },
  });

  /** The success banner at the top: a message (text or nodes). */
  function showNotice(...content) {
    notice.replaceChildren(icon('✓'), ' ', ...content);
    notice.hidden = false;
  }

  /** Clears what an earlier action left on the screen: the success banner and the letters' error summary. */
  function clearMessages() {
    notice.hidden = true;
    notice.replaceChildren();
    letterPanel.clearErrors();
  }

  function closeStep({ focusOpener = false } = {}) {
    if (!open) return;
    const { form, opener } = open;
    form.remove();
    opener?.setAttribute('aria-expanded', 'false');
    open = null;
    if (focusOpener && opener?.isConnected) opener.focus();
  }

  async function openStep(spec, { slot, opener, number }) {
    if (open && open.opener === opener) {
      if (open.form.dataset.dirty && !(await confirmDiscard())) return;
      closeStep({ focusOpener: true });
      return;
    }
    if (open && open.form.dataset.dirty && !(await confirmDiscard())) return;
    if (letterPanel.isOpen()) {
      // One form at a time: a letter being written is put away first.
      if (letterPanel.isDirty() && !(await confirmDiscard())) return;
      letterPanel.close();
    }
    closeStep();
    clearMessages();
    const built = buildStepForm(spec, { view, reference: refData, today, number });
    const { form, summary, submit, cancel } = built;
    guard(form);
    cancel.addEventListener('click', () => closeStep({ focusOpener: true }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      // Every empty required field is reported at once, before any question is asked.
      const missing = built.missing();
      if (missing.length) {
        showErrors({ summary, errors: missing, locate: built.locate });
        return;
      }
      const step = built.read();
      const texts = built.texts();
      if (spec.confirm && !(await confirmDialog({
        title: fillIn(spec.confirm.title, texts),
        text: fillIn(spec.confirm.text, texts),
        yes: spec.confirm.yes || spec.submit || spec.label,
        no: 'Cancel',
      }))) return;
      submit.disabled = true;
      try {
        const updated = await call('case_step', { reference: view.reference, step });
        markClean(form);
        open = null;
        view = updated;
        draw();
        showNotice(fillIn(spec.done || 'Done', texts));
        heading.focus();
        window.scrollTo(0, 0);
      } catch (error) {
        showApiError({ form, summary, error, locate: built.locate });
      } finally {
        submit.disabled = false;
      }
    });
    slot.append(form);
    opener.setAttribute('aria-expanded', 'true');
    open = { form, opener };
    (form.querySelector('input:not([type=hidden]), select, textarea') ?? form).focus();
  }

  function confirmDiscard() {
    return confirmDialog({
      title: 'Discard what you entered?',
      text: 'You have started filling in a form on this case. If you open another one, what you entered will be lost.',
      yes: 'Discard changes',
      no: 'Keep editing',
    });
  }

  function detailsPanel() {
    const c = view.complainant ?? {};
    const rep = view.representative;
    const shownName = c.name || (c.anonymous ? 'Anonymous' : '');
    const name = c.anonymous && shownName !== 'Anonymous' ? `${shownName} (anonymous)` : shownName;
    const personLink = view.person_id !== null && view.person_id !== undefined
      ? h('a', { href: personHref(view.person_id), class: 'link', id: 'person-link' }, 'Person record: all cases of this person')
      : null;
    const complainant = lines(name, c.address && h('span', { class: 'pre-line' }, c.address), c.postcode, c.email, c.phone, personLink);
    const triage = view.triage ?? {};
    const triageLines = lines(
      triage.label ?? labelFor([], triage.slug),
      triage.reason && labelFor(refData.exclusion_reasons, triage.reason),
      triage.note && h('span', { class: 'pre-line' }, `Told: ${triage.note}`));
    const status = view.status ?? {};
    const statusValue = [
      h('span', { id: 'case-status' }, status.label ?? textOf(status)),
      ...lines(status.reason && h('span', { class: 'pre-line' }, status.reason)),
    ];
    return h('section', { class: 'panel case-details' },
      h('h2', { id: 'details-heading', class: 'panel__title' }, 'Complaint details'),
      h('dl', { class: 'summary-list' },
        row('Status', statusValue),
        row('Received', shortDate(view.received)),
        row('Channel', orNone(labelFor(refData.channels, view.channel))),
        row('Triage', triageLines.length ? triageLines : muted('Not recorded')),
        row('Complainant', complainant.length ? complainant : muted('Not given')),
        row('Contact preference', labelFor(refData.contact_methods, c.preferred_contact) || muted('No preference')),
        c.language ? row('Language', c.language) : null,
        row('Vulnerability', c.vulnerability ? highlight(c.vulnerability) : muted('None recorded')),
        row('Adjustments', c.adjustments ? highlight(c.adjustments) : muted('None recorded')),
        row('Representative', rep
          ? lines(rep.name, rep.relationship, rep.consent_on ? `Consent received ${shortDate(rep.consent_on)}` : 'Consent not recorded')
          : muted('None')),
        row('Service area', orNone(view.service_area)),
        row('Category', orNone(view.category)),
        row('Officer', orNone(view.officer, 'Not allocated')),
        row('The complaint', view.description ? h('span', { class: 'pre-line' }, view.description) : muted('Not recorded')),
        row('Outcome sought', view.outcome_sought ? h('span', { class: 'pre-line' }, view.outcome_sought) : muted('Not recorded'))));
  }

  /** The person's active restriction on contact, above everything else on the case. */
  function restrictionBanner() {
    const r = view.restriction;
    if (!r) return null;
    return h('section', { id: 'restriction-banner', class: 'banner banner--warning', 'aria-labelledby': 'restriction-banner-title', dataset: { restriction: r.number } },
      h('h2', { id: 'restriction-banner-title', class: 'banner__title' }, icon('⚠'), ' Contact restricted'),
      h('p', { class: 'banner__contact' }, h('strong', {}, 'What contact is allowed: '), h('span', { class: 'pre-line' }, r.contact || 'Not recorded')),
      h('p', { class: 'banner__due' }, r.review_due
        ? [h('strong', { class: 'tag tag--overdue' }, icon('⚠'), ' Review due'), ' ', longDate(r.review_on)]
        : ['Review due ', longDate(r.review_on)]),
      view.person_id !== null && view.person_id !== undefined
        ? h('p', { class: 'banner__link' }, h('a', { href: personHref(view.person_id), class: 'link', id: 'see-restriction' }, 'See the restriction'))
        : null);
  }

  /** The complainant's vulnerability and adjustments, shown at the top when there are any. */
  function needsPanel() {
    const c = view.complainant ?? {};
    if (!c.vulnerability && !c.adjustments) return null;
    return h('section', { id: 'case-needs', class: 'panel panel--needs', 'aria-labelledby': 'case-needs-heading' },
      h('h2', { id: 'case-needs-heading', class: 'panel__title' }, 'Needs and adjustments'),
      h('dl', { class: 'summary-list summary-list--compact' },
        c.vulnerability ? row('Vulnerability', highlight(c.vulnerability)) : null,
        c.adjustments ? row('Adjustments', highlight(c.adjustments)) : null));
  }

  /** The restriction banner and the needs panel, side by side when there is room. */
  function caseAlerts() {
    const alerts = [restrictionBanner(), needsPanel()].filter(Boolean);
    return alerts.length ? h('div', { class: 'case-alerts' }, alerts) : '';
  }

  function nextDue() {
    const due = view.next_due;
    if (!due) return h('div', { id: 'next-due', class: 'next-due' }, h('p', {}, 'Nothing is due on this case.'));
    return h('div', { id: 'next-due', class: ['next-due', `next-due--${due.urgency}`] },
      h('p', { class: 'next-due__what' }, 'Next: ', h('strong', {}, due.what), ' by ', h('strong', {}, longDate(due.date))),
      h('p', { class: 'next-due__state' }, urgencyTag(due.urgency, due.urgency_label), ' ', h('span', { class: 'next-due__days' }, daysLeftText(due))));
  }

  function deadlinesPanel() {
    const stage = currentStage(view);
    const title = stage ? `Stage ${stage.number} deadlines` : 'Deadlines';
    const content = [];
    if (stage?.deadlines) {
      const d = stage.deadlines;
      content.push(h('dl', { class: 'summary-list summary-list--compact' },
        [['acknowledge_by', 'Acknowledge by'], ['respond_by', 'Respond by'], ['extension_limit', 'Extension limit']]
          .map(([key, label]) => row(label, longDate(d[key]), { dataset: { deadline: key, iso: d[key]?.iso } })),
        row('Acknowledged', dateOr(stage.acknowledged)),
        row('Responded', dateOr(stage.responded)),
        row('Extensions', (stage.extensions ?? []).length
          ? `${stage.extensions.length} agreed`
          : muted('None'))));
    } else {
      content.push(h('p', {}, stage ? 'There are no deadlines for this stage.' : 'This case has no stages, so there are no deadlines.'));
    }
    content.push(nextDue());
    return h('section', { id: 'deadlines', class: 'panel panel--deadlines' },
      h('h2', { id: 'deadlines-heading', class: 'panel__title' }, title),
      ...content);
  }

  /** The step forms the core offers now, in its order (view.step_forms). */
  const stepForms = () => view.step_forms ?? [];

  function stepsSection() {
    const specs = stepForms().filter((spec) => !spec.per_action);
    const slot = h('div', { id: 'step-form-slot', class: 'step-form-slot' });
    const buttons = specs.map((spec) => {
      const button = h('button', {
        type: 'button', class: spec.primary === true ? 'button' : 'button button--secondary', dataset: { step: spec.kind, primary: spec.primary === true ? 'true' : null },
        'aria-expanded': 'false', 'aria-controls': 'step-form-slot',
      }, spec.label);
      button.addEventListener('click', () => openStep(spec, { slot, opener: button }));
      return button;
    });
    return h('section', { class: 'case-section' },
      h('h2', { id: 'steps-heading' }, 'Next steps'),
      buttons.length ? h('div', { class: 'step-buttons' }, buttons) : h('p', {}, 'There is nothing to do on this case now.'),
      slot);
  }

  /* ----- Letters: those issued, and a preview of one to issue ----- */

  /** "template version 3" / "default template", and "wording adjusted", for an issued letter or a preview. */
  function templateText(version, edited) {
    const from = Number(version) > 0 ? `template version ${version}` : 'default template';
    return edited ? `${from}, wording adjusted` : from;
  }

  /**
   * Opens an issued letter in the computer's PDF viewer and says so in `target` (a status
   * message): "Opened <path>", or what went wrong.
   */
  async function openLetter(id, target) {
    if (target.dataset.busy) return;
    target.dataset.busy = 'true';
    target.replaceChildren();
    try {
      const result = await call('open_letter', { id });
      target.replaceChildren(h('span', { class: 'saved-status wrap-anywhere' }, `Opened ${result.path}`));
    } catch (error) {
      target.replaceChildren(h('span', { class: 'error-message wrap-anywhere' }, hiddenText('Error: '), error.message));
    } finally {
      delete target.dataset.busy;
    }
  }

  function openButton(letter, target) {
    const button = h('button', {
      type: 'button', class: 'button button--secondary button--small', dataset: { action: 'open-letter', letter: letter.id },
    }, 'Open', hiddenText(`: ${letter.title}, ${shortDate(letter.issued_on)}`));
    button.addEventListener('click', () => openLetter(letter.id, target));
    return button;
  }

  function issuedLetter(letter, target) {
    const missing = letter.missing ?? [];
    return h('li', { class: 'letter-item', dataset: { issuedLetter: letter.id, kind: letter.kind } },
      h('div', { class: 'letter-item__text' },
        h('p', { class: 'letter-item__title' }, h('strong', {}, letter.title ?? letter.kind ?? 'Letter')),
        h('p', { class: 'letter-item__meta' },
          h('span', { class: 'nowrap-date' }, shortDate(letter.issued_on)),
          letter.issued_by ? ` · ${letter.issued_by}` : '',
          ` · ${templateText(letter.template_version, letter.edited)}`),
        missing.length
          ? h('p', { class: 'letter-item__missing' }, icon('⚠'), ' ',
            `Sent without: ${missing.join('; ')}`, letter.reason ? ` (${letter.reason})` : '')
          : null),
      openButton(letter, target));
  }

  function lettersSection() {
    const letters = view.letters ?? {};
    const issued = letters.issued ?? [];
    const available = letters.available ?? [];
    const status = h('p', { id: 'letter-status', class: 'letter-status', role: 'status' });
    const issuedList = issued.length
      ? h('ul', { id: 'letters-issued', class: 'letter-list', 'aria-labelledby': 'letters-issued-heading' },
        issued.map((letter) => issuedLetter(letter, status)))
      : h('p', { id: 'letters-issued' }, 'No letters issued yet.');
    letterPanel = { isOpen: () => false, isDirty: () => false, close: () => {}, clearErrors: () => {} };
    return h('section', { class: 'case-section', id: 'letters', 'aria-labelledby': 'letters-heading' },
      h('h2', { id: 'letters-heading' }, 'Letters'),
      h('h3', { id: 'letters-issued-heading' }, 'Letters issued'),
      issuedList,
      status,
      h('h3', { id: 'letter-write-heading' }, 'Write a letter'),
      available.length ? letterForm(available) : h('p', { id: 'no-letter' }, 'No letter fits this case at the moment.'));
  }

  /**
   * The letter chooser and, once previewed, the letter panel: what the letter must say, the
   * officer's note, reason and choices, the page, its wording to adjust, and Issue.
   */
  function letterForm(available) {
    const summary = errorSummary({ id: 'letter-error-summary', level: 'h4' });
    const kindGroup = selectField({
      id: 'letter-kind', name: 'kind', label: 'Letter', field: 'kind',
      items: available.map((choice) => ({ value: choice.kind, label: choice.title })),
    });
    const kindSelect = kindGroup.querySelector('select');
    const previewButton = h('button', {
      type: 'button', class: 'button button--secondary', id: 'preview-letter', 'aria-controls': 'letter-panel', 'aria-expanded': 'false',
    }, 'Preview letter');
    const panel = h('div', { id: 'letter-panel', class: 'letter-panel', role: 'region', 'aria-labelledby': 'letter-panel-heading', hidden: true });
    const form = h('form', { id: 'letter-form', class: 'letter-form', novalidate: true, 'aria-labelledby': 'letter-write-heading' },
      summary, kindGroup, buttonGroup(previewButton), panel);
    guard(form);

    // The letter being written: its kind, the controls drawn for it, and the latest preview.
    let letter = null;
    let pending = null; // the preview being fetched, if any
    let ticket = 0;

    const chosen = () => available.find((choice) => choice.kind === kindSelect.value) ?? available[0];

    /** The wording to send: the officer's, when it differs from what the template gives; else null. */
    const ownWording = () => {
      if (!letter) return null;
      const text = letter.wording.value;
      return text.trim() && text.trim() !== letter.templateWording.trim() ? text : null;
    };

    const readInput = () => ({
      kind: letter?.kind ?? kindSelect.value,
      note: letter?.note ? letter.note.value : '',
      wording: ownWording(),
      reason: letter?.reason && !letter.reasonGroup.hidden ? letter.reason.value : '',
      acknowledge: letter?.acknowledge ? letter.acknowledge.checked : false,
    });

    const locate = (field) => {
      const control = locateField(form, field, { idPrefix: 'letter-' });
      const details = control?.closest('details');
      if (details) details.open = true;
      return control;
    };

    function showError(error) {
      showApiError({ form, summary, error, locate });
    }

    function close({ focus = false } = {}) {
      ticket += 1;
      letter = null;
      pending = null;
      panel.hidden = true;
      panel.replaceChildren();
      previewButton.setAttribute('aria-expanded', 'false');
      clearErrors(form, summary);
      markClean(form);
      if (focus && previewButton.isConnected) previewButton.focus();
    }

    letterPanel = {
      isOpen: () => letter !== null,
      isDirty: () => Boolean(letter?.edited),
      close: () => close(),
      clearErrors: () => clearErrors(form, summary),
    };

    /** Builds the panel's controls for one kind of letter; the checks and the page are filled in by each preview. */
    function buildPanel(choice) {
      const heading = h('h4', { id: 'letter-panel-heading', class: 'letter-panel__title', tabindex: '-1' }, `Preview: ${choice.title}`);
      const source = h('p', { id: 'letter-source', class: 'hint' });
      const checks = h('div', { id: 'letter-checks', class: 'letter-checks' });
      const reasonGroup = textArea({
        id: 'letter-reason', name: 'reason', field: 'reason', rows: 3, label: 'Why it can go out without this',
        hint: 'The letter is kept with this reason on the case’s history.',
      });
      reasonGroup.hidden = true;
      const reason = reasonGroup.querySelector('textarea');
      reason.required = true;
      let noteGroup = null;
      let note = null;
      if (choice.kind === 'escalation-declined') {
        noteGroup = textArea({
          id: 'letter-note', name: 'note', field: 'note', rows: 4, label: 'Why escalation is declined',
          hint: 'In words the person will read. The letter gives this reason.',
        });
        note = noteGroup.querySelector('textarea');
        note.addEventListener('change', () => refresh());
      }
      const acknowledgeGroup = choice.acknowledges
        ? checkboxField({
          id: 'letter-acknowledge', name: 'acknowledge', field: 'acknowledge', checked: true,
          label: 'Also record the stage as acknowledged today',
        })
        : null;
      acknowledgeGroup?.querySelector('input').addEventListener('change', () => refresh());
      const pageHeading = h('h5', { id: 'letter-page-heading', class: 'letter-panel__subtitle', tabindex: '-1' }, 'The letter');
      const pageSlot = h('div', { id: 'letter-page-slot', class: 'letter-page-slot' });
      const wordingGroup = textArea({
        id: 'letter-wording', name: 'wording', field: 'wording', rows: 16, label: 'Wording of this letter',
        hint: 'Markdown: # for the title, ## for a heading, **bold**, and - or 1. for a list. This changes only this letter, not the template.',
      });
      wordingGroup.querySelector('textarea').classList.add('textarea--code');
      const wording = wordingGroup.querySelector('textarea');
      wording.spellcheck = true;
      const update = h('button', { type: 'button', class: 'button button--secondary', id: 'update-letter-preview' }, 'Update preview');
      update.addEventListener('click', () => refresh({ focusPage: true }));
      const wordingDetails = h('details', { class: 'details disclosure letter-wording', id: 'letter-wording-details' },
        h('summary', { class: 'details__summary', id: 'letter-wording-summary' }, 'Adjust the wording'),
        h('div', { class: 'disclosure__content' }, wordingGroup, buttonGroup(update)));
      const issue = h('button', { type: 'submit', class: 'button', id: 'issue-letter' }, 'Issue letter');
      const cancel = h('button', { type: 'button', class: 'button button--secondary', id: 'cancel-letter' }, 'Cancel');
      cancel.addEventListener('click', () => close({ focus: true }));
      panel.replaceChildren();
      append(panel,
        heading, source,
        h('h5', { id: 'letter-checks-heading', class: 'letter-panel__subtitle' }, 'What the letter must say'),
        checks, reasonGroup, noteGroup, acknowledgeGroup,
        pageHeading,
        pageSlot, wordingDetails,
        buttonGroup(issue, cancel));
      return {
        kind: choice.kind, choice, heading, source, checks, reasonGroup, reason, note, acknowledge: acknowledgeGroup?.querySelector('input') ?? null,
        pageHeading, pageSlot, wording, issue, templateWording: '', shownWording: '', preview: null, edited: false,
      };
    }

    /** Draws a preview the core sent into the panel. */
    function drawPreview(result, sentWording) {
      letter.preview = result;
      if (sentWording === null) {
        // The template's wording follows the note and the acknowledgement; the officer's own stays as they wrote it.
        const typed = letter.wording.value.trim();
        const adjusted = typed !== '' && typed !== letter.templateWording.trim();
        letter.templateWording = result.wording ?? '';
        if (!adjusted) letter.wording.value = letter.templateWording;
      }
      letter.shownWording = result.wording ?? '';
      const from = Number(result.template_version) > 0 ? `version ${result.template_version} of the template` : 'Redress’s default template';
      letter.source.textContent = result.edited ? `Written from ${from}, with the wording adjusted for this letter.` : `Written from ${from}.`;
      const missing = result.missing ?? [];
      letter.checks.replaceChildren(...[
        requirementsList(result.requirements, { id: 'letter-requirements', labelledBy: 'letter-checks-heading' }),
        missing.length
          ? h('div', { class: 'warning-text', id: 'letter-warning' },
            h('span', { class: 'warning-text__icon', 'aria-hidden': 'true' }, '!'),
            h('strong', { class: 'warning-text__text' }, hiddenText('Warning: '),
              `This letter does not say ${missing.join('; ')}. Add it under “Adjust the wording”, or say below why it can go out without it.`))
          : null,
      ].filter(Boolean));
      letter.reasonGroup.hidden = missing.length === 0;
      letter.pageSlot.replaceChildren(letterPage(result.page, { id: 'letter-page', label: `Preview of the letter: ${result.title ?? letter.choice.title}` }));
    }

    /** Asks the core for the letter as it would go out now. */
    function refresh({ focusPage = false } = {}) {
      if (!letter) return Promise.resolve();
      const mine = ++ticket;
      const input = readInput();
      clearErrors(form, summary);
      const run = (async () => {
        try {
          const result = await call('letter_preview', { reference: view.reference, input });
          if (mine !== ticket || !letter) return;
          drawPreview(result, input.wording);
          if (focusPage) letter.pageHeading.focus();
        } catch (error) {
          if (mine !== ticket) return;
          showError(error);
        }
      })();
      pending = run;
      run.finally(() => { if (pending === run) pending = null; });
      return run;
    }

    async function openPanel() {
      if (open) {
        if (open.form.dataset.dirty && !(await confirmDiscard())) return;
        closeStep();
      }
      notice.hidden = true;
      if (letter) {
        await refresh();
        letter?.heading.focus();
        return;
      }
      const choice = chosen();
      const mine = ++ticket;
      clearErrors(form, summary);
      previewButton.disabled = true;
      try {
        const input = { kind: choice.kind, note: '', wording: null, reason: '', acknowledge: Boolean(choice.acknowledges) };
        const result = await call('letter_preview', { reference: view.reference, input });
        if (mine !== ticket) return;
        letter = buildPanel(choice);
        drawPreview(result, null);
        panel.hidden = false;
        previewButton.setAttribute('aria-expanded', 'true');
        markClean(form);
        letter.heading.focus();
      } catch (error) {
        if (mine === ticket) showError(error);
      } finally {
        previewButton.disabled = false;
      }
    }

    previewButton.addEventListener('click', openPanel);

    // Choosing another letter puts away the one previewed (asking first if something was typed in it).
    let lastKind = kindSelect.value;
    form.addEventListener('change', async (event) => {
      if (event.target !== kindSelect) return;
      if (!letter) {
        markClean(form); // only a choice made: nothing to lose yet
        lastKind = kindSelect.value;
        return;
      }
      if (letter.edited && !(await confirmDiscard())) {
        kindSelect.value = lastKind;
        return;
      }
      lastKind = kindSelect.value;
      close();
    });
    // Anything typed or ticked in the panel is work that leaving would lose.
    const edited = (event) => { if (letter && panel.contains(event.target)) letter.edited = true; };
    panel.addEventListener('input', edited);
    panel.addEventListener('change', edited);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!letter || letter.issue.disabled) return;
      if (pending) await pending;
      if (!letter) return;
      // What is issued must be what was seen: changed wording is previewed first.
      if (letter.wording.value.trim() !== letter.shownWording.trim()) {
        await refresh();
        if (!letter || !summary.hidden) return;
        showErrors({
          summary,
          errors: [{ field: null, message: 'The preview now shows your changes to the wording. Check it, then issue the letter.' }],
        });
        return;
      }
      clearErrors(form, summary);
      const input = readInput();
      const { issue } = letter;
      issue.disabled = true;
      try {
        const result = await call('issue_letter', { reference: view.reference, input });
        markClean(form);
        letter = null;
        try {
          view = await call('get_case', { reference: view.reference });
        } catch {
          // The letter is issued; the case is drawn as it was until the screen is next opened.
        }
        draw();
        const saved = h('span', { id: 'letter-issued-status', class: 'notice__status' });
        showNotice(
          h('span', { class: 'wrap-anywhere', id: 'letter-issued' }, `Letter issued and saved as ${result.path}`), ' ',
          openButton(result.letter, saved), saved);
        heading.focus();
        window.scrollTo(0, 0);
      } catch (error) {
        showError(error);
      } finally {
        issue.disabled = false;
      }
    });

    return form;
  }

  function actionsSection() {
    const actions = view.actions ?? [];
    const perAction = stepForms().filter((spec) => spec.per_action);
    const slot = h('div', { id: 'action-form-slot', class: 'step-form-slot' });
    let content;
    if (!actions.length) {
      content = h('p', {}, 'No actions recorded.');
    } else {
      const table = h('table', { class: 'table', 'aria-labelledby': 'actions-heading' },
        h('thead', {}, h('tr', {}, ['Number', 'Action', 'Owner', 'Due', 'Done'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, actions.map((action) => {
          let done;
          if (action.done) {
            done = [icon('✓'), ' ', shortDate(action.done)];
          } else if (perAction.length) {
            done = perAction.map((spec) => {
              const button = h('button', {
                type: 'button', class: ['button', spec.primary !== true && 'button--secondary', 'button--small'], dataset: { step: spec.kind, number: action.number },
                'aria-expanded': 'false', 'aria-controls': 'action-form-slot',
              }, spec.submit || spec.label, hiddenText(`: action ${action.number}`));
              button.addEventListener('click', () => openStep(spec, { slot, opener: button, number: action.number }));
              return button;
            });
          } else {
            done = muted('Not done');
          }
          return h('tr', { dataset: { action: action.number } },
            h('th', { scope: 'row' }, String(action.number)),
            h('td', { class: 'pre-line' }, action.description ?? ''),
            h('td', {}, orNone(action.owner, 'Not given')),
            h('td', { class: 'nowrap-date' }, longDate(action.due)),
            h('td', {}, done));
        })));
      content = tableWrap(table, 'Actions table');
    }
    return h('section', { class: 'case-section' },
      h('h2', { id: 'actions-heading' }, 'Actions'), content, slot);
  }

  function stageRecord(stage) {
    const extensions = (stage.extensions ?? []).map((ext) =>
      h('li', {}, `${ext.days} working ${Number(ext.days) === 1 ? 'day' : 'days'}, agreed ${shortDate(ext.agreed)}`,
        ext.reason ? `: ${ext.reason}` : '', ext.good_reason ? ' (recorded as a good reason to pass the limit)' : ''));
    const remedies = (stage.remedies ?? []).map((remedy) => h('li', {}, remedyText(remedy, refData)));
    const text = (label, content) => (content ? row(label, h('span', { class: 'pre-line' }, content)) : null);
    return h('article', { class: 'stage-record', dataset: { stage: stage.number } },
      h('h3', {}, `Stage ${stage.number}`),
      h('dl', { class: 'summary-list' },
        row('Opened', shortDate(stage.opened)),
        row(stage.number === 1 ? 'Handled by' : 'Reviewer', orNone(stage.handler, 'Not allocated')),
        row('Acknowledged', dateOr(stage.acknowledged)),
        row('Extensions', extensions.length ? h('ul', { class: 'list' }, extensions) : muted('None')),
        row('Responded', dateOr(stage.responded)),
        row('Outcome', stage.outcome ? stage.outcome.label : muted(stage.responded ? 'Not recorded' : 'Not yet')),
        text('Reasons', stage.reasons),
        remedies.length ? row('Remedies', h('ul', { class: 'list' }, remedies)) : null,
        text('Learning', stage.learning),
        text('Improvements', stage.improvements)));
  }

  function stagesSection() {
    const stages = view.stages ?? [];
    return h('section', { class: 'case-section', id: 'stages' },
      h('h2', { id: 'stages-heading' }, 'Stages'),
      stages.length ? stages.map(stageRecord) : h('p', {}, 'No stages.'));
  }

  function referralSection() {
    const r = view.referral;
    if (!r) return null;
    return h('section', { class: 'case-section' },
      h('h2', { id: 'referral-heading' }, 'Ombudsman referral'),
      h('dl', { class: 'summary-list' },
        row('Ombudsman', labelFor(refData.ombudsmen, r.ombudsman)),
        row('Referred', shortDate(r.referred)),
        row('Their reference', orNone(r.their_reference)),
        row('Decision', r.decision ? h('span', { class: 'pre-line' }, r.decision) : muted('Not yet')),
        row('Remedy', r.remedy ? h('span', { class: 'pre-line' }, r.remedy) : muted('None recorded'))));
  }

  function changeText(changeValue) {
    if (changeValue === null || changeValue === undefined || changeValue === '') return '(blank)';
    return typeof changeValue === 'object' ? JSON.stringify(changeValue) : String(changeValue);
  }

  /** The history, newest as the core orders it. Entries' summaries are sentences; `changes` is often empty and then not shown. */
  function timelineSection() {
    const entries = view.timeline ?? [];
    const items = entries.map((entry) => {
      const changes = (entry.changes ?? []).filter((change) => change && change.field);
      return h('li', { class: 'timeline__item' },
        h('p', { class: 'timeline__meta' }, h('strong', {}, entry.at ?? ''), entry.actor ? ` · ${entry.actor}` : ''),
        entry.summary ? h('p', { class: 'timeline__summary' }, entry.summary) : null,
        changes.length
          ? h('details', { class: 'details' },
            h('summary', { class: 'details__summary' }, `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`),
            h('ul', { class: 'list changes' }, changes.map((change) =>
              h('li', {}, `${change.field}: ${changeText(change.before)} → ${changeText(change.after)}`))))
          : null);
    });
    return h('section', { class: 'case-section' },
      h('h2', { id: 'timeline-heading' }, 'History'),
      items.length
        ? h('ol', { id: 'timeline', class: 'timeline', 'aria-labelledby': 'timeline-heading' }, items)
        : h('p', { id: 'timeline', class: 'timeline-empty' }, 'No history recorded.'));
  }

  function draw() {
    heading.replaceChildren(h('span', { class: 'caption' }, view.reference), ' ', view.summary || 'No summary');
    caseFile.paint();
    timeline = timelineSection();
    body.replaceChildren(
      caseAlerts(),
      h('div', { class: 'case-top' },
        h('div', { class: 'case-main' }, stepsSection(), lettersSection(), detailsPanel()),
        h('div', { class: 'case-side' }, deadlinesPanel())),
      // The full width, after the letters and details, so that the documents table fits a laptop.
      caseFile.element,
      actionsSection(),
      stagesSection(),
      referralSection() ?? '',
      timeline);
  }

  draw();
  const flash = context.takeFlash();
  if (flash) showNotice(flash);
  return { title: `Case ${view.reference}`, element };
}
