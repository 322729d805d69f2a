// The Settings screen's main form: the council (with the letterhead's phone, email and website, and its own words for outcomes), its calendar, this laptop's reference prefix and user, the complaints policy's stages, how far back New complaint looks, the largest file a case file takes and the reminders, saved together by Save settings.

import { call } from '../../api.js';
import { h } from '../../dom.js';
import {
  textField, textArea, selectField, numberField, fieldset, buttonGroup, errorSummary,
  showApiError, clearErrors, guard, markClean, markDirty, toNumber, dateValue,
} from '../../forms.js';
import { remindersFieldset } from './reminders.js';

function closureLines(closures) {
  // One a line, as DD/MM/YYYY so that saving the form unchanged reads them back.
  return (closures ?? []).map((date) => (typeof date === 'string' ? date : dateValue(date))).join('\n');
}

function stageFieldset(stage, number, total, onRemove, clocks) {
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
      selectField({ id: id('response_from'), label: 'Response time counted', items: clocks, value: stage.response_from }),
      numberField({ id: id('extension_limit_days'), label: 'Extension limit (working days)', hint: 'The most an extension can add without a recorded good reason', value: stage.extension_limit_days })),
    remove);
}

/**
 * The form, from the loaded settings, what get_autostart gave, the screen's shared `state` (its
 * `reference` data, for the nations) and its context (to refresh the header and reminders once saved).
 */
export function settingsForm({ settings, autostart, state, context }) {
  let policyName = settings.policy?.name ?? '';
  const maxStages = settings.policy?.max_stages ?? 1;

  const summary = errorSummary({ id: 'error-summary' });
  const known = (state.reference.nations ?? []).find((n) => n.slug === settings.nation || n.label === settings.nation);
  // A council in England or Wales that has not said which is asked, never guessed: saving keeps the shared bank
  // holidays until it chooses.
  const nations = [
    ...(known ? [] : [{ value: settings.nation, label: 'England or Wales: choose which' }]),
    ...(state.reference.nations ?? []).map((n) => ({ value: n.slug, label: n.label })),
  ];
  const nationValue = known?.slug ?? settings.nation;
  const stagesBox = h('div', { class: 'policy-stages' });
  const addStage = h('button', { type: 'button', class: 'button button--secondary', id: 'add-stage' }, 'Add a stage');
  const policyNote = h('p', { class: 'hint', id: 'policy-name' });
  const saved = h('p', { id: 'settings-saved', class: 'saved-status', role: 'status' });
  const save = h('button', { type: 'submit', class: 'button', id: 'save-settings' }, 'Save settings');

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
      selectField({ id: 'nation', label: 'Nation', hint: 'Sets the bank holidays and the Ombudsman complainants are told of', items: nations, value: nationValue }),
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
    remindersFieldset({ settings, autostart }),
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

  // Where a stage's response time may be counted from, as the core words it.
  const clocks = (state.reference.response_clocks ?? []).map((c) => ({ value: c.slug, label: c.label }));
  function drawStages(stages) {
    stagesBox.replaceChildren(...stages.map((stage, index) => stageFieldset(stage, index + 1, stages.length, () => {
      drawStages(readStages().slice(0, -1));
      markDirty(form);
      saved.textContent = '';
      addStage.focus();
    }, clocks)));
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
    const nation = (state.reference.nations ?? []).find((n) => n.slug === values.nation || n.label === values.nation);
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

  return form;
}
