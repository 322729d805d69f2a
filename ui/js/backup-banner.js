// The banner at the top of every screen when the newest backup is more than a day old (or there is none), with a button that backs up at once. Checked at start and every 30 minutes; it never blocks the screen under it.

import { call } from './api.js';
import { h, hiddenText, icon } from './dom.js';
import { BACKUP_MADE } from './backups.js';
import { statusRunner } from './busy.js';

const CHECK_EVERY_MS = 30 * 60 * 1000;

const title = h('h2', { class: 'banner__title', id: 'backup-banner-title' });
const button = h('button', { type: 'button', class: 'button', id: 'banner-back-up-now' }, 'Back up now');
const status = h('p', { class: 'test-status', id: 'banner-backup-status', role: 'status' });

/** The banner itself: app.js puts it at the top of <main>, above each screen; hidden unless a backup is due. */
export const backupBanner = h('section', {
  id: 'backup-banner', class: 'banner banner--backup', 'aria-labelledby': 'backup-banner-title', hidden: true,
},
title,
h('p', { class: 'banner__text' }, 'Back up now, so that your work can be put back if something goes wrong with this computer or its files.'),
h('div', { class: 'button-group' }, button, status));

// Says "Backed up at …" after the banner has gone (a hidden region's words are not read out).
const announcer = h('p', { class: 'visually-hidden', id: 'backup-banner-announcer', role: 'status' });

let running = false;
let timer = null;
let ticket = 0;

/** Hides the banner; focus on its button moves to the screen's heading rather than being lost. */
function hide() {
  if (backupBanner.hidden) return;
  const hadFocus = backupBanner.contains(document.activeElement);
  backupBanner.hidden = true;
  if (hadFocus) (document.getElementById('screen-heading') ?? document.getElementById('main'))?.focus();
}

/** Shows the banner for what backups() sent, or hides it when the newest backup is recent. */
function draw(list) {
  if (!list?.stale) {
    hide();
    return;
  }
  const text = list.last ? `Your last backup was made ${list.last.made_at}` : 'There is no backup of this data yet';
  if (backupBanner.hidden) {
    status.classList.remove('test-status--error');
    status.replaceChildren();
  }
  title.replaceChildren(icon('⚠'), ' ', hiddenText('Warning: '), text);
  backupBanner.hidden = false;
}

/**
 * Asks the core whether a backup is due and shows or hides the banner. A failure leaves the banner
 * as it was: it is not worth breaking a screen for.
 */
export async function checkBackups() {
  if (!running) return;
  const mine = ++ticket;
  try {
    const list = await call('backups');
    if (mine !== ticket || !running) return;
    draw(list);
  } catch {
    // Left as it was.
  }
}

/** Starts checking: now and every 30 minutes. */
export function startBackupBanner() {
  if (running) return;
  running = true;
  if (!announcer.isConnected) document.body.append(announcer);
  checkBackups();
  timer = setInterval(checkBackups, CHECK_EVERY_MS);
}

// The core says when it has made an automatic backup (at start, and daily): look again then, so a
// banner shown before the start's backup finished does not stay up for half an hour.
window.__TAURI__?.event?.listen('redress://backed-up', () => checkBackups());

/** Stops checking and hides the banner (the recovery screen has no use for it). */
export function stopBackupBanner() {
  running = false;
  ticket += 1;
  clearInterval(timer);
  timer = null;
  backupBanner.hidden = true;
}

const run = statusRunner(status);
button.addEventListener('click', () => run(button, async () => {
  ticket += 1; // a check still under way would only say what was true before this backup
  const backup = await call('back_up_now');
  status.replaceChildren();
  announcer.textContent = `Backed up at ${backup?.made_at ?? ''}`.trim();
  hide();
  document.dispatchEvent(new CustomEvent(BACKUP_MADE, { detail: backup }));
}, 'Backing up…'));
