// The fields of the case screen's step forms, one kind of control for each type of field the core describes (text, date, number, officer, checkbox, select, radios, the reviewer, the remedies, the actions): its nodes, how to read its value for the step, and its text for a confirmation.

import { h, hiddenText, labelFor, textOf } from '../../dom.js';
import {
  textField, dateField, textArea, selectField, checkboxField, radiosField, numberField, errorMessage, markDirty, DATE_HINT,
} from '../../forms.js';

/** The id of the datalist of officers that officer fields offer. */
export const OFFICER_LIST_ID = 'step-officer-options';
const WIDTHS = new Set(['short', 'medium', 'long']);

const value = (form, name) => String(form.querySelector(`[name="${CSS.escape(name)}"]`)?.value ?? '');

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

/** The core's reason usually starts with the officer's name; otherwise the name goes first. */
function ineligibleText(officer) {
  const name = textOf(officer.name);
  const reason = String(officer.reason ?? '');
  return reason.startsWith(name) ? reason : `${name} — ${reason}`;
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
export function fieldControl(field, context) {
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
