// The case screen's form to write a letter: the letter chosen, then its preview (what it must say, the officer's note, the reason to send it without something, acknowledging the stage, the page and its wording to adjust), and Issue.

import { call } from '../../api.js';
import { h, append, hiddenText } from '../../dom.js';
import {
  textArea, selectField, checkboxField, buttonGroup, errorSummary, showApiError, showErrors, clearErrors, locateField, guard, markClean,
} from '../../forms.js';
import { letterPage, requirementsList } from '../../letter-page.js';
import { confirmDiscard } from './step-form.js';
import { openButton } from './issued-letters.js';

/**
 * The letter chooser and, once previewed, the letter panel: what the letter must say, the
 * officer's note, reason and choices, the page, its wording to adjust, and Issue.
 *
 * `screen` is what it shares with the rest of the case screen: `view()` and `setView(updated)` (the
 * case as drawn), `openStep()` and `closeStep()` (the step form open, if any: one form at a time),
 * `notice` and `showNotice(...content)` (the success banner), `heading` (focused after issuing),
 * `draw()` (draws the screen again) and `setLetterPanel(panel)` (how the step forms put this away).
 */
export function letterForm(available, screen) {
  const summary = errorSummary({ id: 'letter-error-summary', level: 'h4' });
  const kindGroup = selectField({
    id: 'letter-kind', name: 'kind', label: 'Letter', field: 'kind',
    items: available.map((choice) => ({ value: choice.kind, label: choice.title })),
  });
  const kindSelect = kindGroup.querySelector('select');
  const previewButton = h('button', {
    type: 'button', class: 'button button--secondary', id: 'preview-letter', 'aria-controls': 'letter-panel', 'aria-expanded': 'false',
  }, 'Preview letter');
  const panel = h('div', { id: 'letter-panel', class: 'letter-panel', role: 'region', 'aria-labelledby': 'letter-panel-heading', hidden: true });
  const form = h('form', { id: 'letter-form', class: 'letter-form', novalidate: true, 'aria-labelledby': 'letter-write-heading' },
    summary, kindGroup, buttonGroup(previewButton), panel);
  guard(form);

  // The letter being written: its kind, the controls drawn for it, and the latest preview.
  let letter = null;
  let pending = null; // the preview being fetched, if any
  let ticket = 0;

  const chosen = () => available.find((choice) => choice.kind === kindSelect.value) ?? available[0];

  /** The wording to send: the officer's, when it differs from what the template gives; else null. */
  const ownWording = () => {
    if (!letter) return null;
    const text = letter.wording.value;
    return text.trim() && text.trim() !== letter.templateWording.trim() ? text : null;
  };

  const readInput = () => ({
    kind: letter?.kind ?? kindSelect.value,
    note: letter?.note ? letter.note.value : '',
    wording: ownWording(),
    reason: letter?.reason && !letter.reasonGroup.hidden ? letter.reason.value : '',
    acknowledge: letter?.acknowledge ? letter.acknowledge.checked : false,
  });

  const locate = (field) => {
    const control = locateField(form, field, { idPrefix: 'letter-' });
    const details = control?.closest('details');
    if (details) details.open = true;
    return control;
  };

  function showError(error) {
    showApiError({ form, summary, error, locate });
  }

  function close({ focus = false } = {}) {
    ticket += 1;
    letter = null;
    pending = null;
    panel.hidden = true;
    panel.replaceChildren();
    previewButton.setAttribute('aria-expanded', 'false');
    clearErrors(form, summary);
    markClean(form);
    if (focus && previewButton.isConnected) previewButton.focus();
  }

  screen.setLetterPanel({
    isOpen: () => letter !== null,
    isDirty: () => Boolean(letter?.edited),
    close: () => close(),
    clearErrors: () => clearErrors(form, summary),
  });

  /** Builds the panel's controls for one kind of letter; the checks and the page are filled in by each preview. */
  function buildPanel(choice) {
    const heading = h('h4', { id: 'letter-panel-heading', class: 'letter-panel__title', tabindex: '-1' }, `Preview: ${choice.title}`);
    const source = h('p', { id: 'letter-source', class: 'hint' });
    const checks = h('div', { id: 'letter-checks', class: 'letter-checks' });
    const reasonGroup = textArea({
      id: 'letter-reason', name: 'reason', field: 'reason', rows: 3, label: 'Why it can go out without this',
      hint: 'The letter is kept with this reason on the case’s history.',
    });
    reasonGroup.hidden = true;
    const reason = reasonGroup.querySelector('textarea');
    reason.required = true;
    let noteGroup = null;
    let note = null;
    if (choice.kind === 'escalation-declined') {
      noteGroup = textArea({
        id: 'letter-note', name: 'note', field: 'note', rows: 4, label: 'Why escalation is declined',
        hint: 'In words the person will read. The letter gives this reason.',
      });
      note = noteGroup.querySelector('textarea');
      note.addEventListener('change', () => refresh());
    }
    const acknowledgeGroup = choice.acknowledges
      ? checkboxField({
        id: 'letter-acknowledge', name: 'acknowledge', field: 'acknowledge', checked: true,
        label: 'Also record the stage as acknowledged today',
      })
      : null;
    acknowledgeGroup?.querySelector('input').addEventListener('change', () => refresh());
    const pageHeading = h('h5', { id: 'letter-page-heading', class: 'letter-panel__subtitle', tabindex: '-1' }, 'The letter');
    const pageSlot = h('div', { id: 'letter-page-slot', class: 'letter-page-slot' });
    const wordingGroup = textArea({
      id: 'letter-wording', name: 'wording', field: 'wording', rows: 16, label: 'Wording of this letter',
      hint: 'Markdown: # for the title, ## for a heading, **bold**, and - or 1. for a list. This changes only this letter, not the template.',
    });
    wordingGroup.querySelector('textarea').classList.add('textarea--code');
    const wording = wordingGroup.querySelector('textarea');
    wording.spellcheck = true;
    const update = h('button', { type: 'button', class: 'button button--secondary', id: 'update-letter-preview' }, 'Update preview');
    update.addEventListener('click', () => refresh({ focusPage: true }));
    const wordingDetails = h('details', { class: 'details disclosure letter-wording', id: 'letter-wording-details' },
      h('summary', { class: 'details__summary', id: 'letter-wording-summary' }, 'Adjust the wording'),
      h('div', { class: 'disclosure__content' }, wordingGroup, buttonGroup(update)));
    const issue = h('button', { type: 'submit', class: 'button', id: 'issue-letter' }, 'Issue letter');
    const cancel = h('button', { type: 'button', class: 'button button--secondary', id: 'cancel-letter' }, 'Cancel');
    cancel.addEventListener('click', () => close({ focus: true }));
    panel.replaceChildren();
    append(panel,
      heading, source,
      h('h5', { id: 'letter-checks-heading', class: 'letter-panel__subtitle' }, 'What the letter must say'),
      checks, reasonGroup, noteGroup, acknowledgeGroup,
      pageHeading,
      pageSlot, wordingDetails,
      buttonGroup(issue, cancel));
    return {
      kind: choice.kind, choice, heading, source, checks, reasonGroup, reason, note, acknowledge: acknowledgeGroup?.querySelector('input') ?? null,
      pageHeading, pageSlot, wording, issue, templateWording: '', shownWording: '', preview: null, edited: false,
    };
  }

  /** Draws a preview the core sent into the panel. */
  function drawPreview(result, sentWording) {
    letter.preview = result;
    if (sentWording === null) {
      // The template's wording follows the note and the acknowledgement; the officer's own stays as they wrote it.
      const typed = letter.wording.value.trim();
      const adjusted = typed !== '' && typed !== letter.templateWording.trim();
      letter.templateWording = result.wording ?? '';
      if (!adjusted) letter.wording.value = letter.templateWording;
    }
    letter.shownWording = result.wording ?? '';
    const from = Number(result.template_version) > 0 ? `version ${result.template_version} of the template` : 'Redress’s default template';
    letter.source.textContent = result.edited ? `Written from ${from}, with the wording adjusted for this letter.` : `Written from ${from}.`;
    const missing = result.missing ?? [];
    letter.checks.replaceChildren(...[
      requirementsList(result.requirements, { id: 'letter-requirements', labelledBy: 'letter-checks-heading' }),
      missing.length
        ? h('div', { class: 'warning-text', id: 'letter-warning' },
          h('span', { class: 'warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h('strong', { class: 'warning-text__text' }, hiddenText('Warning: '),
            `This letter does not say ${missing.join('; ')}. Add it under “Adjust the wording”, or say below why it can go out without it.`))
        : null,
    ].filter(Boolean));
    letter.reasonGroup.hidden = missing.length === 0;
    letter.pageSlot.replaceChildren(letterPage(result.page, { id: 'letter-page', label: `Preview of the letter: ${result.title ?? letter.choice.title}` }));
  }

  /** Asks the core for the letter as it would go out now. */
  function refresh({ focusPage = false } = {}) {
    if (!letter) return Promise.resolve();
    const mine = ++ticket;
    const input = readInput();
    clearErrors(form, summary);
    const run = (async () => {
      try {
        const result = await call('letter_preview', { reference: screen.view().reference, input });
        if (mine !== ticket || !letter) return;
        drawPreview(result, input.wording);
        if (focusPage) letter.pageHeading.focus();
      } catch (error) {
        if (mine !== ticket) return;
        showError(error);
      }
    })();
    pending = run;
    run.finally(() => { if (pending === run) pending = null; });
    return run;
  }

  async function openPanel() {
    const open = screen.openStep();
    if (open) {
      if (open.form.dataset.dirty && !(await confirmDiscard())) return;
      screen.closeStep();
    }
    screen.notice.hidden = true;
    if (letter) {
      await refresh();
      letter?.heading.focus();
      return;
    }
    const choice = chosen();
    const mine = ++ticket;
    clearErrors(form, summary);
    previewButton.disabled = true;
    try {
      const input = { kind: choice.kind, note: '', wording: null, reason: '', acknowledge: Boolean(choice.acknowledges) };
      const result = await call('letter_preview', { reference: screen.view().reference, input });
      if (mine !== ticket) return;
      letter = buildPanel(choice);
      drawPreview(result, null);
      panel.hidden = false;
      previewButton.setAttribute('aria-expanded', 'true');
      markClean(form);
      letter.heading.focus();
    } catch (error) {
      if (mine === ticket) showError(error);
    } finally {
      previewButton.disabled = false;
    }
  }

  previewButton.addEventListener('click', openPanel);

  // Choosing another letter puts away the one previewed (asking first if something was typed in it).
  let lastKind = kindSelect.value;
  form.addEventListener('change', async (event) => {
    if (event.target !== kindSelect) return;
    if (!letter) {
      markClean(form); // only a choice made: nothing to lose yet
      lastKind = kindSelect.value;
      return;
    }
    if (letter.edited && !(await confirmDiscard())) {
      kindSelect.value = lastKind;
      return;
    }
    lastKind = kindSelect.value;
    close();
  });
  // Anything typed or ticked in the panel is work that leaving would lose.
  const edited = (event) => { if (letter && panel.contains(event.target)) letter.edited = true; };
  panel.addEventListener('input', edited);
  panel.addEventListener('change', edited);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!letter || letter.issue.disabled) return;
    if (pending) await pending;
    if (!letter) return;
    // What is issued must be what was seen: changed wording is previewed first.
    if (letter.wording.value.trim() !== letter.shownWording.trim()) {
      await refresh();
      if (!letter || !summary.hidden) return;
      showErrors({
        summary,
        errors: [{ field: null, message: 'The preview now shows your changes to the wording. Check it, then issue the letter.' }],
      });
      return;
    }
    clearErrors(form, summary);
    const input = readInput();
    const { issue } = letter;
    issue.disabled = true;
    try {
      const result = await call('issue_letter', { reference: screen.view().reference, input });
      markClean(form);
      letter = null;
      try {
        screen.setView(await call('get_case', { reference: screen.view().reference }));
      } catch {
        // The letter is issued; the case is drawn as it was until the screen is next opened.
      }
      screen.draw();
      const saved = h('span', { id: 'letter-issued-status', class: 'notice__status' });
      screen.showNotice(
        h('span', { class: 'wrap-anywhere', id: 'letter-issued' }, `Letter issued and saved as ${result.path}`), ' ',
        openButton(result.letter, saved), saved);
      screen.heading.focus();
      window.scrollTo(0, 0);
    } catch (error) {
      showError(error);
    } finally {
      issue.disabled = false;
    }
  });

  return form;
}
