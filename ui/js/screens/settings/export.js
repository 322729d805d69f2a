// Settings' export: every case saved as a CSV file for Excel, and opened.

import { call } from '../../api.js';
import { statusRunner } from '../../busy.js';
import { h, icon } from '../../dom.js';
import { buttonGroup } from '../../forms.js';
import { plural } from './shared.js';

/** The export's heading, hint, button and status line, for the end of the Import and export section. */
export function exportCases() {
  const exportButton = h('button', { type: 'button', class: 'button button--secondary', id: 'export-cases' }, 'Export all cases for Excel');
  const exportStatus = h('p', { id: 'export-status', class: 'test-status', role: 'status' });
  const run = statusRunner(exportStatus);
  exportButton.addEventListener('click', () => run(exportButton, async () => {
    const result = await call('export_cases');
    exportStatus.replaceChildren(icon('✓'), ` Exported ${plural(result.cases ?? 0, 'case', 'cases')} to `,
      h('span', { class: 'report-save-status__path', id: 'export-path' }, result.path ?? ''), '.',
      result.opened === false ? ' It could not be opened automatically; open it from that folder.' : '');
  }, 'Exporting the cases…'));

  return [
    h('h3', { id: 'export-heading' }, 'Export cases'),
    h('p', { class: 'hint' }, 'Every case is saved as a CSV file in the Exports folder beside the database, with the same columns as the import, and opened in Excel or the computer’s spreadsheet program.'),
    buttonGroup(exportButton),
    exportStatus,
  ];
}
