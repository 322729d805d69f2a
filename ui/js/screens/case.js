// The Case screen: one case's details, current deadlines, the next steps the core allows (as inline forms), actions, stages and history.

import { call } from '../api.js';
import {
  h, icon, hiddenText, longDate, labelFor, textOf, urgencyTag, daysLeftText, tableWrap, screenHeading,
} from '../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, radiosField, numberField, buttonGroup,
  errorSummary, showApiError, clearErrors, guard, markClean, markDirty, confirmDialog, toNumber, dateValue, DATE_HINT,
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

/* ---------- The steps ---------- */

const STEP_LABELS = {
  acknowledge: 'Record acknowledgement',
  extend: 'Agree an extension',
  respond: 'Record the response',
  escalate: 'Escalate to stage N',
  refer: 'Record an Ombudsman referral',
  'ombudsman-decision': 'Record the Ombudsman’s decision',
  'ombudsman-complied': 'Record compliance with the Ombudsman’s remedy',
  'action-add': 'Add an action',
  'action-done': 'Mark an action done',
  withdraw: 'Record withdrawal',
  close: 'Close the case',
  reopen: 'Reopen',
  allocate: 'Allocate an officer',
};

function stepLabel(kind, view) {
  const label = STEP_LABELS[kind] ?? kind.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return kind === 'escalate' ? label.replace('N', String((currentStage(view)?.number ?? 0) + 1)) : label;
}

function doneText(kind, step, view) {
  switch (kind) {
    case 'acknowledge': return 'Acknowledgement recorded';
    case 'extend': return 'Extension recorded';
    case 'respond': return 'Response recorded';
    case 'escalate': return `Escalated to stage ${currentStage(view)?.number ?? ''}`.trim();
    case 'refer': return 'Ombudsman referral recorded';
    case 'ombudsman-decision': return 'Ombudsman’s decision recorded';
    case 'ombudsman-complied': return 'Compliance with the Ombudsman’s remedy recorded';
    case 'action-add': return 'Action added';
    case 'action-done': return `Action ${step.number} marked done`;
    case 'withdraw': return 'Withdrawal recorded';
    case 'close': return 'Case closed';
    case 'reopen': return 'Case reopened';
    case 'allocate': return 'Officer allocated';
    default: return 'Step recorded';
  }
}

const value = (form, name) => String(form.querySelector(`[name="${CSS.escape(name)}"]`)?.value ?? '');

/** Fields, the step object and the confirmation question for each kind of step. */
function stepSpec(kind, { view, reference, today, number }) {
  const on = (label) => dateField({ id: 'step-on', name: 'on', label, value: today });
  const reasonArea = (label) => textArea({ id: 'step-reason', name: 'reason', label, rows: 3 });
  const officerList = h('datalist', { id: 'step-officer-options' }, (reference.officers ?? []).map((o) => h('option', { value: o.name })));
  const nextStage = (currentStage(view)?.number ?? 0) + 1;

  switch (kind) {
    case 'acknowledge':
      return {
        title: 'Record the acknowledgement',
        fields: () => [on('Date the acknowledgement was sent')],
        step: (form) => ({ kind, on: value(form, 'on') }),
      };
    case 'extend':
      return {
        title: 'Agree an extension',
        fields: () => [
          on('Date the extension was agreed with the complainant'),
          numberField({ id: 'step-days', name: 'days', label: 'Extra working days' }),
          textArea({ id: 'step-reason', name: 'reason', label: 'Reason for the extension', hint: 'The complainant will be told this reason and the new date', rows: 3 }),
          checkboxField({ id: 'step-good_reason', name: 'good_reason', label: 'This is a good reason to go beyond the policy’s limit' }),
        ],
        step: (form) => ({
          kind,
          on: value(form, 'on'),
          days: toNumber(value(form, 'days')),
          reason: value(form, 'reason'),
          good_reason: form.querySelector('[name="good_reason"]').checked,
        }),
      };
    case 'respond':
      return {
        title: 'Record the response',
        fields: (form) => respondFields(form, reference, today, officerList),
        step: (form) => respondStep(form, kind),
      };
    case 'escalate': {
      const eligible = (view.reviewers?.eligible ?? []).map(textOf);
      const ineligible = view.reviewers?.ineligible ?? [];
      return {
        title: `Escalate to stage ${nextStage}`,
        fields: () => [
          on('Date the escalation request was received'),
          selectField({
            id: 'step-reviewer', name: 'reviewer', label: `Reviewer for stage ${nextStage}`,
            hint: eligible.length ? 'Only officers who can review this stage are listed' : 'No officer can review this stage. You can add officers in Settings.',
            items: [{ value: '', label: eligible.length ? 'Choose a reviewer' : 'No officer can review this stage' },
              ...eligible.map((name) => ({ value: name, label: name }))],
          }),
          ineligible.length
            ? h('div', { class: 'ineligible' },
              h('p', { class: 'ineligible__title', id: 'ineligible-reviewers-title' }, 'Officers who cannot review this stage'),
              h('ul', { id: 'ineligible-reviewers', class: 'list list--bullet', 'aria-labelledby': 'ineligible-reviewers-title' },
                ineligible.map((officer) => h('li', {}, ineligibleText(officer)))))
            : null,
        ],
        step: (form) => ({ kind, on: value(form, 'on'), reviewer: value(form, 'reviewer') }),
        confirm: (step) => ({
          title: `Escalate to stage ${nextStage}?`,
          text: `Stage ${nextStage} will be opened${step.reviewer ? ` with ${step.reviewer} as the reviewer` : ''}. Check the date and the reviewer before you go on.`,
          yes: 'Escalate',
        }),
      };
    }
    case 'refer':
      return {
        title: 'Record an Ombudsman referral',
        fields: () => [
          on('Date the complainant went to the Ombudsman'),
          selectField({ id: 'step-ombudsman', name: 'ombudsman', label: 'Ombudsman',
            items: [{ value: '', label: 'Choose the Ombudsman' }, ...(reference.ombudsmen ?? []).map((o) => ({ value: o.slug, label: o.label }))] }),
          textField({ id: 'step-their_reference', name: 'their_reference', label: 'The Ombudsman’s reference (optional)', width: 'medium' }),
        ],
        step: (form) => ({ kind, on: value(form, 'on'), ombudsman: value(form, 'ombudsman'), their_reference: value(form, 'their_reference') }),
      };
    case 'ombudsman-decision':
      return {
        title: 'Record the Ombudsman’s decision',
        fields: () => [
          on('Date of the Ombudsman’s decision'),
          textArea({ id: 'step-decision', name: 'decision', label: 'The decision', rows: 3 }),
          textArea({ id: 'step-remedy', name: 'remedy', label: 'What the Ombudsman asked the council to do (optional)', rows: 3 }),
        ],
        step: (form) => ({ kind, on: value(form, 'on'), decision: value(form, 'decision'), remedy: value(form, 'remedy') }),
      };
    case 'action-add':
      return {
        title: 'Add an action',
        fields: () => [
          textField({ id: 'step-description', name: 'description', label: 'What will be done' }),
          textField({ id: 'step-owner', name: 'owner', label: 'Who will do it', hint: 'Choose an officer or type a name', list: 'step-officer-options', width: 'medium' }),
          officerList,
          dateField({ id: 'step-due_on', name: 'due_on', label: 'Due by' }),
        ],
        step: (form) => ({ kind, description: value(form, 'description'), owner: value(form, 'owner'), due_on: value(form, 'due_on') }),
      };
    case 'action-done':
      return {
        title: `Mark action ${number} done`,
        fields: () => [on('Date it was done')],
        step: (form) => ({ kind, number: Number(number), on: value(form, 'on') }),
      };
    case 'withdraw':
      return {
        title: 'Record withdrawal',
        fields: () => [on('Date the complainant withdrew the complaint'), reasonArea('Reason')],
        step: (form) => ({ kind, on: value(form, 'on'), reason: value(form, 'reason') }),
        confirm: () => ({ title: 'Record the withdrawal?', text: 'The complaint will be recorded as withdrawn by the complainant.', yes: 'Record withdrawal' }),
      };
    case 'close':
      return {
        title: 'Close the case',
        fields: () => [on('Date closed'), reasonArea('Why the case is being closed')],
        step: (form) => ({ kind, on: value(form, 'on'), reason: value(form, 'reason') }),
        confirm: () => ({ title: 'Close this case?', text: 'The case will be closed and its deadlines will stop. The history records who closed it and why.', yes: 'Close case' }),
      };
    case 'allocate':
      return {
        title: 'Allocate an officer',
        fields: () => [
          selectField({
            id: 'step-officer', name: 'officer', label: 'Accountable officer',
            hint: 'They handle stage 1 if it has not been answered yet',
            items: [{ value: '', label: 'Choose an officer' }, ...(reference.officers ?? []).map((o) => ({ value: o.name, label: o.service_area ? `${o.name} (${o.service_area})` : o.name }))],
            value: view.officer ?? '',
          }),
        ],
        step: (form) => ({ kind, officer: value(form, 'officer') }),
      };
    case 'reopen':
      return {
        title: 'Reopen the case',
        fields: () => [on('Date reopened'), reasonArea('Why it is being reopened')],
        step: (form) => ({ kind, on: value(form, 'on'), reason: value(form, 'reason') }),
      };
    default:
      return {
        title: stepLabel(kind, view),
        fields: () => [on('Date')],
        step: (form) => ({ kind, on: value(form, 'on') }),
      };
  }
}

function actionRow(index, officerListId) {
  const base = `step-action-${index}`;
  return h('fieldset', { class: 'action-row' },
    h('legend', { class: 'action-row__legend' }, `Action ${index}`),
    h('div', { class: 'sub-field sub-field--wide' },
      h('label', { class: 'label label--s', for: `${base}-description` }, 'What will be done'),
      h('input', { class: 'input input--long', id: `${base}-description`, name: 'action-description', type: 'text', autocomplete: 'off' })),
    h('div', { class: 'sub-field' },
      h('label', { class: 'label label--s', for: `${base}-owner` }, 'Who will do it'),
      h('input', { class: 'input input--medium', id: `${base}-owner`, name: 'action-owner', type: 'text', autocomplete: 'off', list: officerListId })),
    h('div', { class: 'sub-field' },
      h('label', { class: 'label label--s', for: `${base}-due` }, 'Due by'),
      h('div', { class: 'hint', id: `${base}-due-hint` }, DATE_HINT),
      h('input', { class: 'input input--date', id: `${base}-due`, name: 'action-due', type: 'text', autocomplete: 'off', 'aria-describedby': `${base}-due-hint` })));
}

function respondFields(form, reference, today, officerList) {
  const remedyItems = (reference.remedy_kinds ?? []).map((kind) => {
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

  const rows = h('div', { class: 'action-rows' }, actionRow(1, 'step-officer-options'));
  const addAction = h('button', { type: 'button', class: 'button button--secondary', id: 'add-action-row' }, 'Add another action');
  addAction.addEventListener('click', () => {
    const next = actionRow(rows.children.length + 1, 'step-officer-options');
    rows.append(next);
    markDirty(form);
    next.querySelector('input').focus();
  });

  return [
    dateField({ id: 'step-on', name: 'on', label: 'Date the response was sent', value: today }),
    radiosField({ id: 'step-outcome', name: 'outcome', legend: 'Outcome',
      items: (reference.outcomes ?? []).map((o) => ({ value: o.slug, label: o.label })) }),
    textArea({ id: 'step-reasons', name: 'reasons', label: 'Reasons for the decision', hint: 'Refer to the policy, law and good practice that apply', rows: 5 }),
    h('div', { class: 'form-group', id: 'step-remedies-group', dataset: { field: 'remedies' } },
      h('fieldset', { class: 'fieldset', 'aria-describedby': 'step-remedies-hint' },
        h('legend', { class: 'fieldset__legend fieldset__legend--s' }, 'Remedies offered'),
        h('div', { class: 'hint', id: 'step-remedies-hint' }, 'Tick each remedy offered and say what it is'),
        h('p', { class: 'error-message', id: 'step-remedies-error', hidden: true }),
        h('div', { class: 'remedies' }, remedyItems))),
    textField({ id: 'step-remedy-amount', name: 'remedy-amount', label: 'Amount, for a financial remedy (£)', width: 'short', inputmode: 'decimal', field: 'amount' }),
    textArea({ id: 'step-learning', name: 'learning', label: 'What the council has learned (optional)', rows: 3 }),
    textArea({ id: 'step-improvements', name: 'improvements', label: 'Service improvements made (optional)', rows: 3 }),
    h('div', { class: 'form-group', id: 'step-actions-group', dataset: { field: 'actions' } },
      h('fieldset', { class: 'fieldset', 'aria-describedby': 'step-actions-hint' },
        h('legend', { class: 'fieldset__legend fieldset__legend--s' }, 'Outstanding actions'),
        h('div', { class: 'hint', id: 'step-actions-hint' }, 'Anything still to be done after the response, who will do it and by when. Leave blank if there is nothing.'),
        h('p', { class: 'error-message', id: 'step-actions-error', hidden: true }),
        rows,
        addAction,
        officerList)),
  ];
}

function respondStep(form, kind) {
  const remedies = [...form.querySelectorAll('input[name="remedy"]:checked')].map((box) => ({
    kind: box.value,
    detail: value(form, `remedy-detail-${box.value}`),
    amount: box.value === 'financial' ? toNumber(value(form, 'remedy-amount')) : null,
  }));
  const actions = [...form.querySelectorAll('.action-row')]
    .map((rowEl) => ({
      description: rowEl.querySelector('[name="action-description"]').value,
      owner: rowEl.querySelector('[name="action-owner"]').value,
      due_on: rowEl.querySelector('[name="action-due"]').value,
    }))
    .filter((action) => action.description.trim() || action.owner.trim() || action.due_on.trim());
  const outcome = form.querySelector('input[name="outcome"]:checked');
  return {
    kind,
    on: value(form, 'on'),
    outcome: outcome ? outcome.value : null,
    reasons: value(form, 'reasons'),
    remedies,
    learning: value(form, 'learning'),
    improvements: value(form, 'improvements'),
    actions,
  };
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

  async function openStep(kind, { slot, opener, number }) {
    if (open && open.opener === opener) {
      if (open.form.dataset.dirty && !(await confirmDiscard())) return;
      closeStep({ focusOpener: true });
      return;
    }
    if (open && open.form.dataset.dirty && !(await confirmDiscard())) return;
    closeStep();
    notice.hidden = true;
    const spec = stepSpec(kind, { view, reference: refData, today, number });
    const summary = errorSummary({ level: 'h4' });
    const submit = h('button', { type: 'submit', class: 'button' }, kind === 'action-done' ? 'Mark done' : stepLabel(kind, view));
    const cancel = h('button', { type: 'button', class: 'button button--secondary', dataset: { cancel: '' } }, 'Cancel');
    const form = h('form', { class: 'step-form', dataset: { stepForm: kind }, novalidate: true, 'aria-labelledby': 'step-form-title' });
    form.append(
      h('h3', { class: 'step-form__title', id: 'step-form-title' }, spec.title),
      summary,
      ...spec.fields(form).filter(Boolean),
      buttonGroup(submit, cancel));
    guard(form);
    cancel.addEventListener('click', () => closeStep({ focusOpener: true }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      const step = spec.step(form);
      if (spec.confirm && !(await confirmDialog({ ...spec.confirm(step), no: 'Cancel' }))) return;
      submit.disabled = true;
      try {
        const updated = await call('case_step', { reference: view.reference, step });
        markClean(form);
        open = null;
        view = updated;
        draw();
        showNotice(doneText(kind, step, view));
        heading.focus();
        window.scrollTo(0, 0);
      } catch (error) {
        showApiError({ form, summary, error });
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
    const complainant = lines(name, c.address && h('span', { class: 'pre-line' }, c.address), c.postcode, c.email, c.phone);
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

  function stepsSection() {
    const kinds = (view.steps ?? []).filter((kind) => kind !== 'action-done');
    const slot = h('div', { id: 'step-form-slot', class: 'step-form-slot' });
    const buttons = kinds.map((kind) => {
      const button = h('button', {
        type: 'button', class: 'button button--secondary', dataset: { step: kind },
        'aria-expanded': 'false', 'aria-controls': 'step-form-slot',
      }, stepLabel(kind, view));
      button.addEventListener('click', () => openStep(kind, { slot, opener: button }));
      return button;
    });
    return h('section', { class: 'case-section' },
      h('h2', { id: 'steps-heading' }, 'Next steps'),
      buttons.length ? h('div', { class: 'step-buttons' }, buttons) : h('p', {}, 'There is nothing to do on this case now.'),
      slot);
  }

  function actionsSection() {
    const actions = view.actions ?? [];
    const canMarkDone = (view.steps ?? []).includes('action-done');
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
          } else if (canMarkDone) {
            const button = h('button', {
              type: 'button', class: 'button button--secondary button--small', dataset: { actionDone: action.number },
              'aria-expanded': 'false', 'aria-controls': 'action-form-slot',
            }, 'Mark done', hiddenText(`: action ${action.number}`));
            button.addEventListener('click', () => openStep('action-done', { slot, opener: button, number: action.number }));
            done = button;
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
