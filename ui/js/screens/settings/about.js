// Settings' About Redress section: its version, publisher and licence, where its files are, and the log folder and licences opened.

import { call } from '../../api.js';
import { statusRunner } from '../../busy.js';
import { h, hiddenText, icon } from '../../dom.js';
import { buttonGroup } from '../../forms.js';
import { factRow } from './shared.js';

/** The section, from what about() gave (`about`: {failed} when it failed). */
export function aboutSection({ about }) {
  const failed = about?.failed ?? null;
  const info = failed ? {} : (about ?? {});
  const status = h('p', { id: 'about-status', class: 'test-status', role: 'status' });
  const openLogs = h('button', { type: 'button', class: 'button button--secondary', id: 'open-logs', 'aria-describedby': 'about-logs-hint' }, 'Open the log folder');
  const licencesFile = info.licences_file ?? null;
  const openLicences = licencesFile
    ? h('button', { type: 'button', class: 'button button--secondary', id: 'open-licences' }, 'Third-party licences')
    : null;

  /** A row for a value the core may not have (null): left out when there is none. */
  function row(label, value, { id, path = false } = {}) {
    if (value === null || value === undefined || value === '') return null;
    return factRow(label, h('span', { id, class: path ? 'report-save-status__path' : null }, String(value)));
  }

  function facts() {
    if (failed) {
      return h('p', { id: 'about-error', class: 'test-status test-status--error' }, icon('✗'), ' ', hiddenText('Error: '), failed.message);
    }
    const version = info.version ? `${info.name || 'Redress'} ${info.version}` : null;
    return h('dl', { class: 'summary-list about-facts', id: 'about-facts' },
      row('Version', version, { id: 'about-version' }),
      row('Publisher', info.publisher, { id: 'about-publisher' }),
      row('Copyright', info.copyright, { id: 'about-copyright' }),
      row('Licence', info.licence, { id: 'about-licence' }),
      row('Database file', info.database, { id: 'about-database', path: true }),
      row('Backups folder', info.backups_folder, { id: 'about-backups-folder', path: true }),
      row('Log folder', info.log_folder, { id: 'about-log-folder', path: true }));
  }

  /** Opens the log folder or the licences in the computer's own program, saying which path or why not. */
  const run = statusRunner(status);
  function open(what, button) {
    return run(button, async () => {
      const path = await call('open_about_file', { what });
      status.replaceChildren(icon('✓'), ' Opened ', h('span', { class: 'report-save-status__path' }, String(path ?? '')));
    });
  }

  openLogs.addEventListener('click', () => open('logs', openLogs));
  openLicences?.addEventListener('click', () => open('licences', openLicences));

  return h('section', { class: 'settings-section', id: 'about', 'aria-labelledby': 'about-heading' },
    h('h2', { id: 'about-heading' }, 'About Redress'),
    facts(),
    h('p', { class: 'hint', id: 'about-logs-hint' },
      'The log records what Redress did and any error codes, never the content of cases: send it to your IT team if something goes wrong.'),
    // Without the installed package's licences file (a copy built from source) there is nothing to open.
    !failed && !licencesFile
      ? h('p', { class: 'hint', id: 'licences-note' },
        'The licences of the software Redress is made with are installed with the Redress package (THIRD-PARTY-LICENSES.html); this copy was built from source.')
      : null,
    buttonGroup(openLogs, openLicences),
    status);
}