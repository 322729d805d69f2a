// The case screen's step forms, built from the core's view.step_forms: each field's control (from step-fields.js), the required fields left empty (in the core's words, each field's `missing`), the {name} placeholders filled in, and the question asked before what was entered is lost.

import { h } from '../../dom.js';
import { buttonGroup, errorSummary, locateField, confirmDialog } from '../../forms.js';
import { fieldControl, OFFICER_LIST_ID } from './step-fields.js';

// Each step form is described by the core (view.step_forms, see ui/COMMANDS.md): its label,
// submit text, confirmation, success message and fields. The UI only knows how to draw each
// type of field and read its value back.

/** Replaces each {name} in a text from the core with `values[name]`; unknown names stay as they are. */
export function fillIn(text, values) {
  return String(text ?? '').replace(/\{([A-Za-z0-9_-]+)\}/g, (whole, name) => (
    Object.prototype.hasOwnProperty.call(values, name) ? (values[name] === '' ? '(blank)' : values[name]) : whole));
}

/**
 * Builds the form for one of view.step_forms. Returns the form, its error summary and submit
 * button, `read()` giving the step object to send, `texts()` giving each field's value as text
 * (for the {name} placeholders) and `locate(field)` finding the control an error names.
 */
export function buildStepForm(spec, { view, reference, today, number }) {
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
    .map(({ field }) => ({ field: field.name, message: field.missing }));
  title.textContent = fillIn(spec.label, texts());
  return { form, summary, submit, cancel, read, texts, locate, missing };
}

/** The step forms the core offers now, in its order. */
export function stepForms(view) {
  return view.step_forms ?? [];
}

/** Asks before what was entered in a step form or a letter is put away. */
export function confirmDiscard() {
  return confirmDialog({
    title: 'Discard what you entered?',
    text: 'You have started filling in a form on this case. If you open another one, what you entered will be lost.',
    yes: 'Discard changes',
    no: 'Keep editing',
  });
}
