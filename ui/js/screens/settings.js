// The Settings screen: council details (with the letterhead's phone, email and website, and the council's own words for outcomes), calendar, reference prefix, user, policy stages, how far back New complaint looks, the largest file a case file takes and deadline reminders (with a test notification), plus officers (edited, retired and brought back), service areas, categories, importing cases (previewed first: the sheet, what each column is recorded as and what the council's own words mean, each changeable and kept for next time) and exporting them, backups (made and restored), sync with the council's other laptops (set up, joined, synced now, and its conflicts resolved), keeping records (the retention period and anonymising closed cases past it), the letter templates (edited with a live preview), and About Redress (its version, licence and where its files are, with the log folder and the third-party licences opened from there).

import { call } from '../api.js';
import { h, hiddenText, icon, labelFor, screenHeading, tableWrap, caseHref, shortDate } from '../dom.js';
import {
  textField, textArea, selectField, options, numberField, radiosField, checkboxField, checkboxesField, tickedValues, fieldset, buttonGroup, errorSummary,
  showApiError, showErrors, errorsOf, clearErrors, group, guard, markClean, markDirty, markAllClean, toNumber, dateValue, confirmDialog,
} from '../forms.js';
import { letterPage, requirementsList } from '../letter-page.js';
import { BACKUP_MADE, backupsTable, kindText, madeAt } from '../backups.js';
import { checkBackups } from '../backup-banner.js';
import { syncSection } from '../sync-settings.js';
import { showSyncSection, takeSyncJump } from '../sync-status.js';

const PREVIEW_DELAY_MS = 400;

/* Importing: the kinds of file the picker offers, and the words of the columns' and words' tables. */
const IMPORT_ACCEPT = '.xlsx,.xls,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';
const NOT_IMPORTED = 'Not imported — kept in the case history';
/** How the core matched a column to its field, in words. */
const REASONS = { mapping: 'From your saved mapping', name: 'Matched by name', synonym: 'A name councils use' };
/** How long the columns and words may pause changing before the preview is asked for again. */
const MAPPING_DELAY_MS = 300;

const TEMPLATE_LANGUAGES = [
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'cy', label: 'Cymraeg', lang: 'cy' },
];

/** The fields most templates use, with what each gives. */
const TEMPLATE_FIELDS = [
  ['recipient.salutation', 'the greeting, such as “Dear Siân Ellis”'],
  ['reference', 'the case reference'],
  ['date', 'the date the letter goes out'],
  ['summary', 'what the complaint is about, in a line'],
  ['stage.respond_by', 'the date the stage’s response is due'],
  ['stage.outcome', 'the stage’s decision, such as “upheld”'],
  ['stage.reasons', 'the reasons for the decision'],
  ['officer.name', 'the officer who signs'],
  ['officer.email', 'their email address'],
  ['ombudsman.name', 'the Ombudsman for the service complained about'],
  ['ombudsman.phone', 'the Ombudsman’s phone number'],
  ['council.name', 'the council’s name'],
];

/** A template's name as people read it: "final-response" → "Final response". */
function templateLabel(name) {
  const words = String(name ?? '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/** A template problem as "Line N: message" (the core's message may already start with its line). */
function problemText(problem) {
  const message = String(problem?.message ?? '').replace(/^line\s+\d+\s*:\s*/i, '');
  const text = message ? message[0].toUpperCase() + message.slice(1) : 'The template cannot be filled in';
  return problem?.line ? `Line ${problem.line}: ${text}` : text;
}

function versionText(version) {
  return Number(version) > 0 ? `Version ${version}` : "Redress's default wording";
}


const REMIND_OF = [
  { value: 'false', label: 'My cases' },
  { value: 'true', label: 'All cases' },
];

const TIME_HINT = 'For example, 08:30';

const RESPONSE_FROM = [
  { value: 'receipt', label: 'From receipt' },
  { value: 'acknowledgement', label: 'From the acknowledgement' },
];

function closureLines(closures) {
  // One a line, as DD/MM/YYYY so that saving the form unchanged reads them back.
  return (closures ?? []).map((date) => (typeof date === 'string' ? date : dateValue(date))).join('\n');
}

function stageFieldset(stage, number, total, onRemove) {
  const id = (name) => `stage${number}_${name}`;
  const remove = number === total && total > 1
    ? h('button', { type: 'button', class: 'button button--secondary', dataset: { removeStage: number } }, `Remove stage ${number}`)
    : null;
  remove?.addEventListener('click', onRemove);
  return h('fieldset', { class: 'fieldset fieldset--stage', dataset: { stage: number } },
    h('legend', { class: 'fieldset__legend fieldset__legend--s' }, `Stage ${number}`),
    h('div', { class: 'stage-fields' },
      numberField({ id: id('acknowledge_days'), label: 'Acknowledge within (working days)', value: stage.acknowledge_days }),
      numberField({ id: id('response_days'), label: 'Respond within (working days)', value: stage.response_days }),
      selectField({ id: id('response_from'), label: 'Response time counted', items: RESPONSE_FROM, value: stage.response_from }),
      numberField({ id: id('extension_limit_days'), label: 'Extension limit (working days)', hint: 'The most an extension can add without a recorded good reason', value: stage.extension_limit_days })),
    remove);
}

export async function render(context) {
  const [settings, initialReference, firstTemplate, autostart, firstBackups, firstRetention, about, firstSync] = await Promise.all([
    call('get_settings'),
    call('reference_data'),
    // The template editor says what went wrong itself; the rest of Settings still works.
    call('get_template', { name: 'acknowledgement', language: 'en' }).catch((error) => ({ failed: error })),
    call('get_autostart').catch((error) => ({ failed: error })),
    // So do the backups and the retention sections.
    call('backups').catch((error) => ({ failed: error })),
    call('retention').catch((error) => ({ failed: error })),
    // And About Redress.
    call('about').catch((error) => ({ failed: error })),
    // And Sync.
    call('sync_status').catch((error) => ({ failed: error })),
  ]);
  let reference = initialReference;
  let policyName = settings.policy?.name ?? '';
  const maxStages = settings.policy?.max_stages ?? 1;

  /* ----- The main settings form ----- */

  const summary = errorSummary({ id: 'error-summary' });
  const nations = (reference.nations ?? []).map((n) => ({ value: n.slug, label: n.label }));
  const nationValue = (reference.nations ?? []).find((n) => n.slug === settings.nation || n.label === settings.nation)?.slug ?? settings.nation;
  const stagesBox = h('div', { class: 'policy-stages' });
  const addStage = h('button', { type: 'button', class: 'button button--secondary', id: 'add-stage' }, 'Add a stage');
  const policyNote = h('p', { class: 'hint', id: 'policy-name' });
  const saved = h('p', { id: 'settings-saved', class: 'saved-status', role: 'status' });
  const save = h('button', { type: 'submit', class: 'button', id: 'save-settings' }, 'Save settings');
  const testNotification = h('button', { type: 'button', class: 'button button--secondary', id: 'send-test-notification' }, 'Send a test notification');
  const testStatus = h('p', { id: 'test-notification-status', class: 'test-status', role: 'status' });
  // Starting at login is this laptop's own setting, changed at once (not by Save settings).
  const autostartField = checkboxField({
    id: 'autostart', label: 'Start Redress when I log in',
    hint: 'It starts in the tray, without a window, so reminders come without opening it. This is changed at once.',
    checked: autostart.enabled === true,
  });
  const autostartBox = autostartField.querySelector('input');
  const autostartStatus = h('p', { id: 'autostart-status', class: 'test-status', role: 'status' });
  if (autostart.failed) {
    autostartStatus.classList.add('test-status--error');
    autostartStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), autostart.failed.message);
  }

  // The council's own words for the outcomes: only what reports and English letters say, not the data.
  // An error about any of them names the field outcome_words; it is shown beside the first.
  const words = settings.outcome_words ?? {};
  const outcomeWordsFieldset = h('fieldset', { class: 'fieldset', id: 'outcome-words', 'aria-describedby': 'outcome-words-hint' },
    h('legend', { class: 'fieldset__legend fieldset__legend--s' }, "Your council's words for outcomes"),
    h('div', { class: 'hint', id: 'outcome-words-hint' },
      'If your council reports outcomes in its own words (for example Justified, Partially justified, Not justified), enter them here. Reports and English letters will use them; the cases keep the same outcome.'),
    textField({ id: 'outcome-word-upheld', label: 'Instead of Upheld', value: words.upheld, width: 'medium', field: 'outcome_words' }),
    textField({ id: 'outcome-word-partly-upheld', label: 'Instead of Partly upheld', value: words.partly_upheld, width: 'medium' }),
    textField({ id: 'outcome-word-not-upheld', label: 'Instead of Not upheld', value: words.not_upheld, width: 'medium' }));

  const form = h('form', { id: 'settings-form', class: 'form', novalidate: true },
    summary,
    fieldset('Council',
      textField({ id: 'council_name', label: 'Council name', value: settings.council_name }),
      textArea({ id: 'council_address', label: 'Council address', hint: 'As it should appear on letters', value: settings.council_address, rows: 4 }),
      textField({ id: 'council_phone', label: 'Phone number', hint: 'For the letterhead', value: settings.council_phone, type: 'tel', width: 'medium' }),
      textField({ id: 'council_email', label: 'Email address', hint: 'For the letterhead', value: settings.council_email, type: 'email', width: 'medium', spellcheck: 'false' }),
      textField({ id: 'council_website', label: 'Website', hint: 'For the letterhead, for example www.example.gov.uk', value: settings.council_website, type: 'url', width: 'medium', spellcheck: 'false' }),
      outcomeWordsFieldset,
      selectField({ id: 'nation', label: 'Bank holidays of', items: nations, value: nationValue }),
      textArea({ id: 'closures', label: 'Other days the council is closed', hint: 'One date per line, for example 29/12/2026. These are not working days.', value: closureLines(settings.closures), rows: 5 })),
    fieldset('This laptop',
      textField({ id: 'reference_prefix', label: 'Reference prefix', hint: 'Letters or digits, unique to this laptop, for example CMP or NK2', value: settings.reference_prefix, width: 'short' }),
      textField({ id: 'user', label: 'Your name, as the audit trail records it', value: settings.user, width: 'medium' })),
    fieldset('Complaints policy',
      policyNote,
      stagesBox,
      addStage),
    fieldset('New complaints',
      numberField({
        id: 'repeat_window_months', label: "How far back New complaint shows a person's earlier cases (months)",
        hint: 'When a new complaint may be from someone who has complained before, their cases received in this many months are shown',
        value: settings.repeat_window_months,
      })),
    fieldset('Case files',
      numberField({
        id: 'document_limit_mb', label: 'Largest file in a case file (MB)',
        hint: 'A file larger than this is refused when it is added to a case, with a message saying so. A whole number from 1 to 2048.',
        value: settings.document_limit_mb,
      })),
    fieldset('Reminders',
      h('p', { class: 'hint' }, 'Redress sends a desktop notification when a deadline is near, due or missed, in working hours.'),
      numberField({ id: 'reminder_lead_days', label: 'Working days before a deadline to remind', value: settings.reminder_lead_days }),
      h('div', { class: 'time-fields' },
        textField({ id: 'working_hours_start', label: 'Working hours start', hint: TIME_HINT, value: settings.working_hours_start, width: 'short' }),
        textField({ id: 'working_hours_end', label: 'Working hours end', hint: TIME_HINT, value: settings.working_hours_end, width: 'short' })),
      radiosField({
        id: 'remind_of_all_cases', legend: 'Remind me of', field: 'remind_of_all_cases', inline: true,
        items: REMIND_OF, value: settings.remind_of_all_cases ? 'true' : 'false',
      }),
      buttonGroup(testNotification, testStatus),
      autostartField,
      autostartStatus),
    buttonGroup(save, saved));
  guard(form);
  form.addEventListener('input', () => { saved.textContent = ''; });

  function readStages() {
    return [...stagesBox.querySelectorAll('fieldset[data-stage]')].map((set) => {
      const n = set.dataset.stage;
      const get = (name) => form.querySelector(`#stage${n}_${name}`).value;
      return {
        acknowledge_days: get('acknowledge_days'),
        response_days: get('response_days'),
        response_from: get('response_from'),
        extension_limit_days: get('extension_limit_days'),
      };
    });
  }

  function drawStages(stages) {
    stagesBox.replaceChildren(...stages.map((stage, index) => stageFieldset(stage, index + 1, stages.length, () => {
      drawStages(readStages().slice(0, -1));
      markDirty(form);
      saved.textContent = '';
      addStage.focus();
    })));
    addStage.hidden = stages.length >= maxStages;
    addStage.textContent = `Add stage ${stages.length + 1}`;
  }

  function fill(values) {
    form.querySelector('#council_name').value = values.council_name ?? '';
    form.querySelector('#council_address').value = values.council_address ?? '';
    form.querySelector('#council_phone').value = values.council_phone ?? '';
    form.querySelector('#council_email').value = values.council_email ?? '';
    form.querySelector('#council_website').value = values.council_website ?? '';
    form.querySelector('#outcome-word-upheld').value = values.outcome_words?.upheld ?? '';
    form.querySelector('#outcome-word-partly-upheld').value = values.outcome_words?.partly_upheld ?? '';
    form.querySelector('#outcome-word-not-upheld').value = values.outcome_words?.not_upheld ?? '';
    form.querySelector('#repeat_window_months').value = values.repeat_window_months ?? '';
    form.querySelector('#document_limit_mb').value = values.document_limit_mb ?? '';
    form.querySelector('#reminder_lead_days').value = values.reminder_lead_days ?? '';
    form.querySelector('#working_hours_start').value = values.working_hours_start ?? '';
    form.querySelector('#working_hours_end').value = values.working_hours_end ?? '';
    for (const radio of form.querySelectorAll('input[name="remind_of_all_cases"]')) {
      radio.checked = radio.value === String(Boolean(values.remind_of_all_cases));
    }
    const nation = (reference.nations ?? []).find((n) => n.slug === values.nation || n.label === values.nation);
    if (nation) form.querySelector('#nation').value = nation.slug;
    form.querySelector('#closures').value = closureLines(values.closures);
    form.querySelector('#reference_prefix').value = values.reference_prefix ?? '';
    form.querySelector('#user').value = values.user ?? '';
    policyName = values.policy?.name ?? policyName;
    policyNote.textContent = policyName ? `Based on: ${policyName}. Times are in working days.` : 'Times are in working days.';
    drawStages((values.policy?.stages ?? []).map((stage) => ({
      acknowledge_days: stage.acknowledge_days ?? '',
      response_days: stage.response_days ?? '',
      response_from: stage.response_from ?? 'acknowledgement',
      extension_limit_days: stage.extension_limit_days ?? '',
    })));
  }
  fill(settings);

  addStage.addEventListener('click', () => {
    const stages = readStages();
    if (stages.length >= maxStages) return;
    const last = stages[stages.length - 1] ?? { acknowledge_days: '', response_days: '', response_from: 'acknowledgement', extension_limit_days: '' };
    stages.push({ ...last });
    drawStages(stages);
    markDirty(form);
    saved.textContent = '';
    form.querySelector(`#stage${stages.length}_acknowledge_days`).focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    saved.textContent = '';
    const input = {
      council_name: form.querySelector('#council_name').value,
      council_address: form.querySelector('#council_address').value,
      council_phone: form.querySelector('#council_phone').value,
      council_email: form.querySelector('#council_email').value,
      council_website: form.querySelector('#council_website').value,
      outcome_words: {
        upheld: form.querySelector('#outcome-word-upheld').value,
        partly_upheld: form.querySelector('#outcome-word-partly-upheld').value,
        not_upheld: form.querySelector('#outcome-word-not-upheld').value,
      },
      nation: form.querySelector('#nation').value,
      closures: form.querySelector('#closures').value.split('\n').map((line) => line.trim()).filter(Boolean),
      reference_prefix: form.querySelector('#reference_prefix').value,
      user: form.querySelector('#user').value,
      // Blank keeps the months as they were; text that is not a number goes as typed, for the core to refuse.
      repeat_window_months: toNumber(form.querySelector('#repeat_window_months').value),
      // The largest file a case file takes, the same way: blank keeps it.
      document_limit_mb: toNumber(form.querySelector('#document_limit_mb').value),
      // Blank lead days or hours are kept as they were, too.
      reminder_lead_days: toNumber(form.querySelector('#reminder_lead_days').value),
      working_hours_start: form.querySelector('#working_hours_start').value.trim(),
      working_hours_end: form.querySelector('#working_hours_end').value.trim(),
      remind_of_all_cases: form.querySelector('input[name="remind_of_all_cases"]:checked')?.value === 'true',
      policy: {
        name: policyName,
        stages: readStages().map((stage) => ({
          acknowledge_days: toNumber(stage.acknowledge_days),
          response_days: toNumber(stage.response_days),
          response_from: stage.response_from,
          extension_limit_days: toNumber(stage.extension_limit_days),
        })),
      },
    };
    save.disabled = true;
    try {
      const result = await call('save_settings', { input });
      fill(result);
      markClean(form);
      saved.textContent = 'Settings saved';
      context.appInfo().catch(() => {});
      context.refreshReminders?.();
    } catch (error) {
      showApiError({ form, summary, error });
    } finally {
      save.disabled = false;
    }
  });

  for (const type of ['input', 'change']) autostartBox.addEventListener(type, (event) => event.stopPropagation());
  autostartBox.addEventListener('change', async () => {
    const wanted = autostartBox.checked;
    autostartStatus.classList.remove('test-status--error');
    try {
      const result = await call('set_autostart', { enabled: wanted });
      autostartBox.checked = result.enabled;
      autostartStatus.replaceChildren(icon('✓'), result.enabled
        ? ' Redress will start in the tray when you log in.'
        : ' Redress will not start when you log in.');
    } catch (error) {
      autostartBox.checked = !wanted;
      autostartStatus.classList.add('test-status--error');
      autostartStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
    }
  });

  // aria-disabled rather than disabled while it sends, so that keyboard focus stays on the button.
  let sendingTest = false;
  testNotification.addEventListener('click', async () => {
    if (sendingTest) return;
    sendingTest = true;
    testNotification.setAttribute('aria-disabled', 'true');
    testStatus.classList.remove('test-status--error');
    testStatus.textContent = 'Sending a test notification…';
    try {
      await call('send_test_notification');
      testStatus.replaceChildren(icon('✓'), ' Test notification sent. If you cannot see it, check the computer’s notification settings.');
    } catch (error) {
      testStatus.classList.add('test-status--error');
      testStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
    } finally {
      sendingTest = false;
      testNotification.removeAttribute('aria-disabled');
    }
  });

  /* ----- Officers, service areas and categories ----- */

  const OFFICER_COLUMNS = ['Name', 'Job title', 'Service area', 'Contact', 'Roles'];
  const officersBody = h('tbody');
  const officersTable = h('table', { class: 'table table--officers', 'aria-labelledby': 'officers-heading' },
    h('thead', {}, h('tr', {},
      OFFICER_COLUMNS.map((label) => h('th', { scope: 'col' }, label)),
      h('th', { scope: 'col' }, hiddenText('Changes')))),
    officersBody);
  const officersStatus = h('p', { class: 'saved-status', role: 'status', id: 'officers-status', tabindex: '-1' });
  const roleItems = () => (reference.roles ?? []).map((role) => ({ value: role.slug, label: role.label }));
  const noOfficers = h('p', { hidden: true }, 'No officers yet.');
  const officersWrap = tableWrap(officersTable, 'Officers table');
  const serviceAreaList = h('ul', { class: 'list list--columns', 'aria-labelledby': 'service-areas-heading' });
  const categoryList = h('ul', { class: 'list list--columns', 'aria-labelledby': 'categories-heading' });
  const serviceAreaOptions = h('datalist', { id: 'officer-service-area-options' });

  /** The officers' status line: what was just done, or (with a symbol and hidden "Error:") what went wrong. */
  function officerStatus(text, { error = false } = {}) {
    officersStatus.classList.toggle('saved-status--error', error);
    officersStatus.replaceChildren(...(error ? [icon('✗'), ' ', hiddenText('Error: '), text] : [text ?? '']));
  }

  /** The Edit or Retire button on an officer's row, found by the officer's name (rows are redrawn after each change). */
  function officerButton(kind, name) {
    return [...officersBody.querySelectorAll(`button[data-${kind}]`)].find((button) => button.getAttribute(`data-${kind}`) === name) ?? null;
  }

  // The officer being edited, if any: {name, row, form, opener}. One at a time.
  let editing = null;

  function closeEditor({ focus = false } = {}) {
    if (!editing) return;
    const { row, opener } = editing;
    row.remove();
    opener.setAttribute('aria-expanded', 'false');
    opener.removeAttribute('aria-controls');
    editing = null;
    if (focus && opener.isConnected) opener.focus();
  }

  /** Whether the open edit form may be put away: asks first when something was changed in it. */
  async function mayCloseEditor() {
    if (!editing || !editing.form.dataset.dirty) return true;
    return confirmDialog({
      title: 'Discard your changes to this officer?',
      text: `You have changed the details of ${editing.name} but not saved them. If you carry on, your changes will be lost.`,
      yes: 'Discard changes',
      no: 'Keep editing',
    });
  }

  /**
   * The row under an officer that edits all their details and roles through update_officer (sent
   * under the name they had). service_area may be null in reference_data; it goes as "".
   */
  function officerEditor(officer, index) {
    const id = `officer-edit-${index}`;
    const prefix = `${id}-`;
    const formSummary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
    const save = h('button', { type: 'submit', class: 'button', id: `save-officer-${index}` }, 'Save changes', hiddenText(` to ${officer.name}`));
    const cancel = h('button', { type: 'button', class: 'button button--secondary', id: `cancel-officer-${index}` }, 'Cancel', hiddenText(`: editing ${officer.name}`));
    const editForm = h('form', { id, class: 'officer-edit', novalidate: true, 'aria-labelledby': `${id}-title`, dataset: { officer: officer.name } },
      h('h3', { class: 'officer-edit__title', id: `${id}-title` }, `Edit ${officer.name}`),
      formSummary,
      h('div', { class: 'officer-edit__fields' },
        textField({ id: `${prefix}name`, name: 'name', label: 'Name', value: officer.name, width: 'medium', field: 'name' }),
        textField({ id: `${prefix}job_title`, name: 'job_title', label: 'Job title', value: officer.job_title ?? '', width: 'medium', field: 'job_title' }),
        textField({
          id: `${prefix}service_area`, name: 'service_area', label: 'Service area', hint: 'Choose from the list or type a new one.',
          value: officer.service_area ?? '', list: 'officer-service-area-options', width: 'medium', field: 'service_area',
        }),
        textField({ id: `${prefix}email`, name: 'email', label: 'Email address (optional)', value: officer.email ?? '', type: 'email', width: 'medium', spellcheck: 'false', field: 'email' }),
        textField({ id: `${prefix}phone`, name: 'phone', label: 'Phone number (optional)', value: officer.phone ?? '', type: 'tel', width: 'medium', field: 'phone' })),
      checkboxesField({
        id: `${prefix}roles`, name: 'roles', legend: 'Roles', field: 'roles', items: roleItems(), values: officer.roles ?? [],
        hint: 'What they may do in the complaints procedure. Tick all that apply.',
      }),
      buttonGroup(save, cancel));
    guard(editForm);
    const row = h('tr', { class: 'edit-row', id: `${id}-row` }, h('td', { colspan: String(OFFICER_COLUMNS.length + 1) }, editForm));
    cancel.addEventListener('click', () => closeEditor({ focus: true }));
    editForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (save.disabled) return;
      clearErrors(editForm, formSummary);
      officerStatus('');
      const field = (name) => editForm.querySelector(`#${prefix}${name}`).value;
      const input = {
        name: field('name'),
        job_title: field('job_title'),
        service_area: field('service_area'),
        email: field('email'),
        phone: field('phone'),
        roles: tickedValues(editForm, 'roles'),
      };
      save.disabled = true;
      try {
        reference = await call('update_officer', { name: officer.name, input });
        markClean(editForm);
        closeEditor();
        drawReference();
        const saved = input.name.trim() || officer.name;
        officerStatus(`Changes saved for ${saved}`);
        (officerButton('edit-officer', saved) ?? officersStatus).focus();
      } catch (error) {
        showApiError({ form: editForm, summary: formSummary, error, idPrefix: prefix });
      } finally {
        save.disabled = false;
      }
    });
    return { name: officer.name, row, form: editForm };
  }

  function officerRow(o, index) {
    const retired = o.retired === true;
    const roles = (o.roles ?? []).map((slug) => labelFor(reference.roles, slug));
    const contact = [o.email, o.phone].filter(Boolean);
    const edit = h('button', {
      type: 'button', class: 'button button--secondary button--small', id: `edit-officer-${index}`,
      dataset: { editOfficer: o.name }, 'aria-expanded': 'false',
    }, 'Edit', hiddenText(` ${o.name}`));
    const retire = h('button', {
      type: 'button', class: 'button button--secondary button--small', id: `retire-officer-${index}`,
      dataset: { retireOfficer: o.name, retired: String(retired) },
    }, retired ? 'Bring back' : 'Retire', hiddenText(` ${o.name}`));
    const tr = h('tr', { dataset: { officer: o.name, retired: String(retired) }, class: retired ? 'officer--retired' : null },
      h('th', { scope: 'row', class: 'officer-name' }, o.name,
        retired ? [' ', h('strong', { class: 'tag tag--neutral tag--retired', dataset: { retiredTag: 'true' } }, 'Retired')] : null),
      h('td', {}, o.job_title || h('span', { class: 'muted' }, 'Not given')),
      h('td', {}, o.service_area || h('span', { class: 'muted' }, 'Not given')),
      h('td', { class: 'wrap-anywhere' }, contact.length ? contact.map((line) => h('span', { class: 'line' }, line)) : h('span', { class: 'muted' }, 'Not given')),
      h('td', { class: 'roles-cell' }, roles.length ? roles.join(', ') : h('span', { class: 'muted' }, 'None')),
      h('td', { class: 'officer-actions' }, h('div', { class: 'officer-actions__buttons' }, edit, retire)));

    edit.addEventListener('click', async () => {
      const same = editing?.opener === edit;
      if (!(await mayCloseEditor())) return;
      closeEditor({ focus: same });
      if (same) return;
      const editor = officerEditor(o, index);
      tr.after(editor.row);
      editing = { ...editor, opener: edit };
      edit.setAttribute('aria-expanded', 'true');
      edit.setAttribute('aria-controls', editor.row.id);
      editor.form.querySelector('input')?.focus();
    });

    let changing = false;
    retire.addEventListener('click', async () => {
      if (changing) return;
      changing = true;
      retire.setAttribute('aria-disabled', 'true');
      officerStatus('');
      try {
        reference = await call('retire_officer', { name: o.name, retired: !retired });
        drawReference();
        officerStatus(retired
          ? `${o.name} brought back: offered again for new cases, allocation and review.`
          : `${o.name} retired: kept on their cases and in the history, but no longer offered for new cases, allocation or review.`);
        (officerButton('retire-officer', o.name) ?? officersStatus).focus();
      } catch (error) {
        officerStatus(error.message, { error: true });
      } finally {
        changing = false;
        retire.removeAttribute('aria-disabled');
      }
    });
    return tr;
  }

  function drawReference() {
    const officers = reference.officers ?? [];
    officersBody.replaceChildren(...officers.map(officerRow));
    // An officer being edited stays in their edit form, under their redrawn row.
    if (editing) {
      const opener = officerButton('edit-officer', editing.name);
      if (opener) {
        opener.closest('tr').after(editing.row);
        opener.setAttribute('aria-expanded', 'true');
        opener.setAttribute('aria-controls', editing.row.id);
        editing.opener = opener;
      } else {
        markClean(editing.form);
        editing = null;
      }
    }
    officersWrap.hidden = officers.length === 0;
    noOfficers.hidden = officers.length !== 0;
    const areas = reference.service_areas ?? [];
    serviceAreaList.replaceChildren(...(areas.length ? areas.map((name) => h('li', {}, name)) : [h('li', {}, 'None yet')]));
    serviceAreaOptions.replaceChildren(...areas.map((name) => h('option', { value: name })));
    const categories = reference.categories ?? [];
    categoryList.replaceChildren(...(categories.length ? categories.map((name) => h('li', {}, name)) : [h('li', {}, 'None yet')]));
  }
  drawReference();

  /** A small add form: its own error summary, field errors mapped by prefix, and a status line. */
  function addForm({ id, idPrefix, fields, submitId, submitLabel, command, args, done }) {
    const formSummary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
    const status = h('p', { class: 'saved-status', role: 'status', id: `${id}-status` });
    const submit = h('button', { type: 'submit', class: 'button', id: submitId }, submitLabel);
    const subForm = h('form', { id, class: 'form form--add', novalidate: true }, formSummary, ...fields, buttonGroup(submit, status));
    guard(subForm);
    subForm.addEventListener('input', () => { status.textContent = ''; });
    subForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(subForm, formSummary);
      status.textContent = '';
      submit.disabled = true;
      try {
        const values = args(subForm);
        reference = await call(command, values);
        drawReference();
        subForm.reset();
        markClean(subForm);
        status.textContent = done(values);
        subForm.querySelector('input').focus();
      } catch (error) {
        showApiError({ form: subForm, summary: formSummary, error, idPrefix });
      } finally {
        submit.disabled = false;
      }
    });
    return subForm;
  }

  const value = (scope, selector) => scope.querySelector(selector).value;

  const officerForm = addForm({
    id: 'officer-form', idPrefix: 'officer_', submitId: 'add-officer', submitLabel: 'Add officer', command: 'add_officer',
    fields: [
      textField({ id: 'officer_name', name: 'name', label: 'Name', width: 'medium' }),
      textField({ id: 'officer_job_title', name: 'job_title', label: 'Job title', width: 'medium' }),
      textField({ id: 'officer_service_area', name: 'service_area', label: 'Service area', hint: 'The service they work in. Choose from the list or type a new one.', list: 'officer-service-area-options', width: 'medium' }),
      serviceAreaOptions,
      textField({ id: 'officer_email', name: 'email', label: 'Email address (optional)', type: 'email', width: 'medium', spellcheck: 'false' }),
      textField({ id: 'officer_phone', name: 'phone', label: 'Phone number (optional)', type: 'tel', width: 'medium' }),
      checkboxesField({
        id: 'officer_roles', name: 'roles', legend: 'Roles', field: 'roles', items: roleItems(),
        hint: 'What they may do in the complaints procedure. Tick all that apply.',
      }),
    ],
    args: (f) => ({ input: {
      name: value(f, '#officer_name'), job_title: value(f, '#officer_job_title'), service_area: value(f, '#officer_service_area'),
      email: value(f, '#officer_email'), phone: value(f, '#officer_phone'), roles: tickedValues(f, 'roles'),
    } }),
    done: (values) => `Officer added: ${values.input.name.trim()}`,
  });

  const serviceAreaForm = addForm({
    id: 'service-area-form', idPrefix: 'service_area_', submitId: 'add-service-area', submitLabel: 'Add service area', command: 'add_service_area',
    fields: [textField({ id: 'service_area_name', name: 'name', label: 'New service area', width: 'medium' })],
    args: (f) => ({ name: value(f, '#service_area_name') }),
    done: (values) => `Service area added: ${values.name.trim()}`,
  });

  const categoryForm = addForm({
    id: 'category-form', idPrefix: 'category_', submitId: 'add-category', submitLabel: 'Add category', command: 'add_category',
    fields: [textField({ id: 'category_name', name: 'name', label: 'New category', width: 'medium' })],
    args: (f) => ({ name: value(f, '#category_name') }),
    done: (values) => `Category added: ${values.name.trim()}`,
  });

  /* ----- Import and export: cases from a spreadsheet (checked first, all or nothing), and every case for Excel ----- */

  function transferSection() {
    const importSummary = errorSummary({ id: 'import-error-summary', level: 'h4' });
    const fileGroup = group({
      id: 'import-file', label: 'Spreadsheet of cases', extraClass: 'file-upload-group',
      hint: 'An Excel workbook (.xlsx or .xls), an OpenDocument spreadsheet (.ods) or a CSV file, as the council keeps it. Every row is checked first; if any is wrong, nothing is imported, unless you choose below to import the rows that are right.',
      control: h('input', { class: 'file-upload', type: 'file', id: 'import-file', name: 'file', accept: IMPORT_ACCEPT, 'aria-describedby': 'import-file-hint' }),
    });
    const fileInput = fileGroup.querySelector('input');
    // The sheet picker (a workbook with more than one sheet) goes under the file.
    const sheetSlot = h('div', { id: 'import-sheet-slot' });
    const check = h('button', { type: 'button', class: 'button button--secondary', id: 'import-check' }, 'Check the file');
    const run = h('button', { type: 'button', class: 'button', id: 'import-run' }, 'Import the cases');
    const importStatus = h('div', { id: 'import-status', class: 'import-status', role: 'status' });
    // What importing would do: the columns and the council's words (both editable), then the
    // problems, then the first rows as they would be recorded.
    const mappingSlot = h('div', { id: 'import-mapping-slot', class: 'import-preview' });
    const problemsSlot = h('div', { id: 'import-problems-slot' });
    const rowsSlot = h('div', { id: 'import-rows-slot', class: 'import-preview' });
    const saveMapping = h('button', { type: 'button', class: 'button button--secondary', id: 'import-save-mapping' }, 'Save this mapping for next time');
    const mappingStatus = h('p', { id: 'import-mapping-status', class: 'test-status', role: 'status' });
    const saveGroup = h('div', { class: 'import-save-mapping' },
      h('p', { class: 'hint', id: 'import-save-mapping-hint' }, 'Saved, these columns and words are used for the next spreadsheet you import, so a file laid out the same way needs no changes.'),
      buttonGroup(saveMapping, mappingStatus));
    saveMapping.setAttribute('aria-describedby', 'import-save-mapping-hint');
    // Not under the unsaved-changes guard: a chosen file is not typing that leaving would lose.
    // Import the good rows and hand back the rest: the refused rows are saved where the officer says.
    const skipGroup = checkboxField({
      id: 'import-skip-bad', label: 'Import the rows that are right, and save the others to correct',
      hint: 'Each refused row is saved as it was, with its problem beside it, in a CSV file that opens in Excel. Correct them there and import that file.',
    });
    const skipInput = skipGroup.querySelector('input');
    const rejectsGroup = textField({
      id: 'import-rejects-path', name: 'rejects_path', field: 'rejects_path', label: 'Save the refused rows as',
      hint: 'A full file name. Left blank, they go in the Exports folder beside the database, named after the spreadsheet.',
    });
    const rejectsInput = rejectsGroup.querySelector('input');
    rejectsGroup.hidden = true;
    skipInput.addEventListener('change', () => { rejectsGroup.hidden = !skipInput.checked; });
    const importForm = h('form', { id: 'import-form', class: 'form form--add', novalidate: true, 'aria-labelledby': 'import-heading' },
      importSummary, fileGroup, sheetSlot, skipGroup, rejectsGroup);

    // The last check: of which file, and how many cases it found (with no problems).
    let checked = null;
    let busy = false;
    let savingMapping = false;
    // The file's bytes as last read (what the preview shows is what is imported) and the preview
    // of it now shown.
    let source = null;
    let preview = null;
    let previewFile = null;
    // The columns changed here (by header), whether a word was, and the headers the saved mapping
    // names (as the core said when it was asked with no mapping). Until something is changed no
    // mapping is sent, so the saved one (or the guess) is used; once it is, the mapping sent names
    // only the columns changed here and the saved ones, so the rest are still matched by name, and
    // each column says truly how it was matched.
    const touched = new Set();
    let wordsEdited = false;
    let savedHeaders = new Set();
    let previewTicket = 0;
    let previewTimer = null;
    const fileKey = (file) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

    function statusLine(text, { error = false } = {}) {
      return h('p', { class: ['test-status', error && 'test-status--error'] },
        icon(error ? '✗' : '✓'), ' ', error ? hiddenText('Error: ') : null, text);
    }

    /** The core's sentence about how the file was read, ending with a full stop. */
    function encodingLine(encoding) {
      const text = String(encoding).trim();
      return h('p', { class: 'import-status__added', id: 'import-encoding' }, /[.!?]$/.test(text) ? text : `${text}.`);
    }

    /** What the import adds besides the cases: "New service areas: Housing, Planning", one line each. */
    function addedLines(result, dryRun) {
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

    function problemsTable(problems) {
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

    function plural(n, one, many) {
      return `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? one : many}`;
    }

    /** The chosen file, or null after saying in the error summary that one must be chosen. */
    function chosenFile() {
      clearErrors(importForm, importSummary);
      const file = fileInput.files?.[0] ?? null;
      if (!file) {
        showErrors({ summary: importSummary, errors: [{ field: 'file', message: 'Choose the spreadsheet of cases to import' }], locate: () => fileInput });
      }
      return file;
    }

    /** The file's bytes as an array of numbers: read once, or again when `fresh` (Check the file). */
    async function bytesOf(file, { fresh = false } = {}) {
      const key = fileKey(file);
      if (!fresh && source?.key === key) return source.bytes;
      const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
      source = { key, bytes };
      return bytes;
    }

    /** Whether the preview now shown is of this file. */
    const previewed = (file) => preview !== null && previewFile === fileKey(file);

    /** The sheet to read: the one picked, or the one previewed; null for a CSV (no sheets). */
    function currentSheet() {
      if (!preview || !(preview.sheets ?? []).length) return null;
      const picker = sheetSlot.querySelector('#import-sheet');
      return picker ? picker.value : (preview.sheet ?? null);
    }

    /**
     * The mapping as the page now shows it: the one in force for the last preview (the saved one,
     * with the guess filled in), with every column's and every word's choice on the page laid over it.
     */
    function builtMapping() {
      const base = preview?.mapping ?? {};
      const mapping = {
        columns: { ...(base.columns ?? {}) },
        values: Object.fromEntries(Object.entries(base.values ?? {}).map(([field, words]) => [field, { ...(words ?? {}) }])),
      };
      for (const select of mappingSlot.querySelectorAll('select[data-column]')) {
        if (select.dataset.column.trim()) mapping.columns[select.dataset.column] = select.value;
      }
      for (const select of mappingSlot.querySelectorAll('select[data-word]')) {
        const [field, ...rest] = select.dataset.word.split('|');
        const word = rest.join('|');
        if (select.value) {
          mapping.values[field] = mapping.values[field] ?? {};
          mapping.values[field][word] = select.value;
        } else if (mapping.values[field]) {
          delete mapping.values[field][word];
        }
      }
      return mapping;
    }

    /**
     * The mapping to send with a preview or the import: null while nothing has been changed here;
     * else the columns changed here and those the saved mapping names, and every word.
     */
    function sentMapping() {
      if (!touched.size && !wordsEdited) return null;
      const built = builtMapping();
      const columns = {};
      for (const [header, field] of Object.entries(built.columns)) {
        if (touched.has(header) || savedHeaders.has(header)) columns[header] = field;
      }
      return { columns, values: built.values };
    }

    /** Starts the columns and words afresh: the saved mapping, else the guess. */
    function forgetChanges() {
      touched.clear();
      wordsEdited = false;
    }

    /** Forgets the preview (another file, none, or imported): its tables, sheet picker and mapping. */
    function clearPreview() {
      previewTicket += 1;
      clearTimeout(previewTimer);
      previewTimer = null;
      preview = null;
      previewFile = null;
      forgetChanges();
      savedHeaders = new Set();
      checked = null;
      sheetSlot.replaceChildren();
      mappingSlot.replaceChildren();
      rowsSlot.replaceChildren();
      problemsSlot.replaceChildren();
      mappingStatus.replaceChildren();
    }

    /** A selector that finds the focused control again once the preview has been drawn anew. */
    function focusedSelector() {
      const active = document.activeElement;
      if (!(active instanceof HTMLElement) || !section.contains(active)) return null;
      if (active.dataset.column !== undefined) return `select[data-column="${CSS.escape(active.dataset.column)}"]`;
      if (active.dataset.word !== undefined) return `select[data-word="${CSS.escape(active.dataset.word)}"]`;
      return active.id ? `#${CSS.escape(active.id)}` : null;
    }

    /** Draws the preview anew, keeping focus on the same control and each table scrolled as it was. */
    function redraw(draw) {
      const focused = focusedSelector();
      const scrolled = new Map([...section.querySelectorAll('.table-wrap')].map((wrap) => [wrap.getAttribute('aria-label'), wrap.scrollLeft]));
      draw();
      for (const wrap of section.querySelectorAll('.table-wrap')) {
        const left = scrolled.get(wrap.getAttribute('aria-label'));
        if (left) wrap.scrollLeft = left;
      }
      if (focused && !section.contains(document.activeElement)) section.querySelector(focused)?.focus({ preventScroll: true });
    }

    function sheetPicker(result) {
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

    function columnsTable(result) {
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

    function wordsTable(words) {
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

    function rowsTable(result) {
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

    /** Shows what importing the file would do: sheet, columns, words, problems, first rows, status. */
    function showPreview(file, result, { sentNone = false } = {}) {
      if (sentNone) {
        savedHeaders = new Set((result.columns ?? []).filter((c) => c.reason === 'mapping').map((c) => String(c.header ?? '')));
      }
      preview = result;
      previewFile = fileKey(file);
      const problems = result.problems ?? [];
      const words = result.words ?? [];
      const unmatched = words.filter((w) => w.value === null || w.value === undefined || w.value === '').length;
      const count = Number(result.row_count ?? 0);
      checked = problems.length || unmatched ? null : { key: previewFile, cases: count };
      redraw(() => {
        const picker = sheetPicker(result);
        sheetSlot.replaceChildren(...(picker ? [picker] : []));
        mappingSlot.replaceChildren(
          ...columnsTable(result),
          ...(words.length ? wordsTable(words) : []),
          saveGroup);
        problemsSlot.replaceChildren(...(problems.length ? [problemsTable(problems)] : []));
        rowsSlot.replaceChildren(...rowsTable(result));
        const lines = [];
        if (problems.length) {
          lines.push(statusLine(`${plural(problems.length, 'problem', 'problems')} in ${file.name}.`, { error: true }),
            h('p', { class: 'import-status__text' }, 'Nothing was written. Put them right in the spreadsheet and check the file again, or change the columns and words below.'));
        } else if (unmatched) {
          lines.push(statusLine(`Checked ${plural(count, 'row', 'rows')}: ${plural(unmatched, 'word needs', 'words need')} a Redress word; nothing was written`, { error: true }));
        } else {
          lines.push(statusLine(`Checked ${plural(count, 'row', 'rows')}: no problems found; nothing was written`));
        }
        if (result.encoding) lines.push(encodingLine(result.encoding));
        importStatus.replaceChildren(...lines);
      });
    }

    /**
     * Asks the core what importing the file would do. For the file already previewed it sends the
     * sheet picked and, once a column or word has been changed, the mapping the page shows; for a
     * new file, neither (the first sheet, and the saved mapping or the guess). A later ask, or a
     * change made meanwhile, makes this answer stale: it is then dropped.
     */
    async function runPreview(file, { fresh = false } = {}) {
      clearTimeout(previewTimer);
      previewTimer = null;
      if (!file) return;
      // While the cases are being imported, a change waits for the import to finish.
      if (busy) {
        schedulePreview();
        return;
      }
      const mine = ++previewTicket;
      const again = previewed(file);
      const sheet = again ? currentSheet() : null;
      if (!again) {
        forgetChanges();
        savedHeaders = new Set();
      }
      const mapping = again ? sentMapping() : null;
      clearErrors(importForm, importSummary);
      importStatus.replaceChildren(h('p', { class: 'test-status' }, `Checking ${file.name}…`));
      try {
        const bytes = await bytesOf(file, { fresh });
        if (mine !== previewTicket) return;
        const result = await call('import_preview', { file_name: file.name, bytes, sheet, mapping });
        if (mine !== previewTicket) return;
        showPreview(file, result, { sentNone: mapping === null });
      } catch (error) {
        if (mine !== previewTicket) return;
        checked = null;
        importStatus.replaceChildren();
        // A sheet that is not there keeps the picker to choose another; anything else, nothing.
        if (error?.field === 'sheet' && sheetSlot.querySelector('#import-sheet')) {
          mappingSlot.replaceChildren();
          rowsSlot.replaceChildren();
          problemsSlot.replaceChildren();
        } else {
          clearPreview();
        }
        showApiError({
          form: importForm, summary: importSummary, error,
          locate: (field) => (field === 'sheet' ? sheetSlot.querySelector('#import-sheet') : null) ?? fileInput,
        });
      }
    }

    /** A column, word or sheet was changed: the preview is asked for again once the changes pause. */
    function schedulePreview() {
      // An answer still on its way is for the choices before this one.
      previewTicket += 1;
      checked = null;
      clearTimeout(previewTimer);
      // The file chosen when the changes pause: none once the form is reset after importing.
      previewTimer = setTimeout(() => runPreview(fileInput.files?.[0] ?? null), MAPPING_DELAY_MS);
    }

    async function send(file) {
      if (busy) return;
      busy = true;
      // What is imported is what the page shows: the sheet picked and the mapping as it stands.
      const again = previewed(file);
      const sheet = again ? currentSheet() : null;
      const mapping = again ? sentMapping() : null;
      previewTicket += 1;
      clearTimeout(previewTimer);
      previewTimer = null;
      for (const button of [check, run, saveMapping]) button.setAttribute('aria-disabled', 'true');
      importStatus.replaceChildren(h('p', { class: 'test-status' }, `Importing the cases in ${file.name}…`));
      try {
        const bytes = await bytesOf(file);
        const skipBad = skipInput.checked;
        const result = await call('import_cases', {
          file_name: file.name, bytes, dry_run: false, sheet, mapping,
          skip_bad: skipBad, rejects_path: skipBad ? rejectsInput.value.trim() : null,
        });
        const problems = result.problems ?? [];
        if (problems.length) {
          checked = null;
          importStatus.replaceChildren(
            statusLine(`${plural(problems.length, 'problem', 'problems')} in ${file.name}.`, { error: true }),
            h('p', { class: 'import-status__text' }, 'Nothing was imported. Correct these in the spreadsheet and try again.'));
          problemsSlot.replaceChildren(problemsTable(problems));
          rowsSlot.replaceChildren();
          return;
        }
        clearPreview();
        source = null;
        const rejected = result.rejected ?? [];
        importStatus.replaceChildren(statusLine(`Imported ${plural(result.cases ?? 0, 'case', 'cases')}`), ...addedLines(result, false),
          ...(rejected.length
            ? [h('p', { class: 'import-status__text', id: 'import-rejected' },
              `${plural(rejected.length, 'row was', 'rows were')} refused and not imported. They are saved, each with its problem, in `,
              h('span', { class: 'report-save-status__path', id: 'import-rejects-saved' }, result.rejects_path ?? ''),
              ': correct them there and import that file.')]
            : []));
        if (rejected.length) problemsSlot.replaceChildren(problemsTable(rejected));
        importForm.reset();
        rejectsGroup.hidden = true;
        // The file may have added service areas, categories and officers.
        try {
          reference = await call('reference_data');
          drawReference();
        } catch {
          // The lists catch up when Settings is opened again.
        }
        context.appInfo().catch(() => {});
        context.refreshReminders?.();
      } catch (error) {
        importStatus.replaceChildren();
        showApiError({
          form: importForm, summary: importSummary, error,
          locate: (field) => (field === 'sheet' ? sheetSlot.querySelector('#import-sheet') : null) ?? fileInput,
        });
      } finally {
        busy = false;
        for (const button of [check, run, saveMapping]) button.removeAttribute('aria-disabled');
      }
    }

    fileInput.addEventListener('change', () => {
      clearPreview();
      source = null;
      clearErrors(importForm, importSummary);
      importStatus.replaceChildren();
      const file = fileInput.files?.[0] ?? null;
      if (file) runPreview(file);
    });
    importForm.addEventListener('submit', (event) => event.preventDefault());

    // The sheet picker and the column and word selects are drawn anew with each preview: listened to here.
    // Another sheet has other columns: they start afresh from the saved mapping or the guess.
    sheetSlot.addEventListener('change', (event) => {
      if (!(event.target instanceof HTMLSelectElement) || event.target.id !== 'import-sheet') return;
      forgetChanges();
      mappingStatus.replaceChildren();
      schedulePreview();
    });
    mappingSlot.addEventListener('change', (event) => {
      const select = event.target;
      if (!(select instanceof HTMLSelectElement)) return;
      if (select.dataset.column !== undefined) {
        touched.add(select.dataset.column);
        // A field is filled from one column: another column that had it no longer does.
        if (select.value) {
          for (const other of mappingSlot.querySelectorAll('select[data-column]')) {
            if (other !== select && other.value === select.value) {
              other.value = '';
              touched.add(other.dataset.column);
            }
          }
        }
      } else if (select.dataset.word !== undefined) {
        wordsEdited = true;
      } else {
        return;
      }
      mappingStatus.replaceChildren();
      schedulePreview();
    });

    saveMapping.addEventListener('click', async () => {
      if (savingMapping || busy || !preview) return;
      savingMapping = true;
      saveMapping.setAttribute('aria-disabled', 'true');
      mappingStatus.classList.remove('test-status--error');
      mappingStatus.replaceChildren('Saving the mapping…');
      try {
        await call('save_import_mapping', { mapping: builtMapping() });
        mappingStatus.replaceChildren(icon('✓'), ' Mapping saved');
        // What is saved is now the mapping in force: asked again with none, every column says so.
        forgetChanges();
        const file = fileInput.files?.[0] ?? null;
        if (file && previewed(file)) runPreview(file);
      } catch (error) {
        mappingStatus.classList.add('test-status--error');
        mappingStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
      } finally {
        savingMapping = false;
        if (!busy) saveMapping.removeAttribute('aria-disabled');
      }
    });

    check.addEventListener('click', () => {
      if (busy) return;
      const file = chosenFile();
      // Read afresh: the spreadsheet may have been put right since it was chosen.
      if (file) runPreview(file, { fresh: true });
    });

    run.addEventListener('click', async () => {
      if (busy) return;
      const file = chosenFile();
      if (!file) return;
      const counted = checked && checked.key === fileKey(file) && !previewTimer ? checked.cases : null;
      const yes = await confirmDialog({
        title: counted === null ? `Import the cases in ${file.name}?` : `Import ${plural(counted, 'case', 'cases')}?`,
        text: counted === null
          ? 'Redress checks every row first: nothing is imported unless every row is right. Imported cases will be added to the cases already recorded.'
          : `The ${plural(counted, 'case', 'cases')} in ${file.name} will be added to the cases already recorded.`,
        yes: 'Import the cases',
        no: 'Cancel',
        tone: 'primary',
      });
      if (yes) send(file);
    });

    /* Export */
    const exportButton = h('button', { type: 'button', class: 'button button--secondary', id: 'export-cases' }, 'Export all cases for Excel');
    const exportStatus = h('p', { id: 'export-status', class: 'test-status', role: 'status' });
    let exporting = false;
    exportButton.addEventListener('click', async () => {
      if (exporting) return;
      exporting = true;
      exportButton.setAttribute('aria-disabled', 'true');
      exportStatus.classList.remove('test-status--error');
      exportStatus.textContent = 'Exporting the cases…';
      try {
        const result = await call('export_cases');
        exportStatus.replaceChildren(icon('✓'), ` Exported ${plural(result.cases ?? 0, 'case', 'cases')} to `,
          h('span', { class: 'report-save-status__path', id: 'export-path' }, result.path ?? ''), '.',
          result.opened === false ? ' It could not be opened automatically; open it from that folder.' : '');
      } catch (error) {
        exportStatus.classList.add('test-status--error');
        exportStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
      } finally {
        exporting = false;
        exportButton.removeAttribute('aria-disabled');
      }
    });

    const section = h('section', { class: 'settings-section', id: 'import-export', 'aria-labelledby': 'import-export-heading' },
      h('h2', { id: 'import-export-heading' }, 'Import and export'),
      h('h3', { id: 'import-heading' }, 'Import cases from a spreadsheet'),
      h('p', { class: 'hint' }, 'Choose the file and Redress shows what importing it would do: what each column is recorded as, what the council’s own words mean, every problem by line and column, and the first cases as they would be recorded. Nothing is written until you import, and only when the whole file is right.'),
      importForm,
      importStatus,
      mappingSlot,
      problemsSlot,
      rowsSlot,
      buttonGroup(check, run),
      h('h3', { id: 'export-heading' }, 'Export cases'),
      h('p', { class: 'hint' }, 'Every case is saved as a CSV file in the Exports folder beside the database, with the same columns as the import, and opened in Excel or the computer’s spreadsheet program.'),
      buttonGroup(exportButton),
      exportStatus);
    return section;
  }

  /* ----- Backups: when the last one was made and where they are kept, one made now, and one restored ----- */

  function backupsSection() {
    const backupsSummary = errorSummary({ id: 'backups-error-summary', level: 'h3' });
    const facts = h('dl', { class: 'summary-list backups-facts', id: 'backups-facts' });
    const backUp = h('button', { type: 'button', class: 'button', id: 'back-up-now' }, 'Back up now');
    const working = h('p', { id: 'backups-status', class: 'test-status', role: 'status' });
    const done = h('div', { id: 'backups-done', class: 'notice', role: 'status', tabindex: '-1', hidden: true });
    const listSlot = h('div', { id: 'backups-list' });
    let current = firstBackups?.failed ? null : firstBackups;
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

    function factRow(label, value) {
      return h('div', { class: 'summary-list__row' },
        h('dt', { class: 'summary-list__key' }, label),
        h('dd', { class: 'summary-list__value' }, value));
    }

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

    if (firstBackups?.failed) showErrors({ summary: backupsSummary, errors: errorsOf(firstBackups.failed) });
    else draw(current);
    return section;
  }

  /* ----- Keeping records: how long closed cases are kept, and anonymising those past it ----- */

  function retentionSection() {
    const failed = firstRetention?.failed ?? null;
    const yearsText = (n) => `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? 'year' : 'years'}`;
    const casesText = (n) => `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? 'case' : 'cases'}`;

    const yearsSummary = errorSummary({ id: 'retention-error-summary', level: 'h3' });
    const yearsGroup = numberField({
      id: 'retention-years', name: 'years', field: 'years', label: 'Keep closed cases for (years)',
      hint: 'Counted from the day a case was closed. A whole number from 1 to 100.',
      value: failed ? '' : firstRetention.years,
    });
    const yearsInput = yearsGroup.querySelector('input');
    const saveYears = h('button', { type: 'submit', class: 'button', id: 'retention-save' }, 'Save', hiddenText(' the retention period'));
    const yearsSaved = h('p', { id: 'retention-saved', class: 'saved-status', role: 'status' });
    const yearsForm = h('form', { id: 'retention-form', class: 'form form--add', novalidate: true, 'aria-labelledby': 'retention-heading' },
      yearsSummary, yearsGroup, buttonGroup(saveYears, yearsSaved));
    guard(yearsForm);
    yearsForm.addEventListener('input', () => { yearsSaved.textContent = ''; });

    const casesHeading = h('h3', { id: 'retention-cases-heading' });
    const casesIntro = h('p', { class: 'hint', id: 'retention-cases-hint' });
    const done = h('div', { id: 'anonymise-done', class: 'notice', role: 'status', tabindex: '-1', hidden: true });
    const casesSlot = h('div', { id: 'retention-cases' });
    // Hidden until there is a list to draw (retention() may have failed).
    const casesPart = h('div', { class: 'retention-cases', hidden: true }, casesHeading, casesIntro, done, casesSlot);

    /** Draws the cases past the period; with `years`, the period in the box too (after loading or saving it). */
    function draw(retention, { years = false } = {}) {
      if (years && retention?.years !== undefined && retention?.years !== null) yearsInput.value = String(retention.years);
      const cases = retention?.cases ?? [];
      casesPart.hidden = false;
      casesHeading.replaceChildren('Closed cases past the retention period',
        ...(cases.length ? [' ', h('span', { class: 'heading-count' }, `(${cases.length.toLocaleString('en-GB')})`)] : []));
      casesIntro.textContent = retention?.years
        ? `Cases closed more than ${yearsText(retention.years)} ago, oldest first. Anonymising a case removes the complainant’s details, the free text and the letters. Its dates, stages, outcomes, service area, category and channel are kept, so every report still counts it.`
        : '';
      casesSlot.replaceChildren(cases.length
        ? anonymiseForm(retention)
        : h('p', { id: 'retention-none', class: 'no-results' }, 'No closed cases are past the retention period.'));
    }

    function anonymiseForm(retention) {
      const cases = retention.cases;
      const formSummary = errorSummary({ id: 'anonymise-error-summary', level: 'h4' });
      const allGroup = checkboxField({
        id: 'anonymise-all', name: 'anonymise-all', field: 'references',
        label: cases.length === 1 ? 'Select this case' : `Select all ${casesText(cases.length)}`,
      });
      const allBox = allGroup.querySelector('input');
      const boxes = cases.map((item, index) => h('input', {
        class: 'checkbox__input', type: 'checkbox', id: `anonymise-case-${index}`, name: 'references',
        value: item.reference, dataset: { anonymise: item.reference },
      }));
      const table = h('table', { class: 'table table--select', id: 'retention-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'select-cell' }, hiddenText('Select')),
          ['Reference', 'Closed on', 'Service area', 'Summary'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, cases.map((item, index) => h('tr', { dataset: { reference: item.reference } },
          h('td', { class: 'select-cell' }, h('div', { class: 'checkbox' },
            boxes[index],
            h('label', { class: 'checkbox__label', for: boxes[index].id }, hiddenText(`Select ${item.reference}`)))),
          h('th', { scope: 'row' }, h('a', { href: caseHref(item.reference), class: 'link' }, item.reference)),
          h('td', { class: 'nowrap-date' }, shortDate(item.closed_on)),
          h('td', {}, item.service_area || h('span', { class: 'muted' }, 'Not given')),
          h('td', { class: 'case-summary wrap-anywhere' }, item.summary || h('span', { class: 'muted' }, 'None'))))));
      const submit = h('button', { type: 'submit', class: 'button button--warning', id: 'anonymise' }, 'Anonymise selected cases');
      const chosen = h('p', { id: 'anonymise-selected', class: 'test-status' });
      // Not under the unsaved-changes guard: ticking boxes is not work that leaving would lose.
      const form = h('form', { id: 'anonymise-form', novalidate: true, 'aria-labelledby': 'retention-cases-heading' },
        formSummary, allGroup, tableWrap(table, 'Closed cases past the retention period'), buttonGroup(submit, chosen));
      let busy = false;

      const ticked = () => boxes.filter((box) => box.checked);
      function sync() {
        const n = ticked().length;
        allBox.checked = n === boxes.length;
        allBox.indeterminate = n > 0 && n < boxes.length;
        chosen.textContent = `${n.toLocaleString('en-GB')} of ${casesText(boxes.length)} selected`;
      }
      allBox.addEventListener('change', () => {
        for (const box of boxes) box.checked = allBox.checked;
        sync();
      });
      for (const box of boxes) box.addEventListener('change', sync);
      sync();

      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (busy) return;
        clearErrors(form, formSummary);
        done.hidden = true;
        const references = ticked().map((box) => box.value);
        if (!references.length) {
          showErrors({ summary: formSummary, errors: [{ field: 'references', message: 'Select the cases to anonymise' }], locate: () => allBox });
          return;
        }
        const what = casesText(references.length);
        const yes = await confirmDialog({
          title: `Anonymise ${what}?`,
          text: `This removes the complainant's details, the free text and the letters from ${what}. The dates, outcomes and service areas stay, so reports still count them. This cannot be undone.`,
          yes: `Anonymise ${what}`,
          no: 'Cancel',
        });
        if (!yes) return;
        busy = true;
        submit.setAttribute('aria-disabled', 'true');
        try {
          const result = await call('anonymise_cases', { references });
          const count = Array.isArray(result?.anonymised) ? result.anonymised.length : Number(result?.anonymised ?? references.length);
          draw(result?.retention ?? { ...retention, cases: cases.filter((item) => !references.includes(item.reference)) });
          done.replaceChildren(icon('✓'), ' ', `Anonymised ${casesText(count)}`);
          done.hidden = false;
          done.focus();
        } catch (error) {
          showApiError({ form, summary: formSummary, error, locate: (field) => (String(field).startsWith('references') ? allBox : null) });
        } finally {
          busy = false;
          submit.removeAttribute('aria-disabled');
        }
      });
      return form;
    }

    yearsForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (saveYears.disabled) return;
      clearErrors(yearsForm, yearsSummary);
      yearsSaved.textContent = '';
      const typed = yearsInput.value.trim();
      // The command takes a number: text that is not a whole number is answered here, and the core
      // answers for the range.
      if (!/^\d+$/.test(typed)) {
        showErrors({
          summary: yearsSummary,
          errors: [{ field: 'years', message: 'Enter how many years to keep closed cases, as a whole number from 1 to 100' }],
          locate: () => yearsInput,
        });
        return;
      }
      saveYears.disabled = true;
      try {
        const result = await call('set_retention', { years: Number(typed) });
        draw(result, { years: true });
        markClean(yearsForm);
        yearsSaved.textContent = `Saved: closed cases are kept for ${yearsText(result?.years ?? typed)}`;
      } catch (error) {
        showApiError({ form: yearsForm, summary: yearsSummary, error, locate: (field) => (field === 'years' ? yearsInput : null) });
      } finally {
        saveYears.disabled = false;
      }
    });

    if (failed) showApiError({ form: yearsForm, summary: yearsSummary, error: failed, locate: () => null });
    else draw(firstRetention, { years: true });

    return h('section', { class: 'settings-section', id: 'retention', 'aria-labelledby': 'retention-heading' },
      h('h2', { id: 'retention-heading' }, 'Keeping records'),
      h('p', { class: 'hint' }, 'How long closed cases keep the complainant’s personal details. After that, anonymise them: the figures stay in every report.'),
      yearsForm,
      casesPart);
  }

  /* ----- Letter templates: edit one, see it filled in on a sample letter, save it as a new version ----- */

  function templatesSection() {
    const templateSummary = errorSummary({ id: 'template-error-summary', level: 'h3' });
    const failed = firstTemplate?.failed ?? null;
    const names = (firstTemplate?.names?.length ? firstTemplate.names : ['acknowledgement']).map(String);
    let current = { name: firstTemplate?.name ?? names[0], language: firstTemplate?.language ?? 'en' };

    const nameGroup = selectField({
      id: 'template-name', name: 'name', label: 'Letter', field: 'name',
      items: names.map((name) => ({ value: name, label: templateLabel(name) })), value: current.name,
    });
    const languageGroup = selectField({
      id: 'template-language', name: 'language', label: 'Language', field: 'language',
      items: TEMPLATE_LANGUAGES, value: current.language,
    });
    for (const option of languageGroup.querySelectorAll('option')) {
      const lang = TEMPLATE_LANGUAGES.find((item) => item.value === option.value)?.lang;
      if (lang) option.lang = lang;
    }
    const nameSelect = nameGroup.querySelector('select');
    const languageSelect = languageGroup.querySelector('select');
    const version = h('p', { id: 'template-version', class: 'template-version' });
    const bodyGroup = textArea({
      id: 'template-body', name: 'body', field: 'body', rows: 18, label: 'Wording',
      hint: 'Markdown: # for the title, ## for a heading, **bold**, and - or 1. for a list. Fields go in double braces, such as {{ reference }}; the commonly used ones are listed below.',
    });
    const body = bodyGroup.querySelector('textarea');
    body.classList.add('textarea--code');
    const saveTemplate = h('button', { type: 'submit', class: 'button', id: 'save-template' }, 'Save as a new version');
    const templateSaved = h('p', { id: 'template-saved', class: 'saved-status', role: 'status' });
    const fields = h('dl', { id: 'template-fields', class: 'template-fields', 'aria-labelledby': 'template-fields-heading' },
      TEMPLATE_FIELDS.map(([name, meaning]) => h('div', { class: 'template-fields__row' },
        h('dt', {}, h('code', {}, `{{ ${name} }}`)), h('dd', {}, meaning))));

    // The preview: whether the template fills in (a status message), what the sample letter says, and its page.
    const check = h('div', { id: 'template-check', class: 'template-check', role: 'status' });
    const checks = h('div', { id: 'template-requirements-slot' });
    const stale = h('p', { id: 'template-preview-stale', class: 'hint', hidden: true },
      'The page shows the last wording that filled in without a problem.');
    const pageSlot = h('div', { id: 'template-page-slot', class: 'template-page-slot' });

    const templateForm = h('form', { id: 'template-form', class: 'template-form', novalidate: true, 'aria-labelledby': 'templates-heading' },
      templateSummary,
      h('fieldset', { class: 'fieldset template-choice' },
        h('legend', { class: 'fieldset__legend fieldset__legend--s' }, 'Template to edit'),
        h('div', { class: 'template-choice__fields' }, nameGroup, languageGroup)),
      h('div', { class: 'template-editor' },
        h('div', { class: 'template-editor__edit' },
          version,
          bodyGroup,
          buttonGroup(saveTemplate, templateSaved),
          h('h3', { id: 'template-fields-heading' }, 'Commonly used fields'),
          fields),
        h('div', { class: 'template-editor__preview' },
          h('h3', { id: 'template-preview-heading', class: 'template-editor__title' }, 'Preview on a sample letter'),
          check,
          h('h4', { id: 'template-requirements-heading' }, 'What the letter must say'),
          checks,
          stale,
          pageSlot)));
    guard(templateForm);

    let timer = null;
    let ticket = 0;
    let edited = false; // the wording was changed since it was loaded or saved

    function setCheck(node, text) {
      // Only a change of outcome is announced, not every preview.
      if (check.dataset.text === text) return;
      check.dataset.text = text;
      check.replaceChildren(node);
    }

    async function preview() {
      clearTimeout(timer);
      const mine = ++ticket;
      const asked = { name: current.name, language: current.language, body: body.value };
      try {
        const result = await call('preview_template', asked);
        if (mine !== ticket) return;
        if (result.error || !result.preview) {
          const text = problemText(result.error);
          setCheck(h('div', { class: 'template-problem', id: 'template-problem' }, icon('✗'), ' ', hiddenText('Problem: '), text), text);
          stale.hidden = pageSlot.childElementCount === 0;
          return;
        }
        const ok = 'The template fills in without a problem.';
        setCheck(h('p', { class: 'template-ok' }, icon('✓'), ' ', ok), ok);
        stale.hidden = true;
        checks.replaceChildren(requirementsList(result.preview.requirements, { id: 'template-requirements', labelledBy: 'template-requirements-heading' }));
        pageSlot.replaceChildren(letterPage(result.preview.page, {
          id: 'template-page', label: `Preview of the ${templateLabel(current.name).toLowerCase()} letter on a sample case`, lang: current.language,
        }));
      } catch (error) {
        if (mine !== ticket) return;
        setCheck(h('div', { class: 'template-problem' }, icon('✗'), ' ', hiddenText('Problem: '), error.message), error.message);
      }
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(preview, PREVIEW_DELAY_MS);
    }

    function show(template) {
      current = { name: template.name, language: template.language };
      nameSelect.value = template.name;
      languageSelect.value = template.language;
      body.value = template.body ?? '';
      body.lang = template.language;
      version.replaceChildren(h('strong', {}, versionText(template.version)));
      edited = false;
      markClean(templateForm);
      preview();
    }

    async function load(name, language) {
      clearErrors(templateForm, templateSummary);
      templateSaved.textContent = '';
      try {
        show(await call('get_template', { name, language }));
      } catch (error) {
        nameSelect.value = current.name;
        languageSelect.value = current.language;
        showApiError({ form: templateForm, summary: templateSummary, error, idPrefix: 'template-' });
      }
    }

    // Choosing another template or language loads it, asking first if the wording was changed.
    templateForm.addEventListener('change', async (event) => {
      if (event.target !== nameSelect && event.target !== languageSelect) return;
      if (!edited) markClean(templateForm);
      const wanted = { name: nameSelect.value, language: languageSelect.value };
      if (edited && !(await confirmDialog({
        title: 'Discard your changes to this template?',
        text: `You have changed the wording of the ${templateLabel(current.name).toLowerCase()} template but not saved it. If you open another template, your changes will be lost.`,
        yes: 'Discard changes',
        no: 'Keep editing',
      }))) {
        nameSelect.value = current.name;
        languageSelect.value = current.language;
        return;
      }
      load(wanted.name, wanted.language);
    });

    body.addEventListener('input', () => {
      edited = true;
      templateSaved.textContent = '';
      schedule();
    });

    templateForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (saveTemplate.disabled) return;
      clearErrors(templateForm, templateSummary);
      templateSaved.textContent = '';
      saveTemplate.disabled = true;
      try {
        const saved = await call('save_template', { name: current.name, language: current.language, body: body.value });
        show(saved);
        templateSaved.textContent = `Saved as version ${saved.version}`;
      } catch (error) {
        showApiError({ form: templateForm, summary: templateSummary, error, idPrefix: 'template-' });
      } finally {
        saveTemplate.disabled = false;
      }
    });

    if (failed) {
      version.textContent = '';
      showApiError({ form: templateForm, summary: templateSummary, error: failed, idPrefix: 'template-' });
    } else {
      show(firstTemplate);
    }

    return h('section', { class: 'settings-section', id: 'templates', 'aria-labelledby': 'templates-heading' },
      h('h2', { id: 'templates-heading' }, 'Letter templates'),
      h('p', { class: 'hint' }, 'Each kind of letter is written from a template. Saving makes a new version: letters written from then on use it, and letters already issued keep the wording they went out with. The preview fills the template in on a sample case.'),
      templateForm);
  }

  /* ----- About Redress: its version, publisher and licence, where its files are, and the log folder and licences opened ----- */

  function aboutSection() {
    const failed = about?.failed ?? null;
    const info = failed ? {} : (about ?? {});
    const status = h('p', { id: 'about-status', class: 'test-status', role: 'status' });
    const openLogs = h('button', { type: 'button', class: 'button button--secondary', id: 'open-logs', 'aria-describedby': 'about-logs-hint' }, 'Open the log folder');
    const licencesFile = info.licences_file ?? null;
    const openLicences = licencesFile
      ? h('button', { type: 'button', class: 'button button--secondary', id: 'open-licences' }, 'Third-party licences')
      : null;
    let busy = false;

    function factRow(label, value) {
      return h('div', { class: 'summary-list__row' },
        h('dt', { class: 'summary-list__key' }, label),
        h('dd', { class: 'summary-list__value' }, value));
    }

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
    async function open(what, button) {
      if (busy) return;
      busy = true;
      button.setAttribute('aria-disabled', 'true');
      status.classList.remove('test-status--error');
      status.textContent = '';
      try {
        const path = await call('open_about_file', { what });
        status.replaceChildren(icon('✓'), ' Opened ', h('span', { class: 'report-save-status__path' }, String(path ?? '')));
      } catch (error) {
        status.classList.add('test-status--error');
        status.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
      } finally {
        busy = false;
        button.removeAttribute('aria-disabled');
      }
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

  const element = h('section', { class: 'screen', dataset: { screen: 'settings' } },
    screenHeading('Settings'),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'council-heading' }, 'Council, calendar and policy'),
      form),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'officers-heading' }, 'Officers'),
      officersWrap, noOfficers, officersStatus,
      h('h3', {}, 'Add an officer'),
      officerForm),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'service-areas-heading' }, 'Service areas'),
      serviceAreaList,
      h('h3', {}, 'Add a service area'),
      serviceAreaForm),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'categories-heading' }, 'Categories'),
      categoryList,
      h('h3', {}, 'Add a category'),
      categoryForm),
    transferSection(),
    backupsSection(),
    syncSection({ first: firstSync, context }),
    retentionSection(),
    templatesSection(),
    aboutSection());
  // The header's conflicts link, followed from another screen, lands on the Sync section.
  return { title: 'Settings', element, afterShow: () => { if (takeSyncJump()) showSyncSection(); } };
}
