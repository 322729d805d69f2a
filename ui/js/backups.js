// What the Settings screen and the recovery screen share about backups: a backup's kind in words, the table of backups with a restore button on each, and the event that says a backup was just made.

import { h, hiddenText, tableWrap } from './dom.js';

/** Sent on `document` (detail: the new Backup) when a backup is made from the window. */
export const BACKUP_MADE = 'redress:backup-made';

const KIND_WORDS = {
  automatic: 'Automatic',
  manual: 'Made by you',
  'before-restore': 'Before a restore',
};

/** A Backup's kind as people read it: "Automatic", "Made by you", "Before a restore". */
export function kindText(kind) {
  return KIND_WORDS[kind] ?? String(kind ?? '');
}

/** When a backup was made, as the core wrote it, with its ISO time for machines. */
export function madeAt(backup) {
  return h('time', { datetime: backup?.made_at_iso || null }, backup?.made_at ?? '');
}

/** "1 backup" / "3 backups". */
export function backupCount(n) {
  const count = Number(n) || 0;
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'backup' : 'backups'}`;
}

/**
 * The table of backups, newest first as the core lists them: when each was made, its kind and
 * size, and a button (`button[data-restore="<file>"]`) that calls `onRestore(backup, button)`.
 * `buttonText` is the button's visible words; with `markNewest` the first row is tagged "Newest"
 * and its button is the green one.
 */
export function backupsTable({ id, label, backups, buttonText, markNewest = false, onRestore }) {
  const rows = (backups ?? []).map((backup, index) => {
    const newest = markNewest && index === 0;
    const button = h('button', {
      type: 'button',
      class: ['button', !newest && 'button--secondary', 'button--small'],
      id: `${id}-restore-${index}`,
      dataset: { restore: backup.file },
    }, buttonText, hiddenText(` made ${backup.made_at ?? ''}`));
    button.addEventListener('click', () => onRestore?.(backup, button));
    return h('tr', { dataset: { backup: backup.file, kind: backup.kind } },
      h('th', { scope: 'row', class: 'backup-made' },
        madeAt(backup),
        newest ? [' ', h('strong', { class: 'tag tag--neutral', dataset: { newest: 'true' } }, 'Newest')] : null),
      h('td', {}, kindText(backup.kind)),
      h('td', { class: 'numeric' }, backup.size ?? ''),
      h('td', { class: 'backup-restore' }, button));
  });
  const table = h('table', { class: 'table table--backups', id },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Made'),
      h('th', { scope: 'col' }, 'Kind'),
      h('th', { scope: 'col' }, 'Size'),
      h('th', { scope: 'col' }, hiddenText('Restore')))),
    h('tbody', {}, rows));
  return tableWrap(table, label);
}
