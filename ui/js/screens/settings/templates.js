// Settings' Letter templates section: edit one, see it filled in on a sample letter, save it as a new version.

import { call } from '../../api.js';
import { h, hiddenText, icon } from '../../dom.js';
import { textArea, selectField, buttonGroup, errorSummary, showApiError, clearErrors, guard, markClean, confirmDialog } from '../../forms.js';
import { letterPage, requirementsList } from '../../letter-page.js';

const PREVIEW_DELAY_MS = 400;

const TEMPLATE_LANGUAGES = [
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'cy', label: 'Cymraeg', lang: 'cy' },
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

/** The section, from what get_template first gave for the acknowledgement in English (`first`: {failed} when it failed). */
export function templatesSection({ first, state }) {
  const templateSummary = errorSummary({ id: 'template-error-summary', level: 'h3' });
  const failed = first?.failed ?? null;
  const names = (first?.names?.length ? first.names : ['acknowledgement']).map(String);
  let current = { name: first?.name ?? names[0], language: first?.language ?? 'en' };

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
    (state.reference.template_fields ?? []).map(({ slug: name, label: meaning }) => h('div', { class: 'template-fields__row' },
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
    show(first);
  }

  return h('section', { class: 'settings-section', id: 'templates', 'aria-labelledby': 'templates-heading' },
    h('h2', { id: 'templates-heading' }, 'Letter templates'),
    h('p', { class: 'hint' }, 'Each kind of letter is written from a template. Saving makes a new version: letters written from then on use it, and letters already issued keep the wording they went out with. The preview fills the template in on a sample case.'),
    templateForm);
}