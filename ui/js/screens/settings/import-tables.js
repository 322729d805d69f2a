// What Settings' import shows of a spreadsheet: the status lines, the sheet picker, the columns and the council's words (each with a select to change it), the problems by line and column, and the first cases as they would be recorded.

import { h, hiddenText, icon, labelFor, tableWrap, shortDate } from '../../dom.js';
import { selectField, options } from '../../forms.js';
import { plural } from './shared.js';

const NOT_IMPORTED = 'Not imported — kept in the case history';
/** How the core matched a column to its field, in words. */
const REASONS = { mapping: 'From your saved mapping', name: 'Matched by name', synonym: 'A name councils use' };

/** A status line: ✓ and the text, or ✗, a hidden "Error:" and the text. */
export function statusLine(text, { error = false } = {}) {
  return h('p', { class: ['test-status', error && 'test-status--error'] },
    icon(error ? '✗' : '✓'), ' ', error ? hiddenText('Error: ') : null, text);
}

/** The core's sentence about how the file was read, ending with a full stop. */
export function encodingLine(encoding) {
  const text = String(encoding).trim();
  return h('p', { class: 'import-status__added', id: 'import-encoding' }, /[.!?]$/.test(text) ? text : `${text}.`);
}

/** What the import adds besides the cases: "New service areas: Housing, Planning", one line each. */
export function addedLines(result, dryRun) {
  const lines = [
    ['service areas', result.new_service_areas],
    ['categories', result.new_categories],
    ['officers', result.new_officers],
  ].filter(([, names]) => (names ?? []).length)
    .map(([what, names]) => h('p', { class: 'import-status__added' }, `${dryRun ? `New ${what} it would add` : `New ${what} added`}: ${names.join(', ')}`));
  // How the file was read, when it was not plain UTF-8 (the core's sentence).
  if (result.encoding) lines.push(encodingLine(result.encoding));
  return lines;
}

/** The problems in the file by line and column (the first 500). */
export function problemsTable(problems) {
  const SHOWN = 500;
  const rows = problems.slice(0, SHOWN);
  const table = h('table', { class: 'table table--compact table--problems', id: 'import-problems' },
    h('caption', { class: 'table__caption' }, 'Problems in the file',
      h('span', { class: 'table__sub' }, problems.length > SHOWN
        ? `The first ${SHOWN.toLocaleString('en-GB')} of ${problems.length.toLocaleString('en-GB')}. Line 1 is the row of column headings.`
        : 'Line 1 is the row of column headings.')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'num' }, 'Line'),
      h('th', { scope: 'col' }, 'Column'),
      h('th', { scope: 'col' }, 'Problem'))),
    h('tbody', {}, rows.map((p) => h('tr', {},
      h('th', { scope: 'row', class: 'num' }, String(p.line ?? '')),
      h('td', { class: 'wrap-anywhere' }, p.column || h('span', { class: 'muted' }, 'Whole line')),
      h('td', { class: 'wrap-anywhere' }, p.message ?? '')))));
  return tableWrap(table, 'Problems in the file');
}

/** The sheet picker, for a workbook of more than one sheet; else null. */
export function sheetPicker(result) {
  const sheets = result.sheets ?? [];
  if (sheets.length < 2) return null;
  return selectField({
    id: 'import-sheet', name: 'sheet', field: 'sheet', label: 'Sheet',
    hint: `This workbook has ${sheets.length.toLocaleString('en-GB')} sheets. Choose the one that lists the cases.`,
    items: sheets.map((name) => ({ value: name, label: name })),
    value: result.sheet ?? sheets[0],
  });
}

/** A select's options from [{value, label}], with `value` chosen (kept even when it is not in the list). */
function choiceOptions(items, value) {
  const list = value && !items.some((item) => item.value === value) ? [...items, { value, label: value }] : items;
  return options(list, value ?? '');
}

/** The heading, hint and table of the columns, each with what it is recorded as (`touched`: the headers changed on the page). */
export function columnsTable(result, touched) {
  const fields = (result.fields ?? []).map((f) => ({ value: f.name, label: f.label ?? f.name }));
  const items = [{ value: '', label: NOT_IMPORTED }, ...fields];
  const rows = (result.columns ?? []).map((column, index) => {
    const header = String(column.header ?? '');
    const id = `import-column-${index}`;
    const shown = header.trim() ? header : `Column ${index + 1} (no heading)`;
    if (!header.trim()) {
      // A mapping names columns by their heading: one without a heading is kept, not imported.
      return h('tr', {},
        h('th', { scope: 'row', class: 'import-columns__header' }, h('span', { class: 'muted' }, shown)),
        h('td', { class: 'import-columns__field' }, NOT_IMPORTED),
        h('td', { class: 'import-columns__reason' }, h('span', { class: 'muted' }, 'A column needs a heading to be imported')));
    }
    // A column changed here is named in the mapping sent, which the core counts as the saved one.
    const reason = touched.has(header) ? (column.field ? 'Your choice (not saved yet)' : '') : REASONS[column.reason];
    return h('tr', { dataset: { column: header } },
      h('th', { scope: 'row', class: 'import-columns__header' }, header),
      h('td', { class: 'import-columns__field' },
        h('label', { class: 'visually-hidden', for: id }, `Field for column ${shown}`),
        h('select', { class: 'select', id, dataset: { column: header } }, choiceOptions(items, column.field ?? ''))),
      h('td', { class: 'import-columns__reason' },
        reason || (column.field ? '' : h('span', { class: 'muted' }, 'Not matched'))));
  });
  const table = h('table', { class: 'table table--compact table--import-columns', id: 'import-columns', 'aria-labelledby': 'import-columns-heading' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Column in the file'),
      h('th', { scope: 'col' }, 'Recorded in Redress as'),
      h('th', { scope: 'col' }, 'How it was matched'))),
    h('tbody', {}, rows));
  return [
    h('h4', { id: 'import-columns-heading', class: 'import-preview__heading' }, 'Columns'),
    h('p', { class: 'hint' }, 'Each column of the sheet, in order, and what it is recorded as. A column that is not imported is not lost: its cells are kept in each case’s history. Each field is filled from one column: choosing it for one column takes it from any other.'),
    tableWrap(table, 'Columns'),
  ];
}

/** The heading, hint and table of the council's words, each with what it means in Redress. */
export function wordsTable(words) {
  const rows = words.map((entry, index) => {
    const id = `import-word-${index}`;
    const key = `${entry.field}|${entry.word}`;
    const items = [{ value: '', label: 'Choose…' }, ...(entry.choices ?? []).map((c) => ({ value: c.slug, label: c.label ?? c.slug }))];
    const unmatched = entry.value === null || entry.value === undefined || entry.value === '';
    const flagId = `${id}-flag`;
    return h('tr', { dataset: { word: key, unmatched: unmatched ? 'true' : null } },
      h('th', { scope: 'row', class: 'import-words__word' }, String(entry.word ?? '')),
      h('td', { class: 'import-words__field' }, entry.label ?? entry.field),
      h('td', { class: 'import-words__value' },
        h('label', { class: 'visually-hidden', for: id }, `Redress word for “${entry.word}” (${entry.label ?? entry.field})`),
        h('select', { class: ['select', unmatched && 'input--error'], id, dataset: { word: key }, 'aria-describedby': unmatched ? flagId : null },
          choiceOptions(items, unmatched ? '' : entry.value)),
        unmatched ? h('p', { class: 'import-words__flag', id: flagId }, icon('⚠'), ' Not chosen: the rows with this word would be refused') : null));
  });
  const table = h('table', { class: 'table table--compact table--import-words', id: 'import-words', 'aria-labelledby': 'import-words-heading' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Your word'),
      h('th', { scope: 'col' }, 'Field'),
      h('th', { scope: 'col' }, 'Means in Redress'))),
    h('tbody', {}, rows));
  return [
    h('h4', { id: 'import-words-heading', class: 'import-preview__heading' }, 'Your words'),
    h('p', { class: 'hint' }, 'Words in the spreadsheet that Redress does not use itself. Choose what each one means; a row with a word not chosen is refused.'),
    tableWrap(table, 'Your words'),
  ];
}

/** The heading, count and table of the first cases as they would be recorded (`reference`: the reference data, for the outcomes). */
export function rowsTable(result, reference) {
  const rows = result.rows ?? [];
  const count = Number(result.row_count ?? rows.length);
  const counted = h('p', { class: 'import-preview__count', id: 'import-row-count' },
    `${plural(count, 'row', 'rows')} in the file`,
    rows.length && rows.length < count ? `; the first ${rows.length.toLocaleString('en-GB')} are shown.` : '.');
  const heading = h('h4', { id: 'import-rows-heading', class: 'import-preview__heading' }, 'How the cases would be recorded');
  if (!rows.length) {
    const why = (result.problems ?? []).length
      ? 'The rows are shown once the problems are put right.'
      : 'There are no cases in this sheet.';
    return [heading, counted, h('p', { class: 'hint', id: 'import-rows-none' }, why)];
  }
  const none = (text) => h('span', { class: 'muted' }, text);
  const table = h('table', { class: 'table table--compact table--import-rows', id: 'import-preview-rows', 'aria-labelledby': 'import-rows-heading' },
    h('thead', {}, h('tr', {}, ['Reference', 'Received', 'Service area', 'Complainant', 'Summary', 'Outcome', 'Closed']
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map((row) => h('tr', { dataset: { line: row.line } },
      h('th', { scope: 'row', class: 'wrap-anywhere' }, row.reference || none('None')),
      h('td', { class: 'nowrap-date' }, shortDate(row.received_on)),
      h('td', { class: 'import-rows__area' }, row.service_area || none('None')),
      h('td', { class: 'import-rows__person' }, row.complainant || none('Not given')),
      h('td', { class: 'import-rows__summary' }, row.summary ?? ''),
      h('td', {}, row.outcome ? labelFor(reference.outcomes, row.outcome) : none('None')),
      h('td', { class: 'nowrap-date' }, row.closed_on ? shortDate(row.closed_on) : none('Open'))))));
  return [heading, counted, tableWrap(table, 'How the cases would be recorded')];
}
