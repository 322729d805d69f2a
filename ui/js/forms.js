// Form building blocks in the GOV.UK pattern: fields with labels and hints, the error summary, field errors, dirty tracking and the confirm dialog.

import { h, hiddenText } from './dom.js';

export const DATE_HINT = 'For example, 24/11/2026';

/**
 * A DateView as the text a date field starts with: the core's ISO date laid out as DD/MM/YYYY,
 * the form the hint shows and the core reads back. (The core does not read its own display
 * form, "24 Nov 2026", so a pre-filled display date would be refused.)
 */
export function dateValue(date) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date?.iso ?? '');
  return parts ? `${parts[3]}/${parts[2]}/${parts[1]}` : (date?.display ?? '');
}

/* ---------- Fields ---------- */

function describedBy(...ids) {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : null;
}

/** The error message paragraph of a field, hidden until there is an error. */
export function errorMessage(id) {
  return h('p', { class: 'error-message', id: `${id}-error`, hidden: true });
}

function hintFor(id, hint) {
  return hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null;
}

/** Wraps a label, hint, error message and control in a form group. */
export function group({ id, label, hint, control, field, extraClass }) {
  return h('div', { class: ['form-group', extraClass], id: `${id}-group`, dataset: { field } },
    h('label', { class: 'label', for: id }, label),
    hintFor(id, hint),
    errorMessage(id),
    control);
}

/** A one-line text input in its group. `width` is one of date, short, medium, long. */
export function textField({ id, name = id, label, hint, value = '', width = 'long', type = 'text', autocomplete = 'off', inputmode, list, field, spellcheck }) {
  const input = h('input', {
    class: ['input', `input--${width}`], id, name, type, value: value ?? '', autocomplete, inputmode, list,
    spellcheck, 'aria-describedby': describedBy(hint && `${id}-hint`),
  });
  return group({ id, label, hint, control: input, field });
}

/** A date typed as text, with the standard example hint. */
export function dateField({ id, name = id, label, hint = DATE_HINT, value = '', field }) {
  return textField({ id, name, label, hint, value, width: 'date', field });
}

/** A whole number typed as text (GOV.UK advice: not type=number). */
export function numberField({ id, name = id, label, hint, value = '', field, width = 'short' }) {
  return textField({ id, name, label, hint, value: value === null || value === undefined ? '' : String(value), width, inputmode: 'numeric', field });
}

/** A multi-line text box in its group. */
export function textArea({ id, name = id, label, hint, value = '', rows = 4, field }) {
  const area = h('textarea', {
    class: 'textarea', id, name, rows: String(rows), spellcheck: 'true',
    'aria-describedby': describedBy(hint && `${id}-hint`),
  });
  area.value = value ?? '';
  return group({ id, label, hint, control: area, field });
}

/** Options from [{value, label}], with the given value selected. */
export function options(items, selected) {
  return items.map((item) => h('option', { value: item.value, selected: String(item.value) === String(selected ?? '') }, item.label));
}

/** A select in its group. `items` is [{value, label}]. */
export function selectField({ id, name = id, label, hint, items, value = '', field }) {
  const select = h('select', { class: 'select', id, name, 'aria-describedby': describedBy(hint && `${id}-hint`) }, options(items, value));
  return group({ id, label, hint, control: select, field });
}

/** A single checkbox with its label to the right. */
export function checkboxField({ id, name = id, label, hint, checked = false, value = 'yes', field }) {
  const input = h('input', { class: 'checkbox__input', type: 'checkbox', id, name, value, checked, 'aria-describedby': describedBy(hint && `${id}-hint`) });
  return h('div', { class: 'form-group', id: `${id}-group`, dataset: { field } },
    errorMessage(id),
    h('div', { class: 'checkbox' }, input, h('label', { class: 'checkbox__label', for: id }, label)),
    hint ? h('div', { class: 'hint checkbox__hint', id: `${id}-hint` }, hint) : null);
}

/** Radios in a fieldset. `items` is [{value, label}]; each radio's id is `${id}-${value}`. */
export function radiosField({ id, name = id, legend, hint, items, value = '', field, inline = false }) {
  const radios = items.map((item) => {
    const radioId = `${id}-${item.value}`;
    return h('div', { class: 'radio' },
      h('input', { class: 'radio__input', type: 'radio', id: radioId, name, value: item.value, checked: String(item.value) === String(value ?? '') }),
      h('label', { class: 'radio__label', for: radioId }, item.label));
  });
  return h('div', { class: 'form-group', id: `${id}-group`, dataset: { field } },
    h('fieldset', { class: 'fieldset', 'aria-describedby': describedBy(hint && `${id}-hint`) },
      h('legend', { class: 'fieldset__legend fieldset__legend--s' }, legend),
      hintFor(id, hint),
      errorMessage(id),
      h('div', { class: ['radios', inline && 'radios--inline'] }, radios)));
}

/**
 * Tick boxes in a fieldset, all sharing `name`. `items` is [{value, label}]; `values` are the ones
 * ticked; each box's id is `${id}-${value}`.
 */
export function checkboxesField({ id, name = id, legend, hint, items, values = [], field }) {
  const ticked = new Set((values ?? []).map(String));
  const boxes = items.map((item) => {
    const boxId = `${id}-${item.value}`;
    return h('div', { class: 'checkbox' },
      h('input', { class: 'checkbox__input', type: 'checkbox', id: boxId, name, value: item.value, checked: ticked.has(String(item.value)) }),
      h('label', { class: 'checkbox__label', for: boxId }, item.label));
  });
  return h('div', { class: 'form-group', id: `${id}-group`, dataset: { field } },
    h('fieldset', { class: 'fieldset', 'aria-describedby': describedBy(hint && `${id}-hint`) },
      h('legend', { class: 'fieldset__legend fieldset__legend--s' }, legend),
      hintFor(id, hint),
      errorMessage(id),
      h('div', { class: 'checkboxes' }, boxes)));
}

/** The values of the ticked boxes named `name` inside `scope`, in page order. */
export function tickedValues(scope, name) {
  return [...scope.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]:checked`)].map((box) => box.value);
}

/** A group of fields under a legend. */
export function fieldset(legend, ...children) {
  return h('fieldset', { class: 'fieldset fieldset--section' },
    h('legend', { class: 'fieldset__legend fieldset__legend--m' }, legend),
    ...children);
}

/** A row of buttons. */
export function buttonGroup(...buttons) {
  return h('div', { class: 'button-group' }, ...buttons);
}

/** The text of a field as a number when it is one, null when blank, else the text itself (for the core to refuse). */
export function toNumber(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return null;
  const number = Number(trimmed.replace(/^£/, '').replace(/,/g, ''));
  return Number.isFinite(number) ? number : trimmed;
}

/* ---------- Error summary and field errors ---------- */

/** The error summary box: role=alert, takes focus, links to each field. */
export function errorSummary({ id, listId, level = 'h2' } = {}) {
  return h('div', { class: 'error-summary', id, role: 'alert', tabindex: '-1', hidden: true },
    h(level, { class: 'error-summary__title' }, 'There is a problem'),
    h('ul', { class: 'error-summary__list', id: listId }));
}

function removeErrorIds(element) {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !id.endsWith('-error'));
  if (ids.length) element.setAttribute('aria-describedby', ids.join(' '));
  else element.removeAttribute('aria-describedby');
}

/** Hides the summary and every field error inside `scope`. */
export function clearErrors(scope, summary) {
  if (summary) {
    summary.hidden = true;
    summary.querySelector('.error-summary__list')?.replaceChildren();
  }
  for (const groupEl of scope.querySelectorAll('.form-group--error')) groupEl.classList.remove('form-group--error');
  for (const message of scope.querySelectorAll('.error-message')) {
    message.hidden = true;
    message.replaceChildren();
  }
  for (const control of scope.querySelectorAll('.input--error')) control.classList.remove('input--error');
  for (const described of scope.querySelectorAll('[aria-describedby]')) removeErrorIds(described);
}

/**
 * Finds the control an error's field names inside `scope`: a group marked data-field, then an id
 * (with an optional prefix), then a name.
 */
export function locateField(scope, field, { idPrefix = '' } = {}) {
  if (!field) return null;
  const escaped = CSS.escape(field);
  const marked = scope.querySelector(`[data-field="${escaped}"]`);
  if (marked) return marked.querySelector('input, select, textarea') ?? null;
  return scope.querySelector(`#${CSS.escape(idPrefix + field)}`)
    ?? scope.querySelector(`[name="${escaped}"]`);
}

/** Marks one field as in error, next to it. Returns the element to focus from the summary link. */
export function showFieldError(control, message, { visiblePrefix = false } = {}) {
  const groupEl = control.closest('.form-group');
  if (!groupEl) return control;
  groupEl.classList.add('form-group--error');
  const messageEl = groupEl.querySelector('.error-message');
  if (messageEl) {
    // A second problem with the same field goes under the first rather than replacing it.
    const line = visiblePrefix
      ? h('span', { class: 'line' }, `Error: ${message}`)
      : h('span', { class: 'line' }, hiddenText('Error:'), ` ${message}`);
    if (messageEl.hidden) messageEl.replaceChildren(line);
    else messageEl.append(line);
    messageEl.hidden = false;
    const isChoice = control.type === 'radio' || control.type === 'checkbox';
    const fieldsetEl = isChoice ? control.closest('fieldset') : null;
    const describedEl = fieldsetEl && groupEl.contains(fieldsetEl) ? fieldsetEl : control;
    const ids = (describedEl.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (messageEl.id && !ids.includes(messageEl.id)) ids.push(messageEl.id);
    describedEl.setAttribute('aria-describedby', ids.join(' '));
  }
  if (control.matches('input:not([type=checkbox]):not([type=radio]), select, textarea')) control.classList.add('input--error');
  return control;
}

/**
 * Shows errors: each beside its field (when `locate` finds it) and all in the summary, which then
 * takes focus. `errors` is [{field, message}]. The summary lists problems with no field first,
 * then the others in the order their fields come on the page (GOV.UK's advice).
 */
export function showErrors({ summary, errors, locate = () => null, visiblePrefix = false }) {
  const list = summary.querySelector('.error-summary__list');
  list.replaceChildren();
  const located = errors.map(({ field, message }, index) => ({ message, index, control: field ? locate(field) : null }));
  located.sort((a, b) => {
    if (!a.control || !b.control) return (a.control ? 1 : 0) - (b.control ? 1 : 0) || a.index - b.index;
    if (a.control === b.control) return a.index - b.index;
    return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  for (const { control, message } of located) {
    if (control) {
      const target = showFieldError(control, message, { visiblePrefix });
      const link = h('a', { href: `#${target.id}`, class: 'link' }, message);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        target.focus();
        target.scrollIntoView?.({ block: 'center' });
      });
      list.append(h('li', {}, link));
    } else {
      list.append(h('li', {}, message));
    }
  }
  summary.hidden = false;
  summary.focus();
  summary.scrollIntoView?.({ block: 'nearest' });
}

/**
 * The problems an ApiError reports as [{field, message}]: every entry of its `errors` list when
 * the core sent one, otherwise its one `message` (with its `field`, if any).
 */
export function errorsOf(error) {
  const listed = Array.isArray(error?.errors) ? error.errors : [];
  return listed.length ? listed : [{ field: error?.field ?? null, message: error?.message ?? String(error) }];
}

/**
 * Shows an ApiError (or anything with message/field/errors) in a form: every problem in the
 * summary and beside its field. `locate` finds a field's control (by default `locateField`).
 */
export function showApiError({ form, summary, error, idPrefix = '', visiblePrefix = false, locate }) {
  clearErrors(form, summary);
  showErrors({
    summary,
    errors: errorsOf(error),
    locate: locate ?? ((field) => locateField(form, field, { idPrefix })),
    visiblePrefix,
  });
}

/* ---------- Unsaved changes ---------- */

function markDirtyFromEvent(event) {
  event.currentTarget.dataset.dirty = 'true';
}

/** Puts a form under the unsaved-changes guard: editing it marks it dirty until saved. */
export function guard(form) {
  form.dataset.guard = 'true';
  form.addEventListener('input', markDirtyFromEvent);
  form.addEventListener('change', markDirtyFromEvent);
  return form;
}

/** Marks a guarded form dirty after a change made by a button rather than typing. */
export function markDirty(form) {
  form.dataset.dirty = 'true';
}

/** Marks a form as saved. */
export function markClean(form) {
  delete form.dataset.dirty;
}

/** Whether any guarded form inside `root` has unsaved edits. */
export function isDirty(root = document) {
  return root.querySelector('form[data-guard][data-dirty]') !== null;
}

/** Marks every guarded form inside `root` as clean (the user chose to leave). */
export function markAllClean(root = document) {
  for (const form of root.querySelectorAll('form[data-dirty]')) markClean(form);
}

/* ---------- Confirm dialog ---------- */

let dialogOpen = false;

/**
 * Asks a question in the page's modal #confirm-dialog. Resolves true for #confirm-yes,
 * false for #confirm-no or Escape. Focus returns to where it was.
 */
export function confirmDialog({ title, text, yes, no = 'Cancel', tone = 'warning' }) {
  const dialog = document.getElementById('confirm-dialog');
  const yesButton = document.getElementById('confirm-yes');
  const noButton = document.getElementById('confirm-no');
  if (!dialog || dialogOpen) return Promise.resolve(false);
  dialogOpen = true;
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  yesButton.textContent = yes;
  noButton.textContent = no;
  yesButton.className = tone === 'warning' ? 'button button--warning' : 'button';
  const previous = document.activeElement;

  return new Promise((resolve) => {
    const finish = (answer) => {
      yesButton.removeEventListener('click', onYes);
      noButton.removeEventListener('click', onNo);
      dialog.removeEventListener('cancel', onCancel);
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      else dialog.removeAttribute('open');
      dialogOpen = false;
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
      resolve(answer);
    };
    const onYes = () => finish(true);
    const onNo = () => finish(false);
    const onCancel = (event) => { event.preventDefault(); finish(false); };
    yesButton.addEventListener('click', onYes);
    noButton.addEventListener('click', onNo);
    dialog.addEventListener('cancel', onCancel);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    noButton.focus();
  });
}

/** The standard question before leaving a form with unsaved edits. */
export function confirmLeave() {
  return confirmDialog({
    title: 'Leave without saving?',
    text: 'You have changed this form but not saved it. If you leave now, your changes will be lost.',
    yes: 'Leave without saving',
    no: 'Stay',
  });
}
