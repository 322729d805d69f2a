// The case screen's Actions section: the actions agreed on the case, who owns them and when they are due, and a button to record each one done.

import { h, icon, hiddenText, longDate, shortDate, tableWrap } from '../../dom.js';
import { muted, orNone } from './display.js';
import { stepForms } from './step-form.js';

/**
 * The Actions section, from the case's view: each action agreed, and for those not done the steps
 * done per action, each opening its form below through `openStep(spec, {slot, opener, number})`.
 */
export function actionsSection({ view, openStep }) {
  const actions = view.actions ?? [];
  const perAction = stepForms(view).filter((spec) => spec.per_action);
  const slot = h('div', { id: 'action-form-slot', class: 'step-form-slot' });
  let content;
  if (!actions.length) {
    content = h('p', {}, 'No actions recorded.');
  } else {
    const table = h('table', { class: 'table', 'aria-labelledby': 'actions-heading' },
      h('thead', {}, h('tr', {}, ['Number', 'Action', 'Owner', 'Due', 'Done'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, actions.map((action) => {
        let done;
        if (action.done) {
          done = [icon('✓'), ' ', shortDate(action.done)];
        } else if (perAction.length) {
          done = perAction.map((spec) => {
            const button = h('button', {
              type: 'button', class: ['button', spec.primary !== true && 'button--secondary', 'button--small'], dataset: { step: spec.kind, number: action.number },
              'aria-expanded': 'false', 'aria-controls': 'action-form-slot',
            }, spec.submit || spec.label, hiddenText(`: action ${action.number}`));
            button.addEventListener('click', () => openStep(spec, { slot, opener: button, number: action.number }));
            return button;
          });
        } else {
          done = muted('Not done');
        }
        return h('tr', { dataset: { action: action.number } },
          h('th', { scope: 'row' }, String(action.number)),
          h('td', { class: 'pre-line' }, action.description ?? ''),
          h('td', {}, orNone(action.owner, 'Not given')),
          h('td', { class: 'nowrap-date' }, longDate(action.due)),
          h('td', {}, done));
      })));
    content = tableWrap(table, 'Actions table');
  }
  return h('section', { class: 'case-section' },
    h('h2', { id: 'actions-heading' }, 'Actions'), content, slot);
}
