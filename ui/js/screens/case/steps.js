// The case screen's Next steps section: the steps the core allows now, each a button that opens its form below.

import { h } from '../../dom.js';
import { stepForms } from './step-form.js';

/**
 * The Next steps section, from the case's view: a button for each step the core offers now (not those
 * done per action), each opening its form below through `openStep(spec, {slot, opener})`.
 */
export function stepsSection({ view, openStep }) {
  const specs = stepForms(view).filter((spec) => !spec.per_action);
  const slot = h('div', { id: 'step-form-slot', class: 'step-form-slot' });
  const buttons = specs.map((spec) => {
    const button = h('button', {
      type: 'button', class: spec.primary === true ? 'button' : 'button button--secondary', dataset: { step: spec.kind, primary: spec.primary === true ? 'true' : null },
      'aria-expanded': 'false', 'aria-controls': 'step-form-slot',
    }, spec.label);
    button.addEventListener('click', () => openStep(spec, { slot, opener: button }));
    return button;
  });
  return h('section', { class: 'case-section' },
    h('h2', { id: 'steps-heading' }, 'Next steps'),
    buttons.length ? h('div', { class: 'step-buttons' }, buttons) : h('p', {}, 'There is nothing to do on this case now.'),
    slot);
}
