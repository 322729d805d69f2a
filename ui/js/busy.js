// Work started by a button and told in a status line: one piece at a time per status line, the button
// aria-disabled (rather than disabled, so that keyboard focus stays on it) while it runs, and a failure said
// in the line as an error.

import { hiddenText, icon } from './dom.js';

/**
 * A runner for the work told in `status`: `run(button, work, working)` shows `working` (text), runs
 * `work()` (which writes what came of it into `status`), and shows why if it throws. `button` may be
 * a list of the buttons that wait together. A second start while one runs is ignored.
 */
export function statusRunner(status) {
  let busy = false;
  return async function run(button, work, working = '') {
    if (busy) return;
    busy = true;
    const buttons = [button].flat().filter(Boolean);
    for (const b of buttons) b.setAttribute('aria-disabled', 'true');
    status.classList.remove('test-status--error');
    status.textContent = working;
    try {
      await work();
    } catch (error) {
      status.classList.add('test-status--error');
      status.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
    } finally {
      busy = false;
      for (const b of buttons) b.removeAttribute('aria-disabled');
    }
  };
}
