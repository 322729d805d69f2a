// The Case screen: any restriction on contact and the complainant's needs first, then one case's details, current deadlines, the next steps the core allows (as inline forms), its letters (issued, and a preview to issue one), its case file (documents, notes, contacts, the Ombudsman's PDF), actions, stages and history.

import { call } from '../api.js';
import { h, icon, screenHeading } from '../dom.js';
import { showApiError, showErrors, clearErrors, guard, markClean, confirmDialog, dateValue } from '../forms.js';
import { caseFileSection } from '../case-file.js';
import { buildStepForm, fillIn, confirmDiscard } from './case/step-form.js';
import { caseAlerts } from './case/alerts.js';
import { detailsPanel } from './case/details.js';
import { deadlinesPanel } from './case/deadlines.js';
import { stepsSection } from './case/steps.js';
import { lettersSection } from './case/letters.js';
import { actionsSection } from './case/actions.js';
import { stagesSection, referralSection } from './case/stages.js';
import { timelineSection } from './case/timeline.js';

export async function render(context) {
  let reference;
  try {
    reference = decodeURIComponent(context.params[0]);
  } catch {
    reference = context.params[0];
  }
  const [initial, refData, info] = await Promise.all([
    call('get_case', { reference }),
    call('reference_data'),
    context.appInfo(),
  ]);
  const today = dateValue(info.today);

  const heading = screenHeading();
  const notice = h('div', { id: 'step-done', class: 'notice notice--success', role: 'status', hidden: true });
  const body = h('div', { class: 'case-body' });
  const element = h('section', { class: 'screen', dataset: { screen: 'case' } }, heading, notice, body);

  let view = initial;
  let open = null; // {form, opener}
  // The letter panel of the Letters section, as drawn now (see lettersSection).
  let letterPanel = { isOpen: () => false, isDirty: () => false, close: () => {}, clearErrors: () => {} };
  // The history as drawn now: drawn again on its own when the case file changes.
  let timeline = null;
  // Built once: drawing the screen again keeps its forms, and what is typed in them. A note, a
  // contact or a document changes only the case file's lists and the history.
  const caseFile = caseFileSection({
    view: () => view,
    changed: (updated) => {
      view = updated;
      caseFile.paint();
      const next = timelineSection(view);
      timeline?.replaceWith(next);
      timeline = next;
    },
  });

  /** The success banner at the top: a message (text or nodes). */
  function showNotice(...content) {
    notice.replaceChildren(icon('✓'), ' ', ...content);
    notice.hidden = false;
  }

  /** Clears what an earlier action left on the screen: the success banner and the letters' error summary. */
  function clearMessages() {
    notice.hidden = true;
    notice.replaceChildren();
    letterPanel.clearErrors();
  }

  function closeStep({ focusOpener = false } = {}) {
    if (!open) return;
    const { form, opener } = open;
    form.remove();
    opener?.setAttribute('aria-expanded', 'false');
    open = null;
    if (focusOpener && opener?.isConnected) opener.focus();
  }

  async function openStep(spec, { slot, opener, number }) {
    if (open && open.opener === opener) {
      if (open.form.dataset.dirty && !(await confirmDiscard())) return;
      closeStep({ focusOpener: true });
      return;
    }
    if (open && open.form.dataset.dirty && !(await confirmDiscard())) return;
    if (letterPanel.isOpen()) {
      // One form at a time: a letter being written is put away first.
      if (letterPanel.isDirty() && !(await confirmDiscard())) return;
      letterPanel.close();
    }
    closeStep();
    clearMessages();
    const built = buildStepForm(spec, { view, reference: refData, today, number });
    const { form, summary, submit, cancel } = built;
    guard(form);
    cancel.addEventListener('click', () => closeStep({ focusOpener: true }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      // Every empty required field is reported at once, before any question is asked.
      const missing = built.missing();
      if (missing.length) {
        showErrors({ summary, errors: missing, locate: built.locate });
        return;
      }
      const step = built.read();
      const texts = built.texts();
      if (spec.confirm && !(await confirmDialog({
        title: fillIn(spec.confirm.title, texts),
        text: fillIn(spec.confirm.text, texts),
        yes: spec.confirm.yes || spec.submit || spec.label,
        no: 'Cancel',
      }))) return;
      submit.disabled = true;
      try {
        const updated = await call('case_step', { reference: view.reference, step });
        markClean(form);
        open = null;
        view = updated;
        draw();
        showNotice(fillIn(spec.done || 'Done', texts));
        heading.focus();
        window.scrollTo(0, 0);
      } catch (error) {
        showApiError({ form, summary, error, locate: built.locate });
      } finally {
        submit.disabled = false;
      }
    });
    slot.append(form);
    opener.setAttribute('aria-expanded', 'true');
    open = { form, opener };
    (form.querySelector('input:not([type=hidden]), select, textarea') ?? form).focus();
  }

  // What the Letters section shares with the rest of the screen (see letterForm).
  const screen = {
    view: () => view,
    setView: (updated) => { view = updated; },
    openStep: () => open,
    closeStep: () => closeStep(),
    notice,
    showNotice,
    heading,
    draw: () => draw(),
    setLetterPanel: (panel) => { letterPanel = panel; },
  };

  function draw() {
    heading.replaceChildren(h('span', { class: 'caption' }, view.reference), ' ', view.summary || 'No summary');
    caseFile.paint();
    timeline = timelineSection(view);
    body.replaceChildren(
      caseAlerts(view),
      h('div', { class: 'case-top' },
        h('div', { class: 'case-main' }, stepsSection({ view, openStep }), lettersSection(screen), detailsPanel(view, refData)),
        h('div', { class: 'case-side' }, deadlinesPanel(view))),
      // The full width, after the letters and details, so that the documents table fits a laptop.
      caseFile.element,
      actionsSection({ view, openStep }),
      stagesSection(view, refData),
      referralSection(view, refData) ?? '',
      timeline);
  }

  draw();
  const flash = context.takeFlash();
  if (flash) showNotice(flash);
  return { title: `Case ${view.reference}`, element };
}
