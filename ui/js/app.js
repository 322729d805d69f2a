// Redress UI entry point: asks first whether the data can be used (else only the recovery screen is shown), routes location.hash to a screen, keeps the header (with its sync status), nav and backup banner current, and guards unsaved changes.

import { call } from './api.js';
import { caseHref, h, hiddenText, screenHeading } from './dom.js';
import { isDirty, markAllClean, confirmLeave } from './forms.js';
import * as caseload from './screens/caseload.js';
import * as reminders from './screens/reminders.js';
import * as cases from './screens/cases.js';
import * as newCase from './screens/new-case.js';
import * as caseScreen from './screens/case.js';
import * as people from './screens/people.js';
import * as person from './screens/person.js';
import * as reports from './screens/reports.js';
import * as settings from './screens/settings.js';
import * as calculator from './screens/calculator.js';
import * as setup from './screens/setup.js';
import * as recovery from './screens/recovery.js';
import { backupBanner, startBackupBanner, stopBackupBanner } from './backup-banner.js';
import { locationBanner, showLocationWarning } from './location-banner.js';
import { nationBanner, showNationQuestion } from './nation-banner.js';
import { startSyncStatus, stopSyncStatus } from './sync-status.js';
import { preventStrayDrops } from './drop-zone.js';

const DEFAULT_HASH = '#/caseload';
const SETUP_HASH = '#/setup';
const RECOVERY_HASH = '#/recovery';

const ROUTES = [
  { pattern: /^#\/caseload$/, screen: caseload, name: 'caseload', title: 'My caseload', nav: '#/caseload' },
  { pattern: /^#\/reminders$/, screen: reminders, name: 'reminders', title: 'Reminders', nav: '#/reminders' },
  { pattern: /^#\/cases$/, screen: cases, name: 'cases', title: 'Cases', nav: '#/cases' },
  { pattern: /^#\/new$/, screen: newCase, name: 'new', title: 'New complaint', nav: '#/new' },
  { pattern: /^#\/case\/(.+)$/, screen: caseScreen, name: 'case', title: 'Case', nav: null },
  { pattern: /^#\/people$/, screen: people, name: 'people', title: 'People', nav: '#/people' },
  { pattern: /^#\/person\/(.+)$/, screen: person, name: 'person', title: 'Person', nav: null },
  { pattern: /^#\/reports$/, screen: reports, name: 'reports', title: 'Reports', nav: '#/reports' },
  { pattern: /^#\/settings$/, screen: settings, name: 'settings', title: 'Settings', nav: '#/settings' },
  { pattern: /^#\/calculator$/, screen: calculator, name: 'calculator', title: 'Deadline calculator', nav: '#/calculator' },
  { pattern: /^#\/setup$/, screen: setup, name: 'setup', title: 'Set up Redress', nav: null },
];

// Only while the database cannot be used, and then the only screen there is.
const RECOVERY_ROUTE = { pattern: /^#\/recovery$/, screen: recovery, name: 'recovery', title: 'Redress cannot open your data safely', nav: null };

const main = document.getElementById('main');
let currentHash = null;
let renderCount = 0;
let flashMessage = null;
// True once database_status() has said the data cannot be used: every screen but recovery is shut.
let recoveryMode = false;
let recoveryStatus = null;

/** Asks the core for app_info and shows the council and user in the header. */
async function appInfo() {
  const info = await call('app_info');
  document.getElementById('council-name').textContent = info.council_name ?? '';
  document.getElementById('current-user').textContent = info.user || 'Not set';
  showNationQuestion(info.nation_unsaid);
  return info;
}

let reminderTicket = 0;

/**
 * Asks the core for today's reminders and shows how many beside the Reminders nav item (hidden
 * when none). A failure leaves the count as it was: the header is not worth breaking a screen for.
 */
async function refreshReminderCount() {
  const mine = ++reminderTicket;
  try {
    const today = await call('reminders_today');
    if (mine !== reminderTicket) return;
    const badge = document.getElementById('reminder-count');
    if (!badge) return;
    const count = Array.isArray(today?.reminders) ? today.reminders.length : 0;
    badge.replaceChildren(count.toLocaleString('en-GB'), hiddenText(' due'));
    badge.hidden = count === 0;
  } catch {
    // Left as it was.
  }
}

function markNav(navHash) {
  for (const link of document.querySelectorAll('.app-nav a')) {
    if (link.getAttribute('href') === navHash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function failedScreen(route, error) {
  return {
    title: route.title,
    element: h('section', { class: 'screen', dataset: { screen: route.name } },
      screenHeading(route.title),
      h('div', { class: 'error-summary', role: 'alert' },
        h('h2', { class: 'error-summary__title' }, 'There is a problem'),
        h('p', { class: 'error-summary__text' }, error?.message ?? String(error)))),
  };
}

function focusHeading() {
  const heading = main.querySelector('#screen-heading');
  if (heading) {
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

/**
 * Shuts every screen but recovery: the nav and the user go (inert as well as hidden), the backup
 * banner stops, and the recovery screen is shown whatever the address said.
 */
function enterRecovery(status) {
  const first = !recoveryMode;
  recoveryMode = true;
  recoveryStatus = status ?? recoveryStatus;
  stopBackupBanner();
  stopSyncStatus();
  const nav = document.querySelector('.app-nav');
  if (nav) {
    nav.hidden = true;
    nav.inert = true;
  }
  const user = document.querySelector('.app-header__user');
  if (user) user.hidden = true;
  document.getElementById('reminder-count')?.setAttribute('hidden', '');
  markAllClean(main);
  if (location.hash !== RECOVERY_HASH) history.replaceState(null, '', RECOVERY_HASH);
  if (first || currentHash !== RECOVERY_HASH) show(RECOVERY_HASH);
}

/** database_status(), or null when it cannot be asked (the screens then say what is wrong). */
async function databaseStatus() {
  try {
    return await call('database_status');
  } catch {
    return null;
  }
}

/** After a command was refused as `database_unusable`: asks again, and shuts the app if so. */
async function recheckDatabase() {
  if (recoveryMode) return;
  const status = await databaseStatus();
  if (status && status.ok === false) enterRecovery(status);
}

/** Renders the screen for `hash` into <main>, unless a later navigation overtakes it. */
async function show(hash) {
  if (recoveryMode && hash !== RECOVERY_HASH) {
    history.replaceState(null, '', RECOVERY_HASH);
    return show(RECOVERY_HASH);
  }
  const route = recoveryMode ? RECOVERY_ROUTE : ROUTES.find((candidate) => candidate.pattern.test(hash));
  if (!route) {
    history.replaceState(null, '', DEFAULT_HASH);
    return show(DEFAULT_HASH);
  }
  const ticket = ++renderCount;
  currentHash = hash;
  markNav(route.nav);
  main.setAttribute('aria-busy', 'true');
  const params = hash.match(route.pattern).slice(1);
  // A message from the action that led here is for this screen only: a screen that does not show
  // it (or fails) does not leave it for the next one.
  let flash = flashMessage;
  flashMessage = null;
  const context = {
    params,
    appInfo,
    refreshReminders: refreshReminderCount,
    databaseStatus: recoveryStatus,
    navigate,
    rerender: () => show(currentHash),
    flash: (text) => { flashMessage = text; },
    takeFlash: () => { const text = flash; flash = null; return text; },
  };
  if (!recoveryMode) refreshReminderCount();
  let result;
  try {
    result = await route.screen.render(context);
  } catch (error) {
    result = failedScreen(route, error);
    if (error?.code === 'database_unusable') recheckDatabase();
  }
  if (ticket !== renderCount) return;
  // The location and backup banners (hidden unless the data's folder is unsafe, or a backup is due)
  // sit above every screen but recovery.
  main.replaceChildren(...(recoveryMode ? [] : [locationBanner, nationBanner, backupBanner]), result.element);
  main.removeAttribute('aria-busy');
  document.title = `${result.title ?? route.title} – Redress`;
  focusHeading();
  result.afterShow?.();
}

/** Goes to another screen (the caller has already dealt with unsaved changes). */
function navigate(hash) {
  if (location.hash === hash) show(hash);
  else location.hash = hash;
}

window.addEventListener('hashchange', async () => {
  const target = location.hash;
  if (!target.startsWith('#/')) return; // an in-page link such as the skip link
  if (recoveryMode) {
    // Nowhere else to go until the data is restored.
    if (target !== RECOVERY_HASH) history.replaceState(null, '', RECOVERY_HASH);
    return;
  }
  if (target === currentHash) return;
  if (currentHash && isDirty(main)) {
    history.replaceState(null, '', currentHash);
    if (!(await confirmLeave())) return;
    markAllClean(main);
    location.hash = target;
    return;
  }
  show(target);
});

// A click on a reminder notification brings the window forward on the case
// it names, or on today's reminders (the hashchange guard above still asks
// about unsaved changes).
window.__TAURI__?.event?.listen('redress://open', (event) => {
  if (recoveryMode) return;
  const reference = event.payload?.reference;
  location.hash = reference ? caseHref(reference) : '#/reminders';
});

// Links to other screens ask first when a form has unsaved edits.
document.addEventListener('click', async (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
  if (!link) return;
  const target = link.getAttribute('href');
  if (target === currentHash || !isDirty(main)) return;
  event.preventDefault();
  if (!(await confirmLeave())) return;
  markAllClean(main);
  navigate(target);
});

// A file dropped anywhere but a drop zone is not opened in place of the app.
preventStrayDrops();

// The skip link moves focus without changing the route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

/**
 * The first screen: the one the address names, except that a new installation (no cases, no
 * council name, setup neither finished nor skipped) opening on the caseload is set up first.
 * Asked once, here at startup: later navigation goes where it is sent.
 */
async function startHash(initial) {
  // "#/" is where a restore sends the window: the start screen, as if no address were given.
  const asked = initial.startsWith('#/') && initial !== '#/' ? initial : DEFAULT_HASH;
  let info = null;
  try {
    info = await appInfo();
  } catch {
    // The screen shows the problem; the header just stays blank.
  }
  // Sent elsewhere while app_info was asked for (a reminder notification's click, a link): that
  // navigation has been shown, so the start screen is not.
  if (location.hash !== initial) return null;
  return asked === DEFAULT_HASH && setup.setupNeeded(info) ? SETUP_HASH : asked;
}

/**
 * Starting: the database is asked about first. When it cannot be used the recovery screen is the
 * only one; otherwise the backup banner starts checking and the start screen is shown.
 */
async function start() {
  const initial = location.hash;
  const status = await databaseStatus();
  if (status && status.ok === false) {
    enterRecovery(status);
    return;
  }
  showLocationWarning(status?.warning);
  startBackupBanner();
  startSyncStatus();
  const first = await startHash(initial);
  if (!first || currentHash || recoveryMode) return;
  if (first !== location.hash) history.replaceState(null, '', first);
  show(first);
}

start();
