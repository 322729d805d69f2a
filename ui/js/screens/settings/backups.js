// Settings' Backups section: when the last backup was made and where they are kept, one made now, and one restored.

import { call } from '../../api.js';
import { h, icon } from '../../dom.js';
import { errorSummary, showErrors, errorsOf, clearErrors, markAllClean, buttonGroup, confirmDialog } from '../../forms.js';
import { BACKUP_MADE, backupsTable, kindText, madeAt } from '../../backups.js';
import { checkBackups } from '../../backup-banner.js';
import { factRow } from './shared.js';

/**
 * The section, from what backups() first gave (`first`: {failed} when it failed) and the screen's
 * context (to flash, navigate and refresh the header after a restore).
 */
export function backupsSection({ first, context }) {
  const backupsSummary = errorSummary({ id: 'backups-error-summary', level: 'h3' });
  const facts = h('dl', { class: 'summary-list backups-facts', id: 'backups-facts' });
  const backUp = h('button', { type: 'button', class: 'button', id: 'back-up-now' }, 'Back up now');
  const working = h('p', { id: 'backups-status', class: 'test-status', role: 'status' });
  const done = h('div', { id: 'backups-done', class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const listSlot = h('div', { id: 'backups-list' });
  let current = first?.failed ? null : first;
  let busy = false;

  const section = h('section', { class: 'settings-section', id: 'backups', 'aria-labelledby': 'backups-heading' },
    h('h2', { id: 'backups-heading' }, 'Backups'),
    h('p', { class: 'hint' }, 'Redress backs up your data by itself when it starts and every day while it runs, and keeps the last 7 daily and 4 weekly backups. Each backup is checked after it is made.'),
    backupsSummary,
    facts,
    buttonGroup(backUp, working),
    done,
    h('h3', { id: 'backups-list-heading' }, 'Backups kept'),
    listSlot);

  function setBusy(on) {
    busy = on;
    for (const button of [backUp, ...listSlot.querySelectorAll('button[data-restore]')]) {
      if (on) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
  }

  function draw(list) {
    const last = list?.last ?? null;
    facts.replaceChildren(
      factRow('Last backup', last
        ? h('span', { id: 'backups-last' }, madeAt(last), ` (${kindText(last.kind).toLowerCase()})`)
        : h('span', { id: 'backups-last', class: 'muted' }, 'None yet')),
      factRow('Backups folder', list?.folder
        ? h('span', { class: 'report-save-status__path', id: 'backups-folder' }, list.folder)
        : h('span', { id: 'backups-folder', class: 'muted' }, 'Not known')));
    const backups = list?.backups ?? [];
    listSlot.replaceChildren(backups.length
      ? backupsTable({ id: 'backups-table', label: 'Backups kept', backups, buttonText: 'Restore', onRestore: restore })
      : h('p', { id: 'backups-none', class: 'no-results' }, 'There are no backups yet.'));
  }

  /** Asks for the list again after `made` was made; if that fails, adds `made` to the list shown. */
  async function refresh(made) {
    try {
      current = await call('backups');
    } catch {
      if (made) {
        current = {
          ...(current ?? {}), last: made, stale: false,
          backups: [made, ...(current?.backups ?? []).filter((backup) => backup.file !== made.file)],
        };
      }
    }
    draw(current);
  }

  backUp.addEventListener('click', async () => {
    if (busy) return;
    setBusy(true);
    clearErrors(section, backupsSummary);
    done.hidden = true;
    working.textContent = 'Backing up…';
    try {
      const backup = await call('back_up_now');
      await refresh(backup);
      working.textContent = '';
      done.replaceChildren(icon('✓'), ' ', `Backed up at ${backup?.made_at ?? ''}`);
      done.hidden = false;
      checkBackups();
    } catch (error) {
      working.textContent = '';
      showErrors({ summary: backupsSummary, errors: errorsOf(error) });
    } finally {
      setBusy(false);
    }
  });

  async function restore(backup) {
    if (busy) return;
    clearErrors(section, backupsSummary);
    done.hidden = true;
    const yes = await confirmDialog({
      title: `Restore the backup of ${backup.made_at}?`,
      text: `Redress will back up your current data first, then replace it with the backup of ${backup.made_at}. Anything recorded after that will no longer show in Redress (it stays in the backup made first).`,
      yes: 'Restore this backup',
      no: 'Cancel',
    });
    if (!yes) return;
    setBusy(true);
    working.textContent = `Restoring the backup of ${backup.made_at}…`;
    try {
      const result = await call('restore_backup', { file: backup.file });
      const restored = result?.restored ?? backup;
      context.flash(result?.safety
        ? `Restored the backup of ${restored.made_at}. Your data as it was just before is kept in the backup made at ${result.safety.made_at}.`
        : `Restored the backup of ${restored.made_at}.`);
      // Whatever was typed in Settings belonged to the data that has just been replaced.
      markAllClean(document);
      context.appInfo().catch(() => {});
      context.refreshReminders?.();
      checkBackups();
      context.navigate('#/');
    } catch (error) {
      working.textContent = '';
      showErrors({ summary: backupsSummary, errors: errorsOf(error) });
    } finally {
      setBusy(false);
    }
  }

  // A backup made from the banner above the screen shows in the list at once.
  const onMade = (event) => {
    if (!section.isConnected) {
      document.removeEventListener(BACKUP_MADE, onMade);
      return;
    }
    if (!busy) refresh(event.detail);
  };
  document.addEventListener(BACKUP_MADE, onMade);

  if (first?.failed) showErrors({ summary: backupsSummary, errors: errorsOf(first.failed) });
  else draw(current);
  return section;
}