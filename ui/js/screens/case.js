// The Case screen: any restriction on contact and the complainant's needs first, then one case's details, current deadlines, the next steps the core allows (as inline forms), actions, stages and history.

import { call } from '../api.js';
import {
  h, icon, hiddenText, longDate, labelFor, textOf, urgencyTag, daysLeftText, tableWrap, screenHeading, personHref,
} from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, radiosField, numberField, buttonGroup, errorMessage,
  errorSummary, showApiError, clearErrors, locateField, guard, markClean, markDirty, confirmDialog, dateValue, DATE_HINT,
} from '../forms.js';

/* ---------- Small display helpers ---------- */

function muted(text) {
  return h('span', { class: 'muted' }, text);
}

function orNone(value, none = 'Not recorded') {
  return value === null || value === undefined || value === '' ? muted(none) : value;
}

function dateOr(date, none = 'Not yet') {
  return date ? longDate(date) : muted(none);
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
  };
}

/** The reviewer picker: the eligible officers to choose from and, below, those who cannot review and why. */
function reviewerControl(field, { view, id }) {
  const eligible = (view.reviewers?.eligible ?? []).map(textOf);
  const ineligible = view.reviewers?.ineligible ?? [];
  const control = selectControl(field, {
    id,
    items: eligible.map((name) => ({ value: name, label: name })),
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
    return { nodes: [node], read: () => control.value, text: () => control.value };
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
    ? h('datalist', { id: OFFICER_LIST_ID }, (reference.officers ?? []).map((o) => h('option', { value: o.name })))
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
  title.textContent = fillIn(spec.label, texts());
  return { form, summary, submit, cancel, read, texts, locate };
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

  function showNotice(text) {
    notice.replaceChildren(icon('✓'), ' ', text);
    notice.hidden = false;
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
    closeStep();
    notice.hidden = true;
    const built = buildStepForm(spec, { view, reference: refData, today, number });
    const { form, summary, submit, cancel } = built;
    guard(form);
    cancel.addEventListener('click', () => closeStep({ focusOpener: true }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
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
        row('Received', longDate(view.received)),
        row('Channel', orNone(labelFor(refData.channels, view.channel))),
        row('Triage', triageLines.length ? triageLines : muted('Not recorded')),
        row('Complainant', complainant.length ? complainant : muted('Not given')),
        row('Contact preference', labelFor(refData.contact_methods, c.preferred_contact) || muted('No preference')),
        c.language ? row('Language', c.language) : null,
        row('Vulnerability', c.vulnerability ? highlight(c.vulnerability) : muted('None recorded')),
        row('Adjustments', c.adjustments ? highlight(c.adjustments) : muted('None recorded')),
        row('Representative', rep
          ? lines(rep.name, rep.relationship, rep.consent_on ? `Consent received ${longDate(rep.consent_on)}` : 'Consent not recorded')
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
        type: 'button', class: spec.primary ? 'button' : 'button button--secondary', dataset: { step: spec.kind },
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
            done = [icon('✓'), ' ', longDate(action.done)];
          } else if (perAction.length) {
            done = perAction.map((spec) => {
              const button = h('button', {
                type: 'button', class: 'button button--secondary button--small', dataset: { step: spec.kind, number: action.number },
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
      h('li', {}, `${ext.days} working ${Number(ext.days) === 1 ? 'day' : 'days'}, agreed ${longDate(ext.agreed)}`,
        ext.reason ? `: ${ext.reason}` : '', ext.good_reason ? ' (recorded as a good reason to pass the limit)' : ''));
    const remedies = (stage.remedies ?? []).map((remedy) => h('li', {}, remedyText(remedy, refData)));
    const text = (label, content) => (content ? row(label, h('span', { class: 'pre-line' }, content)) : null);
    return h('article', { class: 'stage-record', dataset: { stage: stage.number } },
      h('h3', {}, `Stage ${stage.number}`),
      h('dl', { class: 'summary-list' },
        row('Opened', longDate(stage.opened)),
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
        row('Referred', longDate(r.referred)),
        row('Their reference', orNone(r.their_reference)),
        row('Decision', r.decision ? h('span', { class: 'pre-line' }, r.decision) : muted('Not yet')),
        row('Remedy', r.remedy ? h('span', { class: 'pre-line' }, r.remedy) : muted('None recorded'))));
  }

  function changeText(changeValue) {
    if (changeValue === null || changeValue === undefined || changeValue === '') return '(blank)';
    return typeof changeValue === 'object' ? JSON.stringify(changeValue) : String(changeValue);
  }

  function timelineSection() {
    const entries = view.timeline ?? [];
    const items = entries.map((entry) => {
      const changes = entry.changes ?? [];
      return h('li', { class: 'timeline__item' },
        h('p', { class: 'timeline__meta' }, h('strong', {}, entry.at ?? ''), entry.actor ? ` · ${entry.actor}` : ''),
        h('p', { class: 'timeline__summary' }, entry.summary ?? ''),
        changes.length
          ? h('details', { class: 'details' },
            h('summary', { class: 'details__summary' }, `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`),
            h('ul', { class: 'list changes' }, changes.map((change) =>
              h('li', {}, `${change.field}: ${changeText(change.before)} → ${changeText(change.after)}`))))
          : null);
    });
    return h('section', { class: 'case-section' },
      h('h2', { id: 'timeline-heading' }, 'History'),
      h('ol', { id: 'timeline', class: 'timeline', 'aria-labelledby': 'timeline-heading' }, items),
      entries.length ? null : h('p', {}, 'No history recorded.'));
  }

  function draw() {
    heading.replaceChildren(h('span', { class: 'caption' }, view.reference), ' ', view.summary || 'No summary');
    body.replaceChildren(
      caseAlerts(),
      h('div', { class: 'case-top' },
        h('div', { class: 'case-main' }, stepsSection(), detailsPanel()),
        h('div', { class: 'case-side' }, deadlinesPanel())),
      actionsSection(),
      stagesSection(),
      referralSection() ?? '',
      timelineSection());
  }

  draw();
  const flash = context.takeFlash();
  if (flash) showNotice(flash);
  return { title: `Case ${view.reference}`, element };
}
