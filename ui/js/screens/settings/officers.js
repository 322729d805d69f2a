// Settings' table of officers: each one's details and roles, edited in a row under theirs (one at a time, asking before changes are lost), and retired or brought back.

import { call } from '../../api.js';
import { h, hiddenText, icon, labelFor, tableWrap } from '../../dom.js';
import {
  textField, checkboxesField, tickedValues, buttonGroup, errorSummary, showApiError, clearErrors, guard, markClean, confirmDialog,
} from '../../forms.js';

const OFFICER_COLUMNS = ['Name', 'Job title', 'Service area', 'Contact', 'Roles'];

/** The roles an officer may have, as tick-box items, from the reference data. */
export function roleItems(reference) {
  return (reference.roles ?? []).map((role) => ({ value: role.slug, label: role.label }));
}

/**
 * The officers' table, from the screen's shared `state` (its `reference` data, replaced by each
 * change) and `redraw` (draws every list of the reference data again, this table's through `draw`).
 * Gives the table (`wrap`), the line shown when there are no officers (`none`), the status line and `draw`.
 */
export function officersPanel({ state, redraw }) {
  const officersBody = h('tbody');
  const officersTable = h('table', { class: 'table table--officers', 'aria-labelledby': 'officers-heading' },
    h('thead', {}, h('tr', {},
      OFFICER_COLUMNS.map((label) => h('th', { scope: 'col' }, label)),
      h('th', { scope: 'col' }, hiddenText('Changes')))),
    officersBody);
  const officersStatus = h('p', { class: 'saved-status', role: 'status', id: 'officers-status', tabindex: '-1' });
  const noOfficers = h('p', { hidden: true }, 'No officers yet.');
  const officersWrap = tableWrap(officersTable, 'Officers table');

  /** The officers' status line: what was just done, or (with a symbol and hidden "Error:") what went wrong. */
  function officerStatus(text, { error = false } = {}) {
    officersStatus.classList.toggle('saved-status--error', error);
    officersStatus.replaceChildren(...(error ? [icon('✗'), ' ', hiddenText('Error: '), text] : [text ?? '']));
  }

  /** The Edit or Retire button on an officer's row, found by the officer's name (rows are redrawn after each change). */
  function officerButton(kind, name) {
    return [...officersBody.querySelectorAll(`button[data-${kind}]`)].find((button) => button.getAttribute(`data-${kind}`) === name) ?? null;
  }

  // The officer being edited, if any: {name, row, form, opener}. One at a time.
  let editing = null;

  function closeEditor({ focus = false } = {}) {
    if (!editing) return;
    const { row, opener } = editing;
    row.remove();
    opener.setAttribute('aria-expanded', 'false');
    opener.removeAttribute('aria-controls');
    editing = null;
    if (focus && opener.isConnected) opener.focus();
  }

  /** Whether the open edit form may be put away: asks first when something was changed in it. */
  async function mayCloseEditor() {
    if (!editing || !editing.form.dataset.dirty) return true;
    return confirmDialog({
      title: 'Discard your changes to this officer?',
      text: `You have changed the details of ${editing.name} but not saved them. If you carry on, your changes will be lost.`,
      yes: 'Discard changes',
      no: 'Keep editing',
    });
  }

  /**
   * The row under an officer that edits all their details and roles through update_officer (sent
   * under the name they had). service_area may be null in reference_data; it goes as "".
   */
  function officerEditor(officer, index) {
    const id = `officer-edit-${index}`;
    const prefix = `${id}-`;
    const formSummary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
    const save = h('button', { type: 'submit', class: 'button', id: `save-officer-${index}` }, 'Save changes', hiddenText(` to ${officer.name}`));
    const cancel = h('button', { type: 'button', class: 'button button--secondary', id: `cancel-officer-${index}` }, 'Cancel', hiddenText(`: editing ${officer.name}`));
    const editForm = h('form', { id, class: 'officer-edit', novalidate: true, 'aria-labelledby': `${id}-title`, dataset: { officer: officer.name } },
      h('h3', { class: 'officer-edit__title', id: `${id}-title` }, `Edit ${officer.name}`),
      formSummary,
      h('div', { class: 'officer-edit__fields' },
        textField({ id: `${prefix}name`, name: 'name', label: 'Name', value: officer.name, width: 'medium', field: 'name' }),
        textField({ id: `${prefix}job_title`, name: 'job_title', label: 'Job title', value: officer.job_title ?? '', width: 'medium', field: 'job_title' }),
        textField({
          id: `${prefix}service_area`, name: 'service_area', label: 'Service area', hint: 'Choose from the list or type a new one.',
          value: officer.service_area ?? '', list: 'officer-service-area-options', width: 'medium', field: 'service_area',
        }),
        textField({ id: `${prefix}email`, name: 'email', label: 'Email address (optional)', value: officer.email ?? '', type: 'email', width: 'medium', spellcheck: 'false', field: 'email' }),
        textField({ id: `${prefix}phone`, name: 'phone', label: 'Phone number (optional)', value: officer.phone ?? '', type: 'tel', width: 'medium', field: 'phone' })),
      checkboxesField({
        id: `${prefix}roles`, name: 'roles', legend: 'Roles', field: 'roles', items: roleItems(state.reference), values: officer.roles ?? [],
        hint: 'What they may do in the complaints procedure. Tick all that apply.',
      }),
      buttonGroup(save, cancel));
    guard(editForm);
    const row = h('tr', { class: 'edit-row', id: `${id}-row` }, h('td', { colspan: String(OFFICER_COLUMNS.length + 1) }, editForm));
    cancel.addEventListener('click', () => closeEditor({ focus: true }));
    editForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (save.disabled) return;
      clearErrors(editForm, formSummary);
      officerStatus('');
      const field = (name) => editForm.querySelector(`#${prefix}${name}`).value;
      const input = {
        name: field('name'),
        job_title: field('job_title'),
        service_area: field('service_area'),
        email: field('email'),
        phone: field('phone'),
        roles: tickedValues(editForm, 'roles'),
      };
      save.disabled = true;
      try {
        state.reference = await call('update_officer', { name: officer.name, input });
        markClean(editForm);
        closeEditor();
        redraw();
        const saved = input.name.trim() || officer.name;
        officerStatus(`Changes saved for ${saved}`);
        (officerButton('edit-officer', saved) ?? officersStatus).focus();
      } catch (error) {
        showApiError({ form: editForm, summary: formSummary, error, idPrefix: prefix });
      } finally {
        save.disabled = false;
      }
    });
    return { name: officer.name, row, form: editForm };
  }

  function officerRow(o, index) {
    const retired = o.retired === true;
    const roles = (o.roles ?? []).map((slug) => labelFor(state.reference.roles, slug));
    const contact = [o.email, o.phone].filter(Boolean);
    const edit = h('button', {
      type: 'button', class: 'button button--secondary button--small', id: `edit-officer-${index}`,
      dataset: { editOfficer: o.name }, 'aria-expanded': 'false',
    }, 'Edit', hiddenText(` ${o.name}`));
    const retire = h('button', {
      type: 'button', class: 'button button--secondary button--small', id: `retire-officer-${index}`,
      dataset: { retireOfficer: o.name, retired: String(retired) },
    }, retired ? 'Bring back' : 'Retire', hiddenText(` ${o.name}`));
    const tr = h('tr', { dataset: { officer: o.name, retired: String(retired) }, class: retired ? 'officer--retired' : null },
      h('th', { scope: 'row', class: 'officer-name' }, o.name,
        retired ? [' ', h('strong', { class: 'tag tag--neutral tag--retired', dataset: { retiredTag: 'true' } }, 'Retired')] : null),
      h('td', {}, o.job_title || h('span', { class: 'muted' }, 'Not given')),
      h('td', {}, o.service_area || h('span', { class: 'muted' }, 'Not given')),
      h('td', { class: 'wrap-anywhere' }, contact.length ? contact.map((line) => h('span', { class: 'line' }, line)) : h('span', { class: 'muted' }, 'Not given')),
      h('td', { class: 'roles-cell' }, roles.length ? roles.join(', ') : h('span', { class: 'muted' }, 'None')),
      h('td', { class: 'officer-actions' }, h('div', { class: 'officer-actions__buttons' }, edit, retire)));

    edit.addEventListener('click', async () => {
      const same = editing?.opener === edit;
      if (!(await mayCloseEditor())) return;
      closeEditor({ focus: same });
      if (same) return;
      const editor = officerEditor(o, index);
      tr.after(editor.row);
      editing = { ...editor, opener: edit };
      edit.setAttribute('aria-expanded', 'true');
      edit.setAttribute('aria-controls', editor.row.id);
      editor.form.querySelector('input')?.focus();
    });

    let changing = false;
    retire.addEventListener('click', async () => {
      if (changing) return;
      changing = true;
      retire.setAttribute('aria-disabled', 'true');
      officerStatus('');
      try {
        state.reference = await call('retire_officer', { name: o.name, retired: !retired });
        redraw();
        officerStatus(retired
          ? `${o.name} brought back: offered again for new cases, allocation and review.`
          : `${o.name} retired: kept on their cases and in the history, but no longer offered for new cases, allocation or review.`);
        (officerButton('retire-officer', o.name) ?? officersStatus).focus();
      } catch (error) {
        officerStatus(error.message, { error: true });
      } finally {
        changing = false;
        retire.removeAttribute('aria-disabled');
      }
    });
    return tr;
  }

  function draw() {
    const officers = state.reference.officers ?? [];
    officersBody.replaceChildren(...officers.map(officerRow));
    // An officer being edited stays in their edit form, under their redrawn row.
    if (editing) {
      const opener = officerButton('edit-officer', editing.name);
      if (opener) {
        opener.closest('tr').after(editing.row);
        opener.setAttribute('aria-expanded', 'true');
        opener.setAttribute('aria-controls', editing.row.id);
        editing.opener = opener;
      } else {
        markClean(editing.form);
        editing = null;
      }
    }
    officersWrap.hidden = officers.length === 0;
    noOfficers.hidden = officers.length !== 0;
  }

  return { wrap: officersWrap, none: noOfficers, status: officersStatus, draw };
}
