// The header's sync status: the core's headline ("Up to date, 2 min ago") and a link to Settings' Sync section when there are open conflicts; hidden until sync is set up. Asked at start, on each automatic sync (redress://synced), after every sync done in the window, and every minute.

import { call } from './api.js';
import { h, replace } from './dom.js';

const REFRESH_EVERY_MS = 60 * 1000;
const SETTINGS_HASH = '#/settings';

/** Sent on document with the SyncStatus each time the header is drawn, for Settings' Sync section. */
export const SYNC_STATUS = 'redress:sync-status';

let running = false;
let timer = null;
let ticket = 0;
// Set when the conflicts link is followed to another screen: Settings then shows its Sync section.
let jumpWanted = false;

function element() {
  return document.getElementById('sync-status');
}

function conflictsText(count) {
  const n = Number(count);
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'conflict' : 'conflicts'}`;
}

/** Brings Settings' Sync section into view and focus (when it is on the screen). */
export function showSyncSection() {
  const heading = document.getElementById('sync-heading');
  if (!heading) return false;
  heading.scrollIntoView?.({ block: 'start' });
  heading.focus({ preventScroll: true });
  return true;
}

/** Whether the conflicts link asked for the Sync section (asked once: the answer is then cleared). */
export function takeSyncJump() {
  const wanted = jumpWanted;
  jumpWanted = false;
  return wanted;
}

function conflictsLink(count) {
  const link = h('a', { href: SETTINGS_HASH, id: 'sync-conflicts-link', class: 'app-header__sync-link' }, conflictsText(count));
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (location.hash === SETTINGS_HASH && showSyncSection()) {
      event.preventDefault();
      return;
    }
    jumpWanted = true;
  });
  return link;
}

/** Draws the header from a SyncStatus: hidden when sync is not set up. */
function draw(status) {
  const box = element();
  if (!box || !status || typeof status !== 'object') return;
  if (!status.set_up) {
    box.hidden = true;
    box.replaceChildren();
  } else {
    const open = Number(status.open_conflicts) || 0;
    replace(box,
      h('span', { class: 'app-header__sync-headline', id: 'sync-headline' }, status.headline ?? ''),
      open > 0 && [h('span', { class: 'app-header__sync-sep', 'aria-hidden': 'true' }, ' · '), conflictsLink(open)]);
    box.hidden = false;
  }
  document.dispatchEvent(new CustomEvent(SYNC_STATUS, { detail: status }));
}

/**
 * Refreshes the header: from `status` when the caller already has a SyncStatus (what sync_now,
 * sync_init, sync_join and sync_resolve sent back), else by asking sync_status(). A failure to ask
 * leaves it as it was: the header is not worth breaking a screen for.
 */
export async function refreshSyncStatus(status) {
  if (!running) return;
  const mine = ++ticket;
  if (status && typeof status === 'object') {
    draw(status);
    return;
  }
  try {
    const asked = await call('sync_status');
    if (mine !== ticket || !running) return;
    draw(asked);
  } catch {
    // Left as it was.
  }
}

/** Starts: asks now and every minute (so "2 min ago" moves on). */
export function startSyncStatus() {
  if (running) return;
  running = true;
  refreshSyncStatus();
  timer = setInterval(() => refreshSyncStatus(), REFRESH_EVERY_MS);
}

/** Stops asking and hides the status (the recovery screen has no use for it). */
export function stopSyncStatus() {
  running = false;
  ticket += 1;
  clearInterval(timer);
  timer = null;
  const box = element();
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

// The core says when an automatic sync has run (at start and every minute while set up).
window.__TAURI__?.event?.listen('redress://synced', () => refreshSyncStatus());
