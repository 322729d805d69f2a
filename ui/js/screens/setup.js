// The first-run screen: the council, its calendar and reference prefix, the user (who becomes an officer) and the service areas, on one page; or made-up demo cases instead, or skipped for now.

import { call } from '../api.js';
import { h, screenHeading } from '../dom.js';
import {
  textField, textArea, selectField, checkboxesField, tickedValues, fieldset, buttonGroup, errorSummary,
  showErrors, errorsOf, clearErrors, guard, markClean, confirmLeave,
} from '../forms.js';

/** Set (to "true") when setup was skipped or finished: the first-run screen is not offered again. */
export const SETUP_SKIPPED_KEY = 'redress.setup.skipped';

function setupSettled() {
  try {
    return localStorage.getItem(SETUP_SKIPPED_KEY) === 'true';
  } catch {
    return false;
  }
}

function settleSetup() {
  try {
    localStorage.setItem(SETUP_SKIPPED_KEY, 'true');
  } catch {
    // Not remembered: setup is offered again at the next start while the council has no name.
  }
}

/**
 * Whether the app should open on this screen: a new installation (no cases and no council name)
 * whose user has neither finished nor skipped setup.
 */
export function setupNeeded(info) {
  if (!info) return false;
  return Number(info.case_count ?? 0) === 0 && !String(info.council_name ?? '').trim() && !setupSettled();
}

/** The policy as get_settings returned it, in the shape save_settings reads. */
function policyInput(policy) {
  return {
    name: policy?.name ?? '',
    stages: (policy?.stages ?? []).map((stage) => ({
      acknowledge_days: stage.acknowledge_days,
      response_days: stage.response_days,
      response_from: stage.response_from,
      extension_limit_days: stage.extension_limit_days,
    })),
  };
}

/** "Redress uses the Complaint Handling Code’s timescales: at stage 1, ... ; at stage 2, ..." from the policy. */
function policySentence(policy) {
  const stages = policy?.stages ?? [];
  const name = String(policy?.name ?? '').trim();
  const whose = name ? `the ${name}’s timescales` : 'these timescales';
  if (!stages.length) return `Redress uses ${whose}. You can change them later in Settings.`;
  const parts = stages.map((stage, index) => (index === 0
    ? `at stage 1, complaints are acknowledged within ${stage.acknowledge_days} working days and answered within ${stage.response_days}`
    : `at stage ${index + 1}, within ${stage.acknowledge_days} and ${stage.response_days}`));
  return `Redress uses ${whose}: ${parts.join('; ')}. You can change them later in Settings.`;
}

/** The names typed one a line, plus `also`, without blanks or repeats (case ignored), in the order typed. */
function serviceAreaNames(text, also) {
  const seen = new Set();
  const names = [];
  for (const line of [...String(text ?? '').split(/\r?\n/), also ?? '']) {
    const name = line.trim();
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

const same = (a, b) => String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();

export async function render(context) {
  const [info, settings, initialReference] = await Promise.all([
    context.appInfo(),
    call('get_settings'),
    call('reference_data'),
  ]);
  let reference = initialReference;

  const summary = errorSummary({ id: 'setup-error-summary' });
  const nations = (reference.nations ?? []).map((n) => ({ value: n.slug, label: n.label }));
  const nationValue = (reference.nations ?? []).find((n) => n.slug === settings.nation || n.label === settings.nation)?.slug
    ?? nations[0]?.value ?? '';
  const roleItems = (reference.roles ?? []).map((role) => ({ value: role.slug, label: role.label }));

  const save = h('button', { type: 'submit', class: 'button', id: 'setup-save' }, 'Save and start');
  const skip = h('a', { href: '#/caseload', class: 'link', id: 'setup-skip' }, 'Skip for now');
  const status = h('p', { class: 'setup-status', id: 'setup-status', role: 'status' });

  const form = h('form', { id: 'setup-form', class: 'form', novalidate: true },
    summary,
    fieldset('Your council',
      textField({ id: 'setup-council_name', label: 'Council name', hint: 'For example, Northshire County Council', value: settings.council_name }),
      textArea({ id: 'setup-council_address', label: 'Council address', hint: 'As it should appear on letters', value: settings.council_address, rows: 4 }),
      selectField({
        id: 'setup-nation', label: 'Nation', hint: 'Redress leaves out this nation’s bank holidays when it counts working days',
        items: nations, value: nationValue,
      }),
      textField({
        id: 'setup-reference_prefix', label: 'Reference prefix', hint: 'Letters or digits, for example CMP',
        value: settings.reference_prefix, width: 'short', spellcheck: 'false',
      })),
    fieldset('Complaints policy',
      h('p', { id: 'setup-policy' }, policySentence(settings.policy))),
    fieldset('You',
      textField({ id: 'setup-user', label: 'Your name', hint: 'As the audit trail records it, for example Alex Khan. You are also added as an officer.', value: settings.user, width: 'medium' }),
      textField({ id: 'setup-job_title', label: 'Job title', hint: 'For example, Complaints Manager', width: 'medium' }),
      textField({
        id: 'setup-service_area', label: 'Your service area', hint: 'The service you work in, for example Corporate Complaints',
        list: 'setup-service-area-options', width: 'medium',
      }),
      h('datalist', { id: 'setup-service-area-options' }, (reference.service_areas ?? []).map((name) => h('option', { value: name }))),
      checkboxesField({
        id: 'setup-roles', name: 'roles', legend: 'Your roles', field: 'roles', items: roleItems,
        hint: 'What you may do in the complaints procedure. Tick all that apply.',
      })),
    fieldset('Service areas',
      textArea({
        id: 'setup-service_areas', label: 'The council’s service areas', rows: 6,
        hint: 'One per line, for example Housing, Council Tax, Waste and Recycling, Planning. Complaints are recorded against them. You can add more later in Settings.',
      })),
    buttonGroup(save, skip),
    status);
  guard(form);

  const field = (name) => form.querySelector(`#setup-${name}`);
  const value = (name) => field(name).value;

  /** Where each step's problems go: the fields of this form that each command's field names. */
  const SETTINGS_FIELDS = { council_name: 'council_name', council_address: 'council_address', nation: 'nation', reference_prefix: 'reference_prefix', user: 'user' };
  const OFFICER_FIELDS = { name: 'user', job_title: 'job_title', service_area: 'service_area' };
  const locateIn = (fields) => (name) => {
    if (name === 'roles') return form.querySelector('#setup-roles-group input');
    return fields[name] ? field(fields[name]) : null;
  };

  function problem(errors, locate) {
    status.textContent = '';
    clearErrors(form, summary);
    showErrors({ summary, errors, locate });
  }

  let saving = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving) return;
    clearErrors(form, summary);
    const councilName = value('council_name').trim();
    const userName = value('user').trim();
    const missing = [
      !councilName && { field: 'council_name', message: 'Enter the council’s name' },
      !userName && { field: 'user', message: 'Enter your name' },
    ].filter(Boolean);
    if (missing.length) {
      problem(missing, locateIn(SETTINGS_FIELDS));
      return;
    }

    saving = true;
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      // 1. The council and the user, with everything else as it was.
      try {
        await call('save_settings', {
          input: {
            ...settings,
            closures: (settings.closures ?? []).map((date) => (typeof date === 'string' ? date : date?.iso ?? '')).filter(Boolean),
            policy: policyInput(settings.policy),
            council_name: councilName,
            council_address: value('council_address'),
            nation: value('nation'),
            reference_prefix: value('reference_prefix'),
            user: userName,
          },
        });
      } catch (error) {
        problem(errorsOf(error), locateIn(SETTINGS_FIELDS));
        return;
      }

      // 2. The service areas (adding one that is there already finds it).
      const ownArea = value('service_area').trim();
      for (const name of serviceAreaNames(value('service_areas'), ownArea)) {
        try {
          reference = await call('add_service_area', { name });
        } catch (error) {
          const box = same(name, ownArea) ? 'service_area' : 'service_areas';
          problem(errorsOf(error).map((entry) => ({ field: box, message: entry.message })), (name) => field(name));
          return;
        }
      }

      // 3. The user as an officer. Saved already (an earlier try that stopped part way, say):
      //    their details are brought up to date, keeping what this form does not ask.
      const existing = (reference.officers ?? []).find((officer) => same(officer.name, userName));
      const input = {
        name: userName,
        job_title: value('job_title').trim() || (existing?.job_title ?? ''),
        service_area: ownArea || (existing?.service_area ?? ''),
        email: existing?.email ?? '',
        phone: existing?.phone ?? '',
        roles: existing ? [...new Set([...(existing.roles ?? []), ...tickedValues(form, 'roles')])] : tickedValues(form, 'roles'),
      };
      try {
        reference = existing
          ? await call('update_officer', { name: existing.name, input })
          : await call('add_officer', { input });
      } catch (error) {
        problem(errorsOf(error), locateIn(OFFICER_FIELDS));
        return;
      }

      markClean(form);
      settleSetup();
      status.textContent = '';
      context.appInfo().catch(() => {});
      context.flash(`Redress is set up for ${councilName}`);
      context.navigate('#/caseload');
    } finally {
      saving = false;
      save.disabled = false;
    }
  });

  // Skipping asks first when something was typed, then is remembered so that setup is not offered again.
  skip.addEventListener('click', async (event) => {
    event.preventDefault();
    if (form.dataset.dirty && !(await confirmLeave())) return;
    markClean(form);
    settleSetup();
    context.navigate('#/caseload');
  });

  /* ----- Or made-up demo cases, into the empty database (no question asked: the hint says what it does) ----- */

  const demoStatus = h('p', { class: 'empty-state__status', id: 'load-demo-status', role: 'status' });
  const demoProblem = h('p', { class: 'error-message', id: 'load-demo-error', hidden: true });
  const loadDemo = h('button', {
    type: 'button', class: 'button button--secondary', id: 'load-demo', 'aria-describedby': 'load-demo-hint load-demo-error',
  }, 'Try Redress with made-up demo cases instead');
  loadDemo.addEventListener('click', async () => {
    if (loadDemo.disabled) return;
    const label = loadDemo.textContent;
    loadDemo.disabled = true;
    loadDemo.setAttribute('aria-disabled', 'true');
    loadDemo.textContent = 'Loading…';
    demoStatus.textContent = 'Loading the demo cases. This can take a little while.';
    demoProblem.hidden = true;
    try {
      await call('load_demo', { cases: 2000 });
      markClean(form);
      context.appInfo().catch(() => {});
      context.flash('2,000 made-up demo cases loaded.');
      context.navigate('#/caseload');
    } catch (error) {
      loadDemo.disabled = false;
      loadDemo.removeAttribute('aria-disabled');
      loadDemo.textContent = label;
      demoStatus.textContent = '';
      demoProblem.textContent = error.message;
      demoProblem.hidden = false;
      loadDemo.focus();
    }
  });
  const demo = Number(info.case_count ?? 0) === 0
    ? h('section', { class: 'setup-demo', id: 'setup-demo', 'aria-labelledby': 'setup-demo-heading' },
      h('h2', { class: 'setup-demo__title', id: 'setup-demo-heading' }, 'Only trying Redress out?'),
      h('p', { class: 'hint', id: 'load-demo-hint' },
        'This fills the empty database on this laptop with 2,000 made-up cases, with invented people, officers and service areas, so that you can see how Redress works. Only use it on a laptop you are trying Redress on, not for real casework. What you typed above is not saved.'),
      demoProblem,
      buttonGroup(loadDemo),
      demoStatus)
    : null;

  const element = h('section', { class: 'screen', dataset: { screen: 'setup' } },
    screenHeading('Set up Redress'),
    h('p', { class: 'lead' }, 'Tell Redress about your council and yourself. It takes a few minutes, and you can change all of it later in Settings.'),
    form,
    demo);
  return { title: 'Set up Redress', element };
}
