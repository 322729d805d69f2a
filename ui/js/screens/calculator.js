// The deadline calculator screen: a received date and a nation in, each stage's deadlines (worked out by the core) out.

import { call } from '../api.js';
import { h, longDate, shortDate, screenHeading } from '../dom.js';
import { errorSummary, showApiError, clearErrors, showErrors, locateField, DATE_HINT } from '../forms.js';

function stageCard(stage) {
  const rows = [['acknowledge_by', 'Acknowledge by'], ['respond_by', 'Respond by'], ['extension_limit', 'Extension limit']]
    .flatMap(([key, label]) => [
      h('dt', {}, label),
      h('dd', { dataset: { field: key, iso: stage[key]?.iso } }, longDate(stage[key])),
    ]);
  return h('article', { class: 'stage', dataset: { stage: stage.stage } },
    h('h3', {}, `Stage ${stage.stage}`),
    h('p', { class: 'stage__opened' },
      stage.stage === 1 ? `Received ${shortDate(stage.opened)}`
        : stage.assumed ? `If escalation is requested ${shortDate(stage.opened)}, when stage ${stage.stage - 1} must respond`
          : `Escalation requested ${shortDate(stage.opened)}`),
    h('dl', {}, rows));
}

export async function render({ appInfo }) {
  const [info, reference] = await Promise.all([
    appInfo().catch(() => null),
    call('reference_data'),
  ]);
  const nations = reference.nations;
  const defaultNation = nations.find((n) => n.slug === info?.nation || n.label === info?.nation)?.slug ?? nations[0].slug;

  const summary = errorSummary({ id: 'error-summary', listId: 'error-summary-list' });
  const received = h('input', {
    class: 'input input--date', id: 'received', name: 'received', type: 'text', inputmode: 'numeric',
    autocomplete: 'off', 'aria-describedby': 'received-hint', required: true,
  });
  const escalated = h('input', {
    class: 'input input--date', id: 'escalated', name: 'escalated', type: 'text', inputmode: 'numeric',
    autocomplete: 'off', 'aria-describedby': 'escalated-hint',
  });
  const nation = h('select', { class: 'select', id: 'nation', name: 'nation' },
    nations.map((n) => h('option', { value: n.slug, selected: n.slug === defaultNation }, n.label)));

  const form = h('form', { id: 'calculator', novalidate: true },
    h('div', { class: 'form-group', id: 'received-group' },
      h('label', { class: 'label', for: 'received' }, 'Date the complaint was received'),
      h('div', { class: 'hint', id: 'received-hint' }, DATE_HINT),
      h('p', { class: 'error-message', id: 'received-error', hidden: true }),
      received),
    h('div', { class: 'form-group', id: 'escalated-group' },
      h('label', { class: 'label', for: 'escalated' }, 'Date the request to escalate to stage 2 was received (optional)'),
      h('div', { class: 'hint', id: 'escalated-hint' }, 'Leave blank to assume it arrives on the day the stage 1 response is due'),
      h('p', { class: 'error-message', id: 'escalated-error', hidden: true }),
      escalated),
    h('div', { class: 'form-group', id: 'nation-group' },
      h('label', { class: 'label', for: 'nation' }, 'Bank holidays of'),
      h('p', { class: 'error-message', id: 'nation-error', hidden: true }),
      nation),
    h('button', { class: 'button', type: 'submit', id: 'calculate' }, 'Work out deadlines'));

  const basis = h('p', { class: 'results__basis', id: 'results-basis' });
  const stages = h('div', { class: 'stages', id: 'stages' });
  const resultsHeading = h('h2', { id: 'results-heading', class: 'results__heading', tabindex: '-1' }, 'Deadlines');
  const results = h('section', { id: 'results', class: 'results', 'aria-labelledby': 'results-heading', hidden: true },
    resultsHeading, basis, stages);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    if (!received.value.trim()) {
      showErrors({
        summary,
        errors: [{ field: 'received', message: 'Enter the date the complaint was received' }],
        locate: (field) => locateField(form, field),
        visiblePrefix: true,
      });
      return;
    }
    try {
      const view = await call('calculate_deadlines', {
        received: received.value,
        nation: nation.value,
        escalated: escalated.value.trim() ? escalated.value : null,
      });
      basis.textContent = `Working days in ${view.nation}, under the ${view.policy}.`;
      stages.replaceChildren(...view.stages.map(stageCard));
      results.hidden = false;
      resultsHeading.focus();
    } catch (error) {
      showApiError({ form, summary, error, visiblePrefix: true });
    }
  });

  const element = h('section', { class: 'screen', dataset: { screen: 'calculator' } },
    screenHeading('Deadline calculator'),
    h('p', { class: 'lead' }, 'Enter the date a complaint was received to see when each stage must be acknowledged and answered under the council’s complaints procedure, in working days.'),
    summary,
    h('div', { class: 'calculator' }, form, results));
  return { title: 'Deadline calculator', element };
}
