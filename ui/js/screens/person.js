// The Person screen: one complainant across all their cases: needs, details for every case at once, restrictions on contact, merging two records, history.

import { call } from '../api.js';
import {
  h, icon, hiddenText, longDate, shortDate, labelFor, caseHref, tableWrap, screenHeading, personName, restrictedTag,
} from '../dom.js';
import {
  textField, dateField, textArea, selectField, radiosField, buttonGroup, errorSummary, showApiError, clearErrors,
  guard, markClean, confirmDialog, dateValue,
} from '../forms.js';

const DEBOUNCE_MS = 250;

/* ---------- Small display helpers ---------- */

function muted(text) {
  return h('span', { class: 'muted' }, text);
}

function row(label, value, attrs = {}) {
  return h('div', { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value', ...attrs }, value));
}

function text(value, none = 'Not recorded') {
  return value ? h('span', { class: 'pre-line' }, value) : muted(none);
}

function highlight(value) {
  return h('div', { class: 'highlight' }, icon('⚑'), ' ', h('span', { class: 'pre-line' }, value));
}

function count(n, one, many) {
  const number = Number(n ?? 0);
  return `${number.toLocaleString('en-GB')} ${number === 1 ? one : many}`;
}

/** "All 3 cases" / "The 1 case" / "Any cases", for sentences about moving or saving a person's cases. */
function casesPhrase(n) {
  const number = Number(n ?? 0);
  if (number === 1) return 'The 1 case';
  if (number === 0) return 'Any cases';
  return `All ${number.toLocaleString('en-GB')} cases`;
}

function savedText(n) {
  const number = Number(n ?? 0);
  if (number === 0) return 'Details saved';
  if (number === 1) return 'Details saved for their 1 case';
  return `Details saved for all ${number.toLocaleString('en-GB')} cases`;
}

/* ---------- The screen ---------- */

export async function render(context) {
  let idText;
  try {
    idText = decodeURIComponent(context.params[0]);
  } catch {
    idText = context.params[0];
  }
  const [initial, refData, info] = await Promise.all([call('get_person', { id: idText }), call('reference_data'), context.appInfo()]);
  const today = dateValue(info.today);

  const heading = screenHeading();
  const notice = h('div', { id: 'step-done', class: 'notice notice--success', role: 'status', hidden: true });
  const body = h('div', { class: 'person-body' });
  const element = h('section', { class: 'screen', dataset: { screen: 'person' } }, heading, notice, body);

  let view = initial;
  const shownName = () => personName(view, { anonymous: 'Anonymous complainant' });

  function showNotice(message) {
    notice.replaceChildren(icon('✓'), ' ', message);
    notice.hidden = false;
  }

  /** After a change the core accepted: draw its PersonView, say what happened, and go back to the top. */
  function changed(updated, message) {
    view = updated;
    draw();
    showNotice(message);
    heading.focus();
    window.scrollTo(0, 0);
  }

  /* ----- Restriction banner and needs ----- */

  function restrictionBanner() {
    const r = view.restriction;
    if (!r) return null;
    return h('section', { id: 'person-restriction', class: 'banner banner--warning', 'aria-labelledby': 'person-restriction-title', dataset: { restriction: r.number } },
      h('h2', { id: 'person-restriction-title', class: 'banner__title' }, icon('⚠'), ' Contact with this person is restricted'),
      r.review_due
        ? h('p', { class: 'banner__due' }, h('strong', { class: 'tag tag--overdue' }, icon('⚠'), ' Review due'), ' ', `The review date was ${longDate(r.review_on)}.`)
        : null,
      h('dl', { class: 'summary-list summary-list--compact' },
        row('What contact is allowed', text(r.contact)),
        row('Why', text(r.reason)),
        row('Decided by', [r.decided_by || muted('Not recorded'), ' on ', shortDate(r.decided_on)]),
        row('Person told on', shortDate(r.told_on) || muted('Not recorded')),
        row('Review date', r.review_due ? h('strong', {}, longDate(r.review_on)) : longDate(r.review_on))));
  }

  function needsPanel() {
    return h('section', { id: 'person-needs', class: 'panel panel--needs', 'aria-labelledby': 'needs-heading' },
      h('h2', { id: 'needs-heading', class: 'panel__title' }, 'Needs and adjustments'),
      h('dl', { class: 'summary-list summary-list--compact' },
        row('Vulnerability', view.vulnerability ? highlight(view.vulnerability) : muted('None recorded'), { id: 'person-vulnerability' }),
        row('Adjustments', view.adjustments ? highlight(view.adjustments) : muted('None recorded'), { id: 'person-adjustments' }),
        row('Contact preference', labelFor(refData.contact_methods, view.preferred_contact) || muted('No preference')),
        view.language ? row('Language', labelFor(refData.languages, view.language)) : null));
  }

  /* ----- Details, saved for every case ----- */

  function detailsSection() {
    const summary = errorSummary({ id: 'person-error-summary' });
    const submit = h('button', { type: 'submit', class: 'button', id: 'save-person' }, 'Save details');
    const contactItems = [
      { value: '', label: 'No preference' },
      ...(refData.contact_methods ?? []).map((item) => ({ value: item.slug, label: item.label })),
    ];
    const languageItems = [
      { value: '', label: 'No preference' },
      ...(refData.languages ?? []).map((item) => ({ value: item.slug, label: item.label })),
    ];
    const form = h('form', { id: 'person-form', class: 'form', novalidate: true, 'aria-labelledby': 'person-details-heading' },
      summary,
      textField({ id: 'person_name', name: 'name', label: 'Full name', value: view.name, field: 'name' }),
      view.anonymous ? h('p', { class: 'hint', id: 'person-anonymous' }, 'This person asked to stay anonymous. Their name is not shared with the service they complained about.') : null,
      textArea({ id: 'person_address', name: 'address', label: 'Address', rows: 3, value: view.address, field: 'address' }),
      textField({ id: 'person_postcode', name: 'postcode', label: 'Postcode', width: 'short', value: view.postcode, field: 'postcode' }),
      textField({ id: 'person_email', name: 'email', label: 'Email address', type: 'email', spellcheck: 'false', value: view.email, field: 'email' }),
      textField({ id: 'person_phone', name: 'phone', label: 'Phone number', type: 'tel', width: 'medium', value: view.phone, field: 'phone' }),
      selectField({ id: 'person_preferred_contact', name: 'preferred_contact', label: 'How they prefer to be contacted', items: contactItems, value: view.preferred_contact ?? '', field: 'preferred_contact' }),
      selectField({ id: 'person_language', name: 'language', label: 'Preferred language', items: languageItems, value: view.language ?? '', field: 'language' }),
      textArea({ id: 'person_vulnerability', name: 'vulnerability', label: 'Vulnerability (optional)', hint: 'Anything the officer handling their cases should know, for example a disability or a difficult time', rows: 2, value: view.vulnerability, field: 'vulnerability' }),
      textArea({ id: 'person_adjustments', name: 'adjustments', label: 'Reasonable adjustments (optional)', hint: 'For example, large print letters or phone calls instead of letters', rows: 2, value: view.adjustments, field: 'adjustments' }),
      buttonGroup(submit));
    guard(form);

    const KEYS = ['name', 'address', 'postcode', 'email', 'phone', 'preferred_contact', 'language', 'vulnerability', 'adjustments'];
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      const input = Object.fromEntries(KEYS.map((key) => [key, String(form.querySelector(`#person_${key}`).value ?? '')]));
      submit.disabled = true;
      try {
        const updated = await call('update_person', { id: view.id, input });
        markClean(form);
        changed(updated, savedText((updated.cases ?? []).length));
      } catch (error) {
        showApiError({ form, summary, error, idPrefix: 'person_' });
      } finally {
        submit.disabled = false;
      }
    });

    const cases = (view.cases ?? []).length;
    return h('section', { class: 'person-section', 'aria-labelledby': 'person-details-heading' },
      h('h2', { id: 'person-details-heading' }, 'Details'),
      h('p', { class: 'hint' }, cases > 1
        ? `What you save here changes the details on all ${count(cases, 'case', 'cases')} of this person.`
        : 'What you save here changes the details on every case of this person.'),
      form);
  }

  /* ----- Cases ----- */

  function casesSection() {
    const cases = view.cases ?? [];
    const content = cases.length
      ? tableWrap(h('table', { class: 'table', 'aria-labelledby': 'person-cases-heading' },
        h('thead', {}, h('tr', {}, ['Reference', 'Received', 'Summary', 'Service area', 'Status'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, cases.map((c) => h('tr', { dataset: { reference: c.reference } },
          h('th', { scope: 'row' }, h('a', { href: caseHref(c.reference), class: 'link' }, c.reference)),
          h('td', { class: 'nowrap-date' }, shortDate(c.received)),
          h('td', {}, c.summary || muted('No summary')),
          h('td', {}, c.service_area || muted('Not given')),
          h('td', {}, c.status_label ?? ''))))), 'Cases of this person')
      : h('p', {}, 'This person has no cases.');
    return h('section', { class: 'person-section', 'aria-labelledby': 'person-cases-heading' },
      h('h2', { id: 'person-cases-heading' }, 'Cases', ' ', h('span', { class: 'heading-count' }, `(${cases.length.toLocaleString('en-GB')})`)),
      content);
  }

  /* ----- Restrictions ----- */

  function reviewForm(r) {
    const summary = errorSummary({ id: 'review-error-summary', level: 'h5' });
    const submit = h('button', { type: 'submit', class: 'button', id: 'save-review' }, 'Save the review');
    const next = dateField({ id: 'review_next', name: 'next', label: 'Date of the next review', field: 'next' });
    next.classList.add('conditional');
    next.hidden = true;
    const decision = radiosField({
      id: 'review_decision', name: 'decision', legend: 'Decision', field: 'decision',
      items: [{ value: 'keep', label: 'Keep the restriction' }, { value: 'lift', label: 'Lift the restriction' }],
    });
    const form = h('form', { id: 'review-form', class: 'form step-form', novalidate: true, 'aria-labelledby': 'review-heading' },
      h('h4', { id: 'review-heading', class: 'step-form__title' }, 'Review this restriction'),
      summary,
      dateField({ id: 'review_on', name: 'on', label: 'Date of the review', value: today, field: 'on' }),
      decision,
      next,
      buttonGroup(submit));
    guard(form);

    const chosen = () => form.querySelector('input[name="decision"]:checked')?.value ?? '';
    const keep = form.querySelector('#review_decision-keep');
    keep?.setAttribute('aria-controls', 'review_next-group');
    decision.addEventListener('change', () => { next.hidden = chosen() !== 'keep'; });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(form, summary);
      const choice = chosen();
      const input = {
        on: form.querySelector('#review_on').value,
        decision: choice,
        next: choice === 'keep' ? form.querySelector('#review_next').value : '',
      };
      submit.disabled = true;
      try {
        const updated = await call('review_restriction', { id: view.id, number: r.number, input });
        markClean(form);
        changed(updated, choice === 'lift' ? 'Restriction lifted' : 'Review recorded: the restriction stays in place');
      } catch (error) {
        if (error.field === 'next') next.hidden = false;
        showApiError({ form, summary, error, idPrefix: 'review_' });
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  function restrictionRecord(r) {
    const reviews = r.reviews ?? [];
    const state = r.active
      ? h('strong', { class: 'tag tag--restricted' }, icon('⚑'), ' Active')
      : h('strong', { class: 'tag tag--neutral' }, r.lifted_on ? `Lifted ${shortDate(r.lifted_on)}` : 'Not active');
    return h('article', { class: 'restriction-record', dataset: { restriction: r.number, active: r.active ? 'true' : 'false' } },
      h('h3', {}, `Restriction ${r.number}`, ' ', state),
      h('dl', { class: 'summary-list' },
        row('Decided by', [r.decided_by || muted('Not recorded'), ' on ', shortDate(r.decided_on)]),
        row('Why', text(r.reason)),
        row('What contact is allowed', text(r.contact)),
        row('Person told on', shortDate(r.told_on) || muted('Not recorded')),
        row('Review date', r.active && r.review_due
          ? [longDate(r.review_on), ' ', h('strong', { class: 'tag tag--overdue' }, icon('⚠'), ' Review due')]
          : longDate(r.review_on)),
        r.lifted_on ? row('Lifted on', shortDate(r.lifted_on)) : null,
        row('Reviews', reviews.length
          ? h('ol', { class: 'list' }, reviews.map((review) => h('li', { dataset: { decision: review.decision } },
            h('span', { class: 'nowrap-date' }, shortDate(review.on)), `: ${review.label}`, review.by ? ` (by ${review.by})` : '')))
          : muted('None yet'))),
      r.active ? reviewForm(r) : null);
  }

  function recordRestriction() {
    const heads = view.heads_of_service ?? [];
    let content;
    if (!heads.length) {
      content = h('p', { id: 'restriction-no-head' },
        'Only an officer with the Head of Service role can decide a restriction. Give an officer that role in ',
        h('a', { href: '#/settings', class: 'link' }, 'Settings'), '.');
    } else {
      const summary = errorSummary({ id: 'restriction-error-summary', level: 'h3' });
      const submit = h('button', { type: 'submit', class: 'button', id: 'record-restriction' }, 'Record the restriction');
      const form = h('form', { id: 'restriction-form', class: 'form', novalidate: true, 'aria-label': 'Record a restriction' },
        summary,
        selectField({
          id: 'restriction_decided_by', name: 'decided_by', label: 'Decided by', field: 'decided_by',
          hint: 'The Head of Service who made the decision',
          items: [{ value: '', label: 'Choose a Head of Service' }, ...heads.map((name) => ({ value: name, label: name }))],
        }),
        textArea({ id: 'restriction_reason', name: 'reason', label: 'Why contact is being restricted', field: 'reason', rows: 4,
          hint: 'The behaviour, and what was tried before deciding, as the letter to the person explains it' }),
        textArea({ id: 'restriction_contact', name: 'contact', label: 'What contact is allowed', field: 'contact', rows: 3,
          hint: 'For example, email to one named officer only, and no phone calls' }),
        dateField({ id: 'restriction_told_on', name: 'told_on', label: 'Date the person was told', field: 'told_on' }),
        dateField({ id: 'restriction_review_on', name: 'review_on', label: 'Date to review it by', field: 'review_on' }),
        buttonGroup(submit));
      guard(form);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (submit.disabled) return;
        clearErrors(form, summary);
        const input = Object.fromEntries(['decided_by', 'reason', 'contact', 'told_on', 'review_on']
          .map((key) => [key, String(form.querySelector(`#restriction_${key}`).value ?? '')]));
        submit.disabled = true;
        try {
          const updated = await call('restrict_person', { id: view.id, input });
          markClean(form);
          changed(updated, 'Restriction recorded');
        } catch (error) {
          showApiError({ form, summary, error, idPrefix: 'restriction_' });
        } finally {
          submit.disabled = false;
        }
      });
      content = form;
    }
    return h('details', { class: 'details disclosure', id: 'restriction-details' },
      h('summary', { class: 'details__summary', id: 'restriction-details-summary' }, 'Record a restriction'),
      h('div', { class: 'disclosure__content' }, content));
  }

  function restrictionsSection() {
    const restrictions = view.restrictions ?? [];
    return h('section', { class: 'person-section', 'aria-labelledby': 'restrictions-heading' },
      h('h2', { id: 'restrictions-heading' }, 'Restrictions'),
      h('p', { class: 'hint' }, 'Restricting contact under the unreasonable behaviour policy. Each restriction is decided by a Head of Service and reviewed by its review date.'),
      restrictions.length ? restrictions.map(restrictionRecord) : h('p', { id: 'no-restrictions' }, 'No restrictions recorded.'),
      recordRestriction());
  }

  /* ----- Merging two records of the same person ----- */

  function mergeSection() {
    const status = h('p', { id: 'merge-status', class: 'merge-status', role: 'status' });
    const tbody = h('tbody');
    const table = h('table', { class: 'table', 'aria-labelledby': 'merge-heading' },
      h('thead', {}, h('tr', {}, ['Name', 'Email address', 'Phone', 'Postcode', 'Cases', 'Merge'].map((label) => h('th', { scope: 'col' }, label)))),
      tbody);
    const wrap = tableWrap(table, 'Records that may be the same person');
    wrap.hidden = true;
    const form = h('form', { id: 'merge-form', class: 'search-form', role: 'search', 'aria-label': 'Find the other record', novalidate: true },
      textField({ id: 'merge-search', name: 'search', label: 'Find the other record', type: 'search',
        hint: 'Part of their name, their email address or their phone number' }),
      buttonGroup(h('button', { type: 'submit', class: 'button button--secondary', id: 'merge-search-button' }, 'Find records')));
    const input = form.querySelector('#merge-search');

    async function merge(other) {
      const otherName = personName(other);
      const yes = await confirmDialog({
        title: `Merge ${otherName} into this record?`,
        text: `${casesPhrase(other.case_count)} and any restrictions of ${otherName} will move to ${shownName()}. This cannot be undone.`,
        yes: 'Merge the records',
        no: 'Cancel',
      });
      if (!yes) return;
      try {
        const updated = await call('merge_people', { keep: view.id, other: other.id });
        changed(updated, 'Records merged');
      } catch (error) {
        status.replaceChildren(h('span', { class: 'error-message' }, hiddenText('Error: '), error.message));
      }
    }

    function resultRow(person) {
      const button = h('button', { type: 'button', class: 'button button--secondary button--small', dataset: { person: person.id, action: 'merge' } },
        'Merge into this record', hiddenText(`: ${personName(person)}`));
      button.addEventListener('click', () => merge(person));
      return h('tr', { dataset: { person: person.id } },
        h('th', { scope: 'row', class: 'person-cell' }, personName(person), person.restricted ? [' ', restrictedTag()] : null),
        h('td', { class: 'wrap-anywhere' }, person.email || muted('Not given')),
        h('td', { class: 'nowrap-date' }, person.phone || muted('Not given')),
        h('td', { class: 'nowrap-date' }, person.postcode || muted('Not given')),
        h('td', { class: 'numeric' }, count(person.case_count, 'case', 'cases')),
        h('td', {}, button));
    }

    let ticket = 0;
    async function search() {
      const words = input.value.trim();
      const mine = ++ticket;
      if (!words) {
        tbody.replaceChildren();
        wrap.hidden = true;
        status.textContent = '';
        return;
      }
      try {
        const result = await call('list_people', { search: words });
        if (mine !== ticket) return;
        const others = (result.people ?? []).filter((person) => String(person.id) !== String(view.id));
        tbody.replaceChildren(...others.map(resultRow));
        wrap.hidden = others.length === 0;
        status.textContent = others.length
          ? `${count(others.length, 'other record', 'other records')} found`
          : 'No other records match. Try part of their name, or their full email address or phone number.';
      } catch (error) {
        if (mine !== ticket) return;
        status.replaceChildren(h('span', { class: 'error-message' }, hiddenText('Error: '), error.message));
      }
    }

    let timer = null;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(search, DEBOUNCE_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });

    return h('section', { class: 'person-section', 'aria-labelledby': 'merge-heading' },
      h('h2', { id: 'merge-heading' }, 'Merge with another record'),
      h('p', { class: 'hint' }, 'If this person was recorded twice, find the other record and merge it into this one. Its cases and restrictions move here.'),
      form, status, wrap);
  }

  /* ----- History ----- */

  function timelineSection() {
    const entries = view.timeline ?? [];
    return h('section', { class: 'person-section', 'aria-labelledby': 'person-timeline-heading' },
      h('h2', { id: 'person-timeline-heading' }, 'History'),
      entries.length
        ? h('ol', { id: 'person-timeline', class: 'timeline', 'aria-labelledby': 'person-timeline-heading' }, entries.map((entry) =>
          h('li', { class: 'timeline__item' },
            h('p', { class: 'timeline__meta' }, h('strong', {}, entry.at ?? ''), entry.actor ? ` · ${entry.actor}` : ''),
            h('p', { class: 'timeline__summary' }, entry.summary ?? ''))))
        : h('p', {}, 'No history recorded.'));
  }

  function draw() {
    heading.replaceChildren(h('span', { class: 'caption' }, 'Person'), ' ', shownName());
    body.replaceChildren(
      restrictionBanner() ?? '',
      needsPanel(),
      detailsSection(),
      casesSection(),
      restrictionsSection(),
      mergeSection(),
      timelineSection());
  }

  draw();
  const flash = context.takeFlash();
  if (flash) showNotice(flash);
  return { title: shownName(), element };
}
