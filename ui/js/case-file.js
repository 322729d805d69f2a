// The case screen's Case file section: the documents kept with a case (opened, saved, removed with a reason, and added from files chosen or dropped), its notes, its contacts with the complainant, and the case file for the Ombudsman as one PDF.

import { call } from './api.js';
import { h, icon, hiddenText, shortDate, tableWrap } from './dom.js';
import {
  textField, dateField, textArea, selectField, group, buttonGroup, errorSummary, errorsOf,
  showApiError, showErrors, clearErrors, locateField, guard, markClean, DATE_HINT,
} from './forms.js';
import { dropZone, sendFile } from './drop-zone.js';

const DIRECTIONS = [
  { value: 'in', label: 'Received' },
  { value: 'out', label: 'Sent' },
];

// Refusals about one file: the others chosen with it are still added. Any other refusal (the case
// is not there, the data cannot be used) would stop them all, so adding stops there.
const ONE_FILE_CODES = new Set(['bad_document', 'unreadable_file']);

function muted(text) {
  return h('span', { class: 'muted' }, text);
}

function filesText(n) {
  return `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? 'file' : 'files'}`;
}

/** "received" → "Received". */
function capital(text) {
  const words = String(text ?? '');
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/**
 * A status line's message: ✓ and the words, or with `error` ✗, a hidden "Error:" and the words;
 * with `busy`, the words alone (what is being done).
 */
function setStatus(target, text, { error = false, busy = false } = {}) {
  target.classList.toggle('test-status--error', error);
  target.classList.toggle('test-status--busy', busy);
  const lead = busy ? [] : error ? [icon('✗'), ' ', hiddenText('Error: ')] : [icon('✓'), ' '];
  target.replaceChildren(...lead, h('span', { class: 'wrap-anywhere' }, text));
}

function clearStatus(target) {
  target.classList.remove('test-status--error', 'test-status--busy');
  target.replaceChildren();
}

/**
 * Builds the Case file section (#case-file) once for the screen. `paint()` redraws its lists from
 * the case as it is now, leaving the forms, and whatever is typed in them, as they are. `view()`
 * gives the case now; `changed(view)` is given the case after something was added or removed, for
 * the screen to keep it and redraw its history (which then calls paint).
 */
export function caseFileSection({ view, changed }) {
  const reference = () => view().reference;
  const file = () => view().file ?? {};

  /** The file box's hint: the largest file the case file takes (a setting), and dropping. */
  function limitHint() {
    const limit = file().limit_mb;
    const dropping = 'You can also drag files from a folder and drop them in this box: they are added straight away, as chosen above.';
    return limit ? `Each file can be up to ${Number(limit).toLocaleString('en-GB')} MB. ${dropping}` : dropping;
  }

  /* ----- Documents: each opened (never a program or script), saved as a copy, or removed with a reason ----- */

  const documentsStatus = h('p', { id: 'documents-status', class: 'test-status document-status', role: 'status', tabindex: '-1' });
  const documentsSlot = h('div', { id: 'documents-slot' });
  // The document whose removal is being asked about: {id, row (the form's table row), form, opener}.
  let removing = null;
  let saving = false;

  async function saveDocument(document, open) {
    if (saving) return;
    saving = true;
    setStatus(documentsStatus, open ? `Opening ${document.name}…` : `Saving a copy of ${document.name}…`, { busy: true });
    try {
      const result = await call('save_case_document', { reference: reference(), id: document.id, open });
      setStatus(documentsStatus, result.opened ? `Opened ${result.path}` : `Saved as ${result.path}`);
    } catch (error) {
      setStatus(documentsStatus, error.message, { error: true });
    } finally {
      saving = false;
    }
  }

  function closeRemove({ focus = false } = {}) {
    if (!removing) return;
    const { row, form, opener } = removing;
    markClean(form);
    row.remove();
    opener?.setAttribute('aria-expanded', 'false');
    removing = null;
    if (focus && opener?.isConnected) opener.focus();
  }

  /** The inline form under a document's row: why it is being removed, then Remove document or Cancel. */
  function removeForm(document, opener) {
    const summary = errorSummary({ id: 'remove-error-summary', level: 'h4' });
    const reasonGroup = textArea({
      id: 'remove-reason', name: 'reason', field: 'reason', rows: 3, label: 'Why is it being removed?',
      hint: 'The reason is kept on the case’s history.',
    });
    const reason = reasonGroup.querySelector('textarea');
    reason.required = true;
    const submit = h('button', { type: 'submit', class: 'button button--warning', id: 'remove-submit' }, 'Remove document', hiddenText(`: ${document.name}`));
    const cancel = h('button', { type: 'button', class: 'button button--secondary', id: 'remove-cancel' }, 'Cancel');
    const form = h('form', { id: 'remove-form', class: 'document-removal', novalidate: true, 'aria-labelledby': 'remove-form-title' },
      h('h4', { id: 'remove-form-title', class: 'document-removal__title' }, `Remove ${document.name}`),
      summary, reasonGroup, buttonGroup(submit, cancel));
    guard(form);
    cancel.addEventListener('click', () => closeRemove({ focus: true }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      submit.disabled = true;
      try {
        const updated = await call('remove_case_document', { reference: reference(), id: document.id, reason: reason.value });
        markClean(form);
        removing = null;
        changed(updated);
        setStatus(documentsStatus, `Removed ${document.name}`);
        documentsStatus.focus();
      } catch (error) {
        showApiError({ form, summary, error, idPrefix: 'remove-' });
      } finally {
        submit.disabled = false;
      }
    });
    const row = h('tr', { class: 'edit-row document-remove-row', dataset: { removeDocument: document.id } },
      h('td', { colspan: '5' }, form));
    return { id: document.id, row, form, opener };
  }

  function openRemove(document, opener, documentRow) {
    if (removing?.id === document.id) {
      closeRemove({ focus: true });
      return;
    }
    closeRemove();
    removing = removeForm(document, opener);
    documentRow.after(removing.row);
    opener.setAttribute('aria-expanded', 'true');
    removing.form.querySelector('textarea').focus();
  }

  function documentRow(document) {
    const named = hiddenText(`: ${document.name}`);
    const open = document.risky
      ? h('strong', { class: 'tag tag--risky' }, icon('⚠'), ' Program or script: save only')
      : h('button', { type: 'button', class: 'button button--secondary button--small document-open' }, 'Open', named.cloneNode(true));
    if (!document.risky) open.addEventListener('click', () => saveDocument(document, true));
    const save = h('button', { type: 'button', class: 'button button--secondary button--small document-save' }, 'Save a copy', named.cloneNode(true));
    save.addEventListener('click', () => saveDocument(document, false));
    const remove = document.letter
      ? null
      : h('button', { type: 'button', class: 'button button--secondary button--small document-remove', 'aria-expanded': 'false' }, 'Remove', named.cloneNode(true));
    const row = h('tr', { dataset: { documentId: document.id, direction: document.direction, risky: document.risky ? 'true' : null } },
      h('th', { scope: 'row', class: 'document-name' },
        h('span', { class: 'wrap-anywhere' }, document.name ?? ''),
        document.letter ? [' ', h('strong', { class: 'tag tag--neutral' }, 'Letter')] : null),
      h('td', { class: 'nowrap-date' }, capital(document.direction_label), h('span', { class: 'line' }, shortDate(document.on))),
      h('td', { class: 'numeric' }, document.size ?? ''),
      h('td', { class: 'document-description' },
        document.description ? h('span', { class: 'pre-line' }, document.description) : muted('None'),
        document.added_by ? h('span', { class: 'line muted' }, `Added by ${document.added_by}`) : null),
      h('td', { class: 'document-actions' }, h('div', { class: 'document-actions__buttons' }, open, save, remove)));
    remove?.addEventListener('click', () => openRemove(document, remove, row));
    return row;
  }

  function paintDocuments() {
    const documents = file().documents ?? [];
    // A removal being asked about stays open (with its reason) while its document is still listed.
    const kept = removing && documents.some((document) => document.id === removing.id) ? removing : null;
    if (removing && !kept) closeRemove();
    if (!documents.length) {
      documentsSlot.replaceChildren(h('p', { id: 'case-documents' }, 'No documents yet.'));
      return;
    }
    const rows = documents.map((document) => {
      const row = documentRow(document);
      if (kept && document.id === kept.id) {
        const opener = row.querySelector('.document-remove');
        opener?.setAttribute('aria-expanded', 'true');
        kept.opener = opener;
        return [row, kept.row];
      }
      return row;
    });
    const table = h('table', { class: 'table table--documents', id: 'case-documents', 'aria-labelledby': 'documents-heading' },
      h('thead', {}, h('tr', {},
        ['Name', 'Received or sent', 'Size', 'Description'].map((label) => h('th', { scope: 'col' }, label)),
        h('th', { scope: 'col' }, hiddenText('Actions')))),
      h('tbody', {}, rows));
    documentsSlot.replaceChildren(tableWrap(table, 'Documents table'));
  }

  /* ----- Adding files: chosen, or dropped onto the box; each sent as it is, one at a time ----- */

  const attachSummary = errorSummary({ id: 'attach-error-summary', level: 'h4' });
  const directionGroup = selectField({ id: 'attach-direction', name: 'direction', field: 'direction', label: 'Received or sent', items: DIRECTIONS, value: 'in' });
  const directionSelect = directionGroup.querySelector('select');
  const descriptionGroup = textField({
    id: 'attach-description', name: 'description', field: 'description', label: 'Description (optional)',
    hint: 'Given to every file added this time, for example “Photographs of the damp in the bedroom”',
  });
  const descriptionInput = descriptionGroup.querySelector('input');
  const fileInput = h('input', {
    class: 'file-upload', type: 'file', id: 'attach-files', name: 'file', multiple: true, 'aria-describedby': 'attach-files-hint',
  });
  const fileGroup = group({ id: 'attach-files', label: 'Add files to the case file', hint: limitHint(), control: fileInput, field: 'file', extraClass: 'file-upload-group' });
  const fileHint = fileGroup.querySelector('.hint');
  const drop = h('div', { id: 'attach-drop', class: 'drop-zone' }, fileGroup);
  const attachSubmit = h('button', { type: 'submit', class: 'button button--secondary', id: 'attach-submit' }, 'Add files');
  const attachStatus = h('p', { id: 'attach-status', class: 'test-status', role: 'status' });
  // Not under the unsaved-changes guard: files chosen are not typing that leaving would lose.
  const attachForm = h('form', { id: 'attach-form', class: 'case-file-form', novalidate: true, 'aria-labelledby': 'attach-heading' },
    attachSummary, directionGroup, descriptionGroup, drop, buttonGroup(attachSubmit, attachStatus));
  let adding = false;

  const locateAttach = (field) => (field === 'file' ? fileInput : locateField(attachForm, field, { idPrefix: 'attach-' }));

  async function addFiles(files) {
    if (adding) return;
    clearErrors(attachForm, attachSummary);
    clearStatus(attachStatus);
    if (!files.length) {
      showErrors({ summary: attachSummary, errors: [{ field: 'file', message: 'Choose the files to add to the case file' }], locate: locateAttach });
      return;
    }
    adding = true;
    attachSubmit.setAttribute('aria-disabled', 'true');
    const direction = directionSelect.value;
    const description = descriptionInput.value;
    const problems = [];
    let added = 0;
    for (const [index, chosen] of files.entries()) {
      setStatus(attachStatus, files.length > 1 ? `Adding file ${index + 1} of ${files.length}: ${chosen.name}…` : `Adding ${chosen.name}…`, { busy: true });
      try {
        await sendFile('attach_document', chosen, {
          'redress-reference': reference(),
          'redress-name': chosen.name,
          'redress-direction': direction,
          'redress-description': description,
        });
        added += 1;
      } catch (error) {
        problems.push(...errorsOf(error));
        if (!ONE_FILE_CODES.has(error.code)) break;
      }
    }
    if (added) {
      // What was added is not offered again.
      fileInput.value = '';
      if (!problems.length) descriptionInput.value = '';
      try {
        changed(await call('get_case', { reference: reference() }));
      } catch {
        // The files are added; the list shows them when the case is next opened.
      }
    }
    adding = false;
    attachSubmit.removeAttribute('aria-disabled');
    if (added) {
      const notAdded = files.length - added;
      setStatus(attachStatus, notAdded ? `Added ${filesText(added)}. ${filesText(notAdded)} not added: see the problem above` : `Added ${filesText(added)}`);
    } else {
      clearStatus(attachStatus);
    }
    if (problems.length) showErrors({ summary: attachSummary, errors: problems, locate: locateAttach });
  }

  attachForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addFiles([...(fileInput.files ?? [])]);
  });
  fileInput.addEventListener('change', () => clearStatus(attachStatus));
  dropZone(drop, { onFiles: (files) => addFiles(files) });

  /* ----- Notes ----- */

  const notesSlot = h('div', { id: 'notes-slot' });
  const noteSummary = errorSummary({ id: 'note-error-summary', level: 'h4' });
  const noteGroup = textArea({
    id: 'note-text', name: 'text', field: 'text', rows: 4, label: 'Add a note',
    hint: 'What you found out, decided or were told. It is kept with the case and shown in its history.',
  });
  const noteText = noteGroup.querySelector('textarea');
  const noteSubmit = h('button', { type: 'submit', class: 'button button--secondary', id: 'note-submit' }, 'Add note');
  const noteStatus = h('p', { id: 'note-status', class: 'test-status', role: 'status' });
  const noteForm = h('form', { id: 'note-form', class: 'case-file-form', novalidate: true },
    noteSummary, noteGroup, buttonGroup(noteSubmit, noteStatus));
  guard(noteForm);
  noteForm.addEventListener('input', () => clearStatus(noteStatus));

  noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (noteSubmit.disabled) return;
    clearErrors(noteForm, noteSummary);
    clearStatus(noteStatus);
    noteSubmit.disabled = true;
    try {
      const updated = await call('add_case_note', { reference: reference(), text: noteText.value });
      noteText.value = '';
      markClean(noteForm);
      changed(updated);
      setStatus(noteStatus, 'Note added');
    } catch (error) {
      showApiError({ form: noteForm, summary: noteSummary, error, idPrefix: 'note-' });
    } finally {
      noteSubmit.disabled = false;
    }
  });

  function paintNotes() {
    const notes = file().notes ?? [];
    notesSlot.replaceChildren(notes.length
      ? h('ul', { id: 'case-notes', class: 'file-entries', 'aria-labelledby': 'notes-heading' }, notes.map((note) =>
        h('li', { class: 'file-entry', dataset: { noteId: note.id } },
          h('p', { class: 'file-entry__meta' }, h('strong', {}, note.at ?? ''), note.by ? ` · ${note.by}` : ''),
          h('p', { class: 'file-entry__text pre-line' }, note.text ?? ''))))
      : h('p', { id: 'case-notes' }, 'No notes yet.'));
  }

  /* ----- Contacts with the complainant ----- */

  const contactsSlot = h('div', { id: 'contacts-slot' });
  const contactErrors = errorSummary({ id: 'contact-error-summary', level: 'h5' });
  const contactOn = dateField({ id: 'contact-on', name: 'on', field: 'on', label: 'Date of the contact', hint: `Leave blank for today. ${DATE_HINT}` });
  const methodGroup = selectField({ id: 'contact-method', name: 'method', field: 'method', label: 'How you were in touch', items: [{ value: '', label: 'Choose how' }] });
  const methodSelect = methodGroup.querySelector('select');
  const contactSummaryGroup = textArea({ id: 'contact-summary', name: 'summary', field: 'summary', rows: 3, label: 'What was said or agreed' });
  const contactSubmit = h('button', { type: 'submit', class: 'button button--secondary', id: 'contact-submit' }, 'Record contact');
  const contactStatus = h('p', { id: 'contact-status', class: 'test-status', role: 'status' });
  const contactForm = h('form', { id: 'contact-form', class: 'case-file-form', novalidate: true, 'aria-labelledby': 'contact-form-heading' },
    h('h4', { id: 'contact-form-heading', class: 'case-file__subtitle' }, 'Record a contact'),
    contactErrors, contactOn, methodGroup, contactSummaryGroup, buttonGroup(contactSubmit, contactStatus));
  guard(contactForm);
  contactForm.addEventListener('input', () => clearStatus(contactStatus));
  contactForm.addEventListener('change', () => clearStatus(contactStatus));
  const contactValue = (name) => contactForm.querySelector(`[name="${name}"]`).value;

  contactForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (contactSubmit.disabled) return;
    clearErrors(contactForm, contactErrors);
    clearStatus(contactStatus);
    contactSubmit.disabled = true;
    try {
      const updated = await call('record_case_contact', {
        reference: reference(), on: contactValue('on'), method: methodSelect.value, summary: contactValue('summary'),
      });
      for (const control of contactForm.querySelectorAll('input, textarea')) control.value = '';
      methodSelect.value = '';
      markClean(contactForm);
      changed(updated);
      setStatus(contactStatus, 'Contact recorded');
    } catch (error) {
      showApiError({ form: contactForm, summary: contactErrors, error, idPrefix: 'contact-' });
    } finally {
      contactSubmit.disabled = false;
    }
  });

  function paintContacts() {
    const contacts = file().contacts ?? [];
    // The methods come with the case; the choice made stays when they are drawn again.
    const chosen = methodSelect.value;
    methodSelect.replaceChildren(
      h('option', { value: '' }, 'Choose how'),
      ...(file().methods ?? []).map((method) => h('option', { value: method.slug }, method.label)));
    methodSelect.value = chosen;
    contactsSlot.replaceChildren(contacts.length
      ? h('ul', { id: 'case-contacts', class: 'file-entries', 'aria-labelledby': 'contacts-heading' }, contacts.map((contact) =>
        h('li', { class: 'file-entry', dataset: { contactId: contact.id, method: contact.method } },
          h('p', { class: 'file-entry__meta' },
            h('strong', { class: 'nowrap-date' }, shortDate(contact.on)), ` · ${contact.method_label ?? contact.method ?? ''}`,
            contact.by ? ` · ${contact.by}` : ''),
          h('p', { class: 'file-entry__text pre-line' }, contact.summary ?? ''))))
      : h('p', { id: 'case-contacts' }, 'No contacts recorded yet.'));
  }

  /* ----- The case file for the Ombudsman: one PDF, saved and opened ----- */

  const bundleButton = h('button', { type: 'button', class: 'button button--secondary', id: 'make-bundle', 'aria-describedby': 'bundle-hint' }, 'Case file for the Ombudsman');
  const bundleStatus = h('p', { id: 'bundle-status', class: 'test-status', role: 'status' });
  let bundling = false;
  // aria-disabled rather than disabled while it is made, so that keyboard focus stays on the button.
  bundleButton.addEventListener('click', async () => {
    if (bundling) return;
    bundling = true;
    bundleButton.setAttribute('aria-disabled', 'true');
    setStatus(bundleStatus, 'Making the case file…', { busy: true });
    try {
      const result = await call('make_case_bundle', { reference: reference() });
      setStatus(bundleStatus, result.opened
        ? `Saved as ${result.path}`
        : `Saved as ${result.path}. No program on this computer would open it: open it from that folder.`);
    } catch (error) {
      setStatus(bundleStatus, error.message, { error: true });
    } finally {
      bundling = false;
      bundleButton.removeAttribute('aria-disabled');
    }
  });

  const element = h('section', { class: 'case-section case-file', id: 'case-file', 'aria-labelledby': 'case-file-heading' },
    h('h2', { id: 'case-file-heading' }, 'Case file'),
    h('div', { class: 'case-file__documents' },
      h('h3', { id: 'documents-heading' }, 'Documents'),
      documentsStatus,
      documentsSlot,
      h('h4', { id: 'attach-heading', class: 'case-file__subtitle' }, 'Add files'),
      attachForm),
    h('div', { class: 'case-file__columns' },
      h('div', { class: 'case-file__column' },
        h('h3', { id: 'notes-heading' }, 'Notes'),
        notesSlot,
        noteForm),
      h('div', { class: 'case-file__column' },
        h('h3', { id: 'contacts-heading' }, 'Contacts'),
        contactsSlot,
        contactForm)),
    h('h3', { id: 'bundle-heading' }, 'For the Ombudsman'),
    h('p', { class: 'hint', id: 'bundle-hint' },
      'One PDF of the whole case: a cover, the history, the notes and contacts, an index of every document, then every letter and PDF document in full, with the pages numbered. It is saved in the case’s folder beside the database and opened.'),
    buttonGroup(bundleButton, bundleStatus));

  function paint() {
    fileHint.textContent = limitHint();
    paintDocuments();
    paintNotes();
    paintContacts();
  }

  paint();
  return { element, paint };
}
