// The recovery screen: shown, with no way to any other screen, when database_status() says the data cannot be used. It says what is wrong, where the file is, and offers to restore one of the backups, newest first.

import { call } from '../api.js';
import { h, hiddenText, icon, screenHeading } from '../dom.js';
import { errorSummary, showErrors, clearErrors, errorsOf, confirmDialog } from '../forms.js';
import { backupsTable } from '../backups.js';

const TITLE = 'Redress cannot open your data safely';

function row(label, value, attrs = {}) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value', ...attrs }, value));
}

/** Starts the window again at the start screen, on the data as it now is. */
function reloadApp() {
  // replaceState, not location.hash: a hashchange would be turned back to this screen.
  history.replaceState(null, '', '#/');
  location.reload();
}

function warning(id, text) {
  return h('div', { class: 'warning-text', id },
    h('span', { class: 'warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'warning-text__text' }, hiddenText('Warning: '), text));
}

export async function render(context) {
  const status = await call('database_status').catch((error) => {
    // The core may refuse even this; what it said at start is still worth showing.
    if (context.databaseStatus) return context.databaseStatus;
    throw error;
  });

  if (status?.ok !== false) {
    const open = h('button', { type: 'button', class: 'button', id: 'recovery-open' }, 'Open Redress');
    open.addEventListener('click', reloadApp);
    return {
      title: 'Redress can open your data',
      element: h('section', { class: 'screen', dataset: { screen: 'recovery' } },
        screenHeading('Redress can open your data'),
        h('p', { class: 'lead' }, 'Your data can be used again.'),
        h('div', { class: 'button-group' }, open)),
    };
  }

  const backups = status.backups ?? [];
  const summary = errorSummary({ id: 'recovery-error-summary' });
  const working = h('p', { class: 'test-status', id: 'recovery-status', role: 'status' });
  let busy = false;

  async function restore(backup) {
    if (busy) return;
    clearErrors(element, summary);
    const yes = await confirmDialog({
      title: `Restore the backup of ${backup.made_at}?`,
      text: `Redress checks the backup first. Then your data is replaced by the backup of ${backup.made_at}: anything recorded after that will have to be entered again.`,
      yes: 'Restore this backup',
      no: 'Cancel',
    });
    if (!yes) return;
    busy = true;
    for (const each of element.querySelectorAll('button[data-restore]')) each.setAttribute('aria-disabled', 'true');
    working.textContent = `Restoring the backup of ${backup.made_at}…`;
    try {
      await call('restore_backup', { file: backup.file });
      working.replaceChildren(icon('✓'), ` Restored the backup of ${backup.made_at}. Opening Redress…`);
      reloadApp();
    } catch (error) {
      working.replaceChildren();
      showErrors({ summary, errors: errorsOf(error) });
      busy = false;
      for (const each of element.querySelectorAll('button[data-restore]')) each.removeAttribute('aria-disabled');
    }
  }

  const list = backups.length
    ? [
      h('p', {}, 'Restoring a backup puts your data back as it was when the backup was made. Redress checks a backup before it uses it: if it is damaged, nothing is changed and you can try the next one.'),
      backupsTable({
        id: 'recovery-backups', label: 'Backups you can restore', backups, buttonText: 'Restore this backup', markNewest: true, onRestore: restore,
      }),
      working,
      h('p', { class: 'hint', id: 'recovery-none-work' }, 'If none of them can be restored, do not delete the file: ask your IT support to look at it.'),
    ]
    : [warning('recovery-no-backups', 'There is no backup to restore. Do not delete the file: ask your IT support to look at it.')];

  const element = h('section', { class: 'screen', dataset: { screen: 'recovery' } },
    screenHeading(TITLE),
    summary,
    h('p', { class: 'lead', id: 'recovery-problem' }, status.problem ?? ''),
    h('dl', { class: 'summary-list backups-facts' },
      row('Your data file', h('span', { class: 'report-save-status__path', id: 'recovery-path' }, status.path ?? ''))),
    h('h2', { id: 'recovery-backups-heading' }, 'Restore a backup'),
    ...list);
  return { title: TITLE, element };
}
