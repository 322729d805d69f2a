// Settings' Sync section: how sync stands (the shared folder, this laptop's references, the other laptops, what is waiting), syncing now and the conflicts (each marked resolved with what was decided); before set-up, setting up the council's workspace on the first laptop or joining it from another.

import { call } from './api.js';
import { h, hiddenText, icon, caseHref, replace } from './dom.js';
import { textField, buttonGroup, errorSummary, showApiError, showErrors, errorsOf, clearErrors, guard, markAllClean, markDirty } from './forms.js';
import { refreshSyncStatus, SYNC_STATUS } from './sync-status.js';

function plural(count, one, many) {
  const n = Number(count) || 0;
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** A conflict's `at` (an RFC 3339 time) as this computer's local date and time; as sent when it is not one. */
function localTime(at) {
  if (!at) return '';
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) return String(at);
  return time.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function factRow(label, value) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value' }, value));
}

function warning(id, ...text) {
  return h('div', { class: 'warning-text', id },
    h('span', { class: 'warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'warning-text__text' }, hiddenText('Warning: '), ...text));
}

/**
 * The Sync section, drawn from `first` (what sync_status() sent, or {failed: ApiError}). Redrawn
 * from the status each action sends back, and from the header's status after an automatic sync
 * while nothing is being typed or done in it.
 */
export function syncSection({ first, context }) {
  const summary = errorSummary({ id: 'sync-error-summary', level: 'h3' });
  const body = h('div', { id: 'sync-body' });
  // What the last action did. Always in the page, so that screen readers hear it when it changes.
  const message = h('div', { id: 'sync-message', class: 'sync-message', role: 'status', tabindex: '-1' });
  const conflictsSlot = h('div', { id: 'sync-conflicts-slot' });
  let current = first?.failed ? null : first;
  let busy = false;

  const section = h('section', { class: 'settings-section', id: 'sync', 'aria-labelledby': 'sync-heading' },
    h('h2', { id: 'sync-heading', tabindex: '-1' }, 'Sync with other laptops'),
    summary,
    body,
    message,
    conflictsSlot);

  function say(text) {
    message.replaceChildren(...(text ? [icon('✓'), ' ', text] : []));
  }

  function setBusy(on) {
    busy = on;
    for (const button of section.querySelectorAll('button')) {
      if (on) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
  }

  /** After an action: the section from its status, the header from it too, focus on what was done. */
  function done(status, text) {
    clearErrors(section, summary);
    if (status) {
      current = status;
      draw(status);
    }
    // Nothing typed in the section holds up leaving Settings once the action has been done.
    markAllClean(section);
    say(text);
    refreshSyncStatus(status ?? undefined);
    message.focus();
  }

  /* ----- Not set up: the first laptop sets up, the others join ----- */

  function setUpForm({ id, title, intro, folderId, fileId, fileLabel, fileHint, buttonId, buttonText, command, doneText }) {
    const formSummary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
    const button = h('button', { type: 'submit', class: 'button', id: buttonId }, buttonText);
    const form = h('form', { id, class: 'form form--add sync-form', novalidate: true, 'aria-labelledby': `${id}-heading` },
      h('h3', { id: `${id}-heading` }, title),
      h('p', { class: 'hint' }, intro),
      formSummary,
      textField({ id: folderId, name: 'folder', label: 'Shared folder', field: 'folder', spellcheck: 'false', hint: 'The folder’s full path, for example S:\\Complaints\\Redress sync' }),
      textField({ id: fileId, name: 'join_file', label: fileLabel, field: 'join_file', spellcheck: 'false', hint: fileHint }),
      buttonGroup(button));
    guard(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form, formSummary);
      clearErrors(section, summary);
      say('');
      const folder = form.querySelector(`#${folderId}`).value;
      const joinFile = form.querySelector(`#${fileId}`).value;
      setBusy(true);
      try {
        // Tauri names the Rust command's join_file argument joinFile on this side.
        const result = await call(command, { folder, joinFile });
        setBusy(false);
        // Joining gives this laptop its own reference prefix: the settings
        // form above must not save the old one back.
        const prefixField = document.querySelector('#reference_prefix');
        if (prefixField && result?.status?.prefix) {
          prefixField.value = result.status.prefix;
          prefixField.defaultValue = result.status.prefix;
        }
        done(result?.status, result?.message ?? doneText);
        context?.appInfo?.().catch(() => {});
        context?.refreshReminders?.();
      } catch (error) {
        setBusy(false);
        showApiError({ form, summary: formSummary, error });
      }
    });
    return form;
  }

  function notSetUp() {
    return [
      h('p', {}, 'Laptops share their cases through a shared folder: a network drive, a OneDrive or SharePoint folder, or a USB stick. Each laptop writes only its own files there and reads the others’.'),
      h('p', {}, 'The files are encrypted with the council’s key, which is kept in the join file. Hand the join file over like a password, and do not keep it in the shared folder.'),
      h('div', { class: 'sync-forms' },
        setUpForm({
          id: 'sync-init-form', title: 'Set up on this laptop (the first one)',
          intro: 'Makes the council’s workspace in the shared folder (empty or new) and saves the join file the other laptops need.',
          folderId: 'sync-init-folder', fileId: 'sync-init-join-file', fileLabel: 'Save the join file as',
          fileHint: 'Not in the shared folder: somewhere only you can open, for example your Documents folder',
          buttonId: 'sync-init-button', buttonText: 'Set up sync', command: 'sync_init', doneText: 'Sync is set up.',
        }),
        setUpForm({
          id: 'sync-join-form', title: 'Join from this laptop',
          intro: 'For a laptop with no cases yet, once the first one is set up: it then shares the council’s cases.',
          folderId: 'sync-join-folder', fileId: 'sync-join-file', fileLabel: 'Join file',
          fileHint: 'The join file saved when sync was set up on the first laptop',
          buttonId: 'sync-join-button', buttonText: 'Join', command: 'sync_join', doneText: 'This laptop has joined.',
        })),
    ];
  }

  /* ----- Set up: how it stands, and syncing now ----- */

  function devicesValue(devices) {
    if (!devices?.length) return h('span', { id: 'sync-devices', class: 'muted' }, 'None yet');
    return h('ul', { id: 'sync-devices', class: 'list sync-devices' },
      devices.map((device) => h('li', { dataset: { device: device.prefix } },
        `${device.name} (${device.prefix}-…), ${plural(device.batches_read, 'batch', 'batches')} read`)));
  }

  function setUp(status) {
    const syncNow = h('button', { type: 'button', class: 'button', id: 'sync-now-button' }, 'Sync now');
    const working = h('p', { id: 'sync-working', class: 'test-status test-status--busy' });
    syncNow.addEventListener('click', async () => {
      if (busy) return;
      clearErrors(section, summary);
      say('');
      setBusy(true);
      working.textContent = 'Syncing…';
      try {
        const result = await call('sync_now');
        setBusy(false);
        done(result?.status, result?.message);
      } catch (error) {
        setBusy(false);
        working.textContent = '';
        // The shared folder (the field it names) is not a box here: the summary says it all.
        showErrors({ summary, errors: errorsOf(error) });
        refreshSyncStatus();
      }
    });
    return [
      h('p', { class: 'hint' }, 'Redress syncs by itself when it starts and every minute while it runs. Each laptop writes only its own files to the shared folder.'),
      h('dl', { class: 'summary-list sync-facts', id: 'sync-facts' },
        factRow('Shared folder', status.folder
          ? h('span', { id: 'sync-folder', class: 'report-save-status__path' }, status.folder)
          : h('span', { id: 'sync-folder', class: 'muted' }, 'Not known')),
        factRow('This laptop’s references', status.prefix
          ? h('span', { id: 'sync-prefix' }, `${status.prefix}-…`)
          : h('span', { id: 'sync-prefix', class: 'muted' }, 'Not set')),
        factRow('Status', h('span', { id: 'sync-state' }, status.headline ?? '')),
        factRow('Waiting', h('span', { id: 'sync-waiting' }, plural(status.waiting, 'change', 'changes'))),
        factRow('Other laptops', devicesValue(status.devices))),
      status.last_problem ? warning('sync-problem', 'Last problem: ', status.last_problem) : null,
      buttonGroup(syncNow, working),
    ];
  }

  /* ----- Conflicts ----- */

  function conflictItem(conflict, index, typed) {
    const titleId = `sync-conflict-${index}-title`;
    const open = conflict.resolved === null || conflict.resolved === undefined;
    let form = null;
    if (open) {
      const inputId = `sync-resolution-${index}`;
      const formSummary = errorSummary({ id: `sync-resolve-${index}-error-summary`, level: 'h5' });
      const field = textField({ id: inputId, name: 'resolution', label: 'What was decided', field: 'resolution', width: 'long' });
      const input = field.querySelector('input');
      input.setAttribute('aria-describedby', titleId);
      if (typed.has(conflict.id)) input.value = typed.get(conflict.id);
      const button = h('button', { type: 'submit', class: 'button button--secondary button--small', dataset: { resolve: conflict.id } }, 'Mark resolved');
      form = h('form', { class: 'sync-resolve', novalidate: true, dataset: { conflictForm: conflict.id } },
        formSummary, field, buttonGroup(button));
      guard(form);
      if (input.value) markDirty(form);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (busy) return;
        clearErrors(form, formSummary);
        clearErrors(section, summary);
        say('');
        setBusy(true);
        try {
          const status = await call('sync_resolve', { id: conflict.id, resolution: input.value });
          setBusy(false);
          done(status, `Marked the conflict on ${conflict.reference} as resolved.`);
        } catch (error) {
          setBusy(false);
          showApiError({ form, summary: formSummary, error, locate: (name) => (name === 'resolution' ? input : null) });
        }
      });
    }
    return h('li', { class: ['sync-conflict', open ? 'sync-conflict--open' : 'sync-conflict--resolved'], dataset: { conflict: conflict.id } },
      h('h4', { class: 'sync-conflict__title', id: titleId },
        'Case ', h('a', { href: caseHref(conflict.reference), class: 'link' }, conflict.reference),
        ' ', open
          ? h('strong', { class: 'tag tag--due-today' }, 'Open')
          : h('strong', { class: 'tag tag--neutral' }, 'Resolved')),
      h('dl', { class: 'summary-list summary-list--compact sync-conflict__facts' },
        factRow('What', conflict.what ?? ''),
        factRow('Who', `${conflict.actor ?? ''} on ${conflict.device ?? ''}`),
        factRow('Why it was refused', conflict.why ?? ''),
        factRow('When', h('span', { class: 'nowrap-date' }, localTime(conflict.at)))),
      open ? form : h('p', { class: 'sync-conflict__resolved' }, h('strong', {}, 'Resolved: '), conflict.resolved));
  }

  function conflicts(status) {
    // What was typed about a conflict still open is kept when the list is drawn again.
    const typed = new Map();
    for (const form of conflictsSlot.querySelectorAll('form[data-conflict-form]')) {
      const value = form.querySelector('input[name="resolution"]')?.value ?? '';
      if (value && form.dataset.dirty) typed.set(form.dataset.conflictForm, value);
    }
    const list = status.conflicts ?? [];
    return h('div', { id: 'sync-conflicts', class: 'sync-conflicts' },
      h('h3', { id: 'sync-conflicts-heading' }, 'Conflicts'),
      list.length
        ? [
          h('p', { class: 'hint' }, 'Steps taken on another laptop that the rules refused when the laptops’ work was put in one order. Decide what to do on the case, then record it here: it goes to every laptop.'),
          h('ul', { class: 'sync-conflict-list', 'aria-labelledby': 'sync-conflicts-heading' },
            list.map((conflict, index) => conflictItem(conflict, index, typed))),
        ]
        : h('p', { id: 'sync-no-conflicts' }, 'No conflicts.'));
  }

  function draw(status) {
    if (status?.set_up) {
      replace(body, setUp(status));
      conflictsSlot.replaceChildren(conflicts(status));
    } else {
      replace(body, notSetUp());
      conflictsSlot.replaceChildren();
    }
  }

  // After an automatic sync the header's status comes here too; the section is drawn again unless
  // something is being typed or done in it.
  const onStatus = (event) => {
    if (!section.isConnected) {
      document.removeEventListener(SYNC_STATUS, onStatus);
      return;
    }
    const status = event.detail;
    if (!status || status === current || busy) return;
    if (current && JSON.stringify(status) === JSON.stringify(current)) {
      current = status;
      return;
    }
    const focused = document.activeElement;
    if (section.querySelector('form[data-dirty]') || body.contains(focused) || conflictsSlot.contains(focused)) return;
    if (!current) clearErrors(section, summary);
    current = status;
    draw(status);
  };
  document.addEventListener(SYNC_STATUS, onStatus);

  if (first?.failed) showErrors({ summary, errors: errorsOf(first.failed) });
  else draw(current);
  // (The section is not in the page yet, so the error summary takes no focus from the screen's heading.)
  return section;
}
