// Settings' Import and export section: cases imported from a spreadsheet (previewed first: the sheet, what each column is recorded as and what the council's own words mean, each changeable and kept for next time; all or nothing, or the rows that are right with the others saved to correct), and every case exported for Excel.

import { call } from '../../api.js';
import { h, hiddenText, icon } from '../../dom.js';
import { textField, checkboxField, buttonGroup, errorSummary, showApiError, showErrors, clearErrors, group, confirmDialog } from '../../forms.js';
import { exportCases } from './export.js';
import {
  statusLine, encodingLine, addedLines, problemsTable, sheetPicker, columnsTable, wordsTable, rowsTable,
} from './import-tables.js';
import { plural } from './shared.js';

/** The kinds of file the picker offers. */
const IMPORT_ACCEPT = '.xlsx,.xls,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';
/** How long the columns and words may pause changing before the preview is asked for again. */
const MAPPING_DELAY_MS = 300;

/**
 * The section, from the screen's shared `state` (its `reference` data, read again after an import,
 * which may add service areas, categories and officers), `redrawReference` (draws those
 * lists again) and the screen's context (to refresh the header and reminders after an import).
 */
export function importExportSection({ state, redrawReference, context }) {
  const importSummary = errorSummary({ id: 'import-error-summary', level: 'h4' });
  const fileGroup = group({
    id: 'import-file', label: 'Spreadsheet of cases', extraClass: 'file-upload-group',
    hint: 'An Excel workbook (.xlsx or .xls), an OpenDocument spreadsheet (.ods) or a CSV file, as the council keeps it. Every row is checked first; if any is wrong, nothing is imported, unless you choose below to import the rows that are right.',
    control: h('input', { class: 'file-upload', type: 'file', id: 'import-file', name: 'file', accept: IMPORT_ACCEPT, 'aria-describedby': 'import-file-hint' }),
  });
  const fileInput = fileGroup.querySelector('input');
  // The sheet picker (a workbook with more than one sheet) goes under the file.
  const sheetSlot = h('div', { id: 'import-sheet-slot' });
  const check = h('button', { type: 'button', class: 'button button--secondary', id: 'import-check' }, 'Check the file');
  const run = h('button', { type: 'button', class: 'button', id: 'import-run' }, 'Import the cases');
  const importStatus = h('div', { id: 'import-status', class: 'import-status', role: 'status' });
  // What importing would do: the columns and the council's words (both editable), then the
  // problems, then the first rows as they would be recorded.
  const mappingSlot = h('div', { id: 'import-mapping-slot', class: 'import-preview' });
  const problemsSlot = h('div', { id: 'import-problems-slot' });
  const rowsSlot = h('div', { id: 'import-rows-slot', class: 'import-preview' });
  const saveMapping = h('button', { type: 'button', class: 'button button--secondary', id: 'import-save-mapping' }, 'Save this mapping for next time');
  const mappingStatus = h('p', { id: 'import-mapping-status', class: 'test-status', role: 'status' });
  const saveGroup = h('div', { class: 'import-save-mapping' },
    h('p', { class: 'hint', id: 'import-save-mapping-hint' }, 'Saved, these columns and words are used for the next spreadsheet you import, so a file laid out the same way needs no changes.'),
    buttonGroup(saveMapping, mappingStatus));
  saveMapping.setAttribute('aria-describedby', 'import-save-mapping-hint');
  // Not under the unsaved-changes guard: a chosen file is not typing that leaving would lose.
  // Import the good rows and hand back the rest: the refused rows are saved where the officer says.
  const skipGroup = checkboxField({
    id: 'import-skip-bad', label: 'Import the rows that are right, and save the others to correct',
    hint: 'Each refused row is saved as it was, with its problem beside it, in a CSV file that opens in Excel. Correct them there and import that file.',
  });
  const skipInput = skipGroup.querySelector('input');
  const rejectsGroup = textField({
    id: 'import-rejects-path', name: 'rejects_path', field: 'rejects_path', label: 'Save the refused rows as',
    hint: 'A full file name. Left blank, they go in the Exports folder beside the database, named after the spreadsheet.',
  });
  const rejectsInput = rejectsGroup.querySelector('input');
  rejectsGroup.hidden = true;
  skipInput.addEventListener('change', () => { rejectsGroup.hidden = !skipInput.checked; });
  const importForm = h('form', { id: 'import-form', class: 'form form--add', novalidate: true, 'aria-labelledby': 'import-heading' },
    importSummary, fileGroup, sheetSlot, skipGroup, rejectsGroup);

  // The last check: of which file, and how many cases it found (with no problems).
  let checked = null;
  let busy = false;
  let savingMapping = false;
  // The file's bytes as last read (what the preview shows is what is imported) and the preview
  // of it now shown.
  let source = null;
  let preview = null;
  let previewFile = null;
  // The columns changed here (by header), whether a word was, and the headers the saved mapping
  // names (as the core said when it was asked with no mapping). Until something is changed no
  // mapping is sent, so the saved one (or the guess) is used; once it is, the mapping sent names
  // only the columns changed here and the saved ones, so the rest are still matched by name, and
  // each column says truly how it was matched.
  const touched = new Set();
  let wordsEdited = false;
  let savedHeaders = new Set();
  let previewTicket = 0;
  let previewTimer = null;
  const fileKey = (file) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

  /** The chosen file, or null after saying in the error summary that one must be chosen. */
  function chosenFile() {
    clearErrors(importForm, importSummary);
    const file = fileInput.files?.[0] ?? null;
    if (!file) {
      showErrors({ summary: importSummary, errors: [{ field: 'file', message: 'Choose the spreadsheet of cases to import' }], locate: () => fileInput });
    }
    return file;
  }

  /** The file's bytes as an array of numbers: read once, or again when `fresh` (Check the file). */
  async function bytesOf(file, { fresh = false } = {}) {
    const key = fileKey(file);
    if (!fresh && source?.key === key) return source.bytes;
    const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
    source = { key, bytes };
    return bytes;
  }

  /** Whether the preview now shown is of this file. */
  const previewed = (file) => preview !== null && previewFile === fileKey(file);

  /** The sheet to read: the one picked, or the one previewed; null for a CSV (no sheets). */
  function currentSheet() {
    if (!preview || !(preview.sheets ?? []).length) return null;
    const picker = sheetSlot.querySelector('#import-sheet');
    return picker ? picker.value : (preview.sheet ?? null);
  }

  /**
   * The mapping as the page now shows it: the one in force for the last preview (the saved one,
   * with the guess filled in), with every column's and every word's choice on the page laid over it.
   */
  function builtMapping() {
    const base = preview?.mapping ?? {};
    const mapping = {
      columns: { ...(base.columns ?? {}) },
      values: Object.fromEntries(Object.entries(base.values ?? {}).map(([field, words]) => [field, { ...(words ?? {}) }])),
    };
    for (const select of mappingSlot.querySelectorAll('select[data-column]')) {
      if (select.dataset.column.trim()) mapping.columns[select.dataset.column] = select.value;
    }
    for (const select of mappingSlot.querySelectorAll('select[data-word]')) {
      const [field, ...rest] = select.dataset.word.split('|');
      const word = rest.join('|');
      if (select.value) {
        mapping.values[field] = mapping.values[field] ?? {};
        mapping.values[field][word] = select.value;
      } else if (mapping.values[field]) {
        delete mapping.values[field][word];
      }
    }
    return mapping;
  }

  /**
   * The mapping to send with a preview or the import: null while nothing has been changed here;
   * else the columns changed here and those the saved mapping names, and every word.
   */
  function sentMapping() {
    if (!touched.size && !wordsEdited) return null;
    const built = builtMapping();
    const columns = {};
    for (const [header, field] of Object.entries(built.columns)) {
      if (touched.has(header) || savedHeaders.has(header)) columns[header] = field;
    }
    return { columns, values: built.values };
  }

  /** Starts the columns and words afresh: the saved mapping, else the guess. */
  function forgetChanges() {
    touched.clear();
    wordsEdited = false;
  }

  /** Forgets the preview (another file, none, or imported): its tables, sheet picker and mapping. */
  function clearPreview() {
    previewTicket += 1;
    clearTimeout(previewTimer);
    previewTimer = null;
    preview = null;
    previewFile = null;
    forgetChanges();
    savedHeaders = new Set();
    checked = null;
    sheetSlot.replaceChildren();
    mappingSlot.replaceChildren();
    rowsSlot.replaceChildren();
    problemsSlot.replaceChildren();
    mappingStatus.replaceChildren();
  }

  /** A selector that finds the focused control again once the preview has been drawn anew. */
  function focusedSelector() {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !section.contains(active)) return null;
    if (active.dataset.column !== undefined) return `select[data-column="${CSS.escape(active.dataset.column)}"]`;
    if (active.dataset.word !== undefined) return `select[data-word="${CSS.escape(active.dataset.word)}"]`;
    return active.id ? `#${CSS.escape(active.id)}` : null;
  }

  /** Draws the preview anew, keeping focus on the same control and each table scrolled as it was. */
  function redraw(draw) {
    const focused = focusedSelector();
    const scrolled = new Map([...section.querySelectorAll('.table-wrap')].map((wrap) => [wrap.getAttribute('aria-label'), wrap.scrollLeft]));
    draw();
    for (const wrap of section.querySelectorAll('.table-wrap')) {
      const left = scrolled.get(wrap.getAttribute('aria-label'));
      if (left) wrap.scrollLeft = left;
    }
    if (focused && !section.contains(document.activeElement)) section.querySelector(focused)?.focus({ preventScroll: true });
  }

  /** Shows what importing the file would do: sheet, columns, words, problems, first rows, status. */
  function showPreview(file, result, { sentNone = false } = {}) {
    if (sentNone) {
      savedHeaders = new Set((result.columns ?? []).filter((c) => c.reason === 'mapping').map((c) => String(c.header ?? '')));
    }
    preview = result;
    previewFile = fileKey(file);
    const problems = result.problems ?? [];
    const words = result.words ?? [];
    const unmatched = words.filter((w) => w.value === null || w.value === undefined || w.value === '').length;
    const count = Number(result.row_count ?? 0);
    checked = problems.length || unmatched ? null : { key: previewFile, cases: count };
    redraw(() => {
      const picker = sheetPicker(result);
      sheetSlot.replaceChildren(...(picker ? [picker] : []));
      mappingSlot.replaceChildren(
        ...columnsTable(result, touched),
        ...(words.length ? wordsTable(words) : []),
        saveGroup);
      problemsSlot.replaceChildren(...(problems.length ? [problemsTable(problems)] : []));
      rowsSlot.replaceChildren(...rowsTable(result, state.reference));
      const lines = [];
      if (problems.length) {
        lines.push(statusLine(`${plural(problems.length, 'problem', 'problems')} in ${file.name}.`, { error: true }),
          h('p', { class: 'import-status__text' }, 'Nothing was written. Put them right in the spreadsheet and check the file again, or change the columns and words below.'));
      } else if (unmatched) {
        lines.push(statusLine(`Checked ${plural(count, 'row', 'rows')}: ${plural(unmatched, 'word needs', 'words need')} a Redress word; nothing was written`, { error: true }));
      } else {
        lines.push(statusLine(`Checked ${plural(count, 'row', 'rows')}: no problems found; nothing was written`));
      }
      if (result.encoding) lines.push(encodingLine(result.encoding));
      importStatus.replaceChildren(...lines);
    });
  }

  /**
   * Asks the core what importing the file would do. For the file already previewed it sends the
   * sheet picked and, once a column or word has been changed, the mapping the page shows; for a
   * new file, neither (the first sheet, and the saved mapping or the guess). A later ask, or a
   * change made meanwhile, makes this answer stale: it is then dropped.
   */
  async function runPreview(file, { fresh = false } = {}) {
    clearTimeout(previewTimer);
    previewTimer = null;
    if (!file) return;
    // While the cases are being imported, a change waits for the import to finish.
    if (busy) {
      schedulePreview();
      return;
    }
    const mine = ++previewTicket;
    const again = previewed(file);
    const sheet = again ? currentSheet() : null;
    if (!again) {
      forgetChanges();
      savedHeaders = new Set();
    }
    const mapping = again ? sentMapping() : null;
    clearErrors(importForm, importSummary);
    importStatus.replaceChildren(h('p', { class: 'test-status' }, `Checking ${file.name}…`));
    try {
      const bytes = await bytesOf(file, { fresh });
      if (mine !== previewTicket) return;
      const result = await call('import_preview', { file_name: file.name, bytes, sheet, mapping });
      if (mine !== previewTicket) return;
      showPreview(file, result, { sentNone: mapping === null });
    } catch (error) {
      if (mine !== previewTicket) return;
      checked = null;
      importStatus.replaceChildren();
      // A sheet that is not there keeps the picker to choose another; anything else, nothing.
      if (error?.field === 'sheet' && sheetSlot.querySelector('#import-sheet')) {
        mappingSlot.replaceChildren();
        rowsSlot.replaceChildren();
        problemsSlot.replaceChildren();
      } else {
        clearPreview();
      }
      showApiError({
        form: importForm, summary: importSummary, error,
        locate: (field) => (field === 'sheet' ? sheetSlot.querySelector('#import-sheet') : null) ?? fileInput,
      });
    }
  }

  /** A column, word or sheet was changed: the preview is asked for again once the changes pause. */
  function schedulePreview() {
    // An answer still on its way is for the choices before this one.
    previewTicket += 1;
    checked = null;
    clearTimeout(previewTimer);
    // The file chosen when the changes pause: none once the form is reset after importing.
    previewTimer = setTimeout(() => runPreview(fileInput.files?.[0] ?? null), MAPPING_DELAY_MS);
  }

  async function send(file) {
    if (busy) return;
    busy = true;
    // What is imported is what the page shows: the sheet picked and the mapping as it stands.
    const again = previewed(file);
    const sheet = again ? currentSheet() : null;
    const mapping = again ? sentMapping() : null;
    previewTicket += 1;
    clearTimeout(previewTimer);
    previewTimer = null;
    for (const button of [check, run, saveMapping]) button.setAttribute('aria-disabled', 'true');
    importStatus.replaceChildren(h('p', { class: 'test-status' }, `Importing the cases in ${file.name}…`));
    try {
      const bytes = await bytesOf(file);
      const skipBad = skipInput.checked;
      const result = await call('import_cases', {
        file_name: file.name, bytes, dry_run: false, sheet, mapping,
        skip_bad: skipBad, rejects_path: skipBad ? rejectsInput.value.trim() : null,
      });
      const problems = result.problems ?? [];
      if (problems.length) {
        checked = null;
        importStatus.replaceChildren(
          statusLine(`${plural(problems.length, 'problem', 'problems')} in ${file.name}.`, { error: true }),
          h('p', { class: 'import-status__text' }, 'Nothing was imported. Correct these in the spreadsheet and try again.'));
        problemsSlot.replaceChildren(problemsTable(problems));
        rowsSlot.replaceChildren();
        return;
      }
      clearPreview();
      source = null;
      const rejected = result.rejected ?? [];
      importStatus.replaceChildren(statusLine(`Imported ${plural(result.cases ?? 0, 'case', 'cases')}`), ...addedLines(result, false),
        ...(rejected.length
          ? [h('p', { class: 'import-status__text', id: 'import-rejected' },
            `${plural(rejected.length, 'row was', 'rows were')} refused and not imported. They are saved, each with its problem, in `,
            h('span', { class: 'report-save-status__path', id: 'import-rejects-saved' }, result.rejects_path ?? ''),
            ': correct them there and import that file.')]
          : []));
      if (rejected.length) problemsSlot.replaceChildren(problemsTable(rejected));
      importForm.reset();
      rejectsGroup.hidden = true;
      // The file may have added service areas, categories and officers.
      try {
        state.reference = await call('reference_data');
        redrawReference();
      } catch {
        // The lists catch up when Settings is opened again.
      }
      context.appInfo().catch(() => {});
      context.refreshReminders?.();
    } catch (error) {
      importStatus.replaceChildren();
      showApiError({
        form: importForm, summary: importSummary, error,
        locate: (field) => (field === 'sheet' ? sheetSlot.querySelector('#import-sheet') : null) ?? fileInput,
      });
    } finally {
      busy = false;
      for (const button of [check, run, saveMapping]) button.removeAttribute('aria-disabled');
    }
  }

  fileInput.addEventListener('change', () => {
    clearPreview();
    source = null;
    clearErrors(importForm, importSummary);
    importStatus.replaceChildren();
    const file = fileInput.files?.[0] ?? null;
    if (file) runPreview(file);
  });
  importForm.addEventListener('submit', (event) => event.preventDefault());

  // The sheet picker and the column and word selects are drawn anew with each preview: listened to here.
  // Another sheet has other columns: they start afresh from the saved mapping or the guess.
  sheetSlot.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLSelectElement) || event.target.id !== 'import-sheet') return;
    forgetChanges();
    mappingStatus.replaceChildren();
    schedulePreview();
  });
  mappingSlot.addEventListener('change', (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement)) return;
    if (select.dataset.column !== undefined) {
      touched.add(select.dataset.column);
      // A field is filled from one column: another column that had it no longer does.
      if (select.value) {
        for (const other of mappingSlot.querySelectorAll('select[data-column]')) {
          if (other !== select && other.value === select.value) {
            other.value = '';
            touched.add(other.dataset.column);
          }
        }
      }
    } else if (select.dataset.word !== undefined) {
      wordsEdited = true;
    } else {
      return;
    }
    mappingStatus.replaceChildren();
    schedulePreview();
  });

  saveMapping.addEventListener('click', async () => {
    if (savingMapping || busy || !preview) return;
    savingMapping = true;
    saveMapping.setAttribute('aria-disabled', 'true');
    mappingStatus.classList.remove('test-status--error');
    mappingStatus.replaceChildren('Saving the mapping…');
    try {
      await call('save_import_mapping', { mapping: builtMapping() });
      mappingStatus.replaceChildren(icon('✓'), ' Mapping saved');
      // What is saved is now the mapping in force: asked again with none, every column says so.
      forgetChanges();
      const file = fileInput.files?.[0] ?? null;
      if (file && previewed(file)) runPreview(file);
    } catch (error) {
      mappingStatus.classList.add('test-status--error');
      mappingStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
    } finally {
      savingMapping = false;
      if (!busy) saveMapping.removeAttribute('aria-disabled');
    }
  });

  check.addEventListener('click', () => {
    if (busy) return;
    const file = chosenFile();
    // Read afresh: the spreadsheet may have been put right since it was chosen.
    if (file) runPreview(file, { fresh: true });
  });

  run.addEventListener('click', async () => {
    if (busy) return;
    const file = chosenFile();
    if (!file) return;
    const counted = checked && checked.key === fileKey(file) && !previewTimer ? checked.cases : null;
    const yes = await confirmDialog({
      title: counted === null ? `Import the cases in ${file.name}?` : `Import ${plural(counted, 'case', 'cases')}?`,
      text: counted === null
        ? 'Redress checks every row first: nothing is imported unless every row is right. Imported cases will be added to the cases already recorded.'
        : `The ${plural(counted, 'case', 'cases')} in ${file.name} will be added to the cases already recorded.`,
      yes: 'Import the cases',
      no: 'Cancel',
      tone: 'primary',
    });
    if (yes) send(file);
  });

  const section = h('section', { class: 'settings-section', id: 'import-export', 'aria-labelledby': 'import-export-heading' },
    h('h2', { id: 'import-export-heading' }, 'Import and export'),
    h('h3', { id: 'import-heading' }, 'Import cases from a spreadsheet'),
    h('p', { class: 'hint' }, 'Choose the file and Redress shows what importing it would do: what each column is recorded as, what the council’s own words mean, every problem by line and column, and the first cases as they would be recorded. Nothing is written until you import, and only when the whole file is right.'),
    importForm,
    importStatus,
    mappingSlot,
    problemsSlot,
    rowsSlot,
    buttonGroup(check, run),
    ...exportCases());
  return section;
}
