// The Settings form's Reminders fieldset: how far ahead and in which hours deadline reminders come and of whose cases, a test notification sent, and starting Redress at login (changed at once, not by Save settings).

import { call } from '../../api.js';
import { statusRunner } from '../../busy.js';
import { h, hiddenText, icon } from '../../dom.js';
import { textField, numberField, radiosField, checkboxField, fieldset, buttonGroup } from '../../forms.js';

const REMIND_OF = [
  { value: 'false', label: 'My cases' },
  { value: 'true', label: 'All cases' },
];

const TIME_HINT = 'For example, 08:30';

/**
 * The fieldset, from the loaded settings (its fields' values, read back by the form's own Save) and
 * what get_autostart gave (`autostart`: {failed} when it failed).
 */
export function remindersFieldset({ settings, autostart }) {
  const testNotification = h('button', { type: 'button', class: 'button button--secondary', id: 'send-test-notification' }, 'Send a test notification');
  const testStatus = h('p', { id: 'test-notification-status', class: 'test-status', role: 'status' });
  // Starting at login is this laptop's own setting, changed at once (not by Save settings).
  const autostartField = checkboxField({
    id: 'autostart', label: 'Start Redress when I log in',
    hint: 'It starts in the tray, without a window, so reminders come without opening it. This is changed at once.',
    checked: autostart.enabled === true,
  });
  const autostartBox = autostartField.querySelector('input');
  const autostartStatus = h('p', { id: 'autostart-status', class: 'test-status', role: 'status' });
  if (autostart.failed) {
    autostartStatus.classList.add('test-status--error');
    autostartStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), autostart.failed.message);
  }

  const element = fieldset('Reminders',
    h('p', { class: 'hint' }, 'Redress sends a desktop notification when a deadline is near, due or missed, in working hours.'),
    numberField({ id: 'reminder_lead_days', label: 'Working days before a deadline to remind', value: settings.reminder_lead_days }),
    h('div', { class: 'time-fields' },
      textField({ id: 'working_hours_start', label: 'Working hours start', hint: TIME_HINT, value: settings.working_hours_start, width: 'short' }),
      textField({ id: 'working_hours_end', label: 'Working hours end', hint: TIME_HINT, value: settings.working_hours_end, width: 'short' })),
    radiosField({
      id: 'remind_of_all_cases', legend: 'Remind me of', field: 'remind_of_all_cases', inline: true,
      items: REMIND_OF, value: settings.remind_of_all_cases ? 'true' : 'false',
    }),
    buttonGroup(testNotification, testStatus),
    autostartField,
    autostartStatus);

  for (const type of ['input', 'change']) autostartBox.addEventListener(type, (event) => event.stopPropagation());
  autostartBox.addEventListener('change', async () => {
    const wanted = autostartBox.checked;
    autostartStatus.classList.remove('test-status--error');
    try {
      const result = await call('set_autostart', { enabled: wanted });
      autostartBox.checked = result.enabled;
      autostartStatus.replaceChildren(icon('✓'), result.enabled
        ? ' Redress will start in the tray when you log in.'
        : ' Redress will not start when you log in.');
    } catch (error) {
      autostartBox.checked = !wanted;
      autostartStatus.classList.add('test-status--error');
      autostartStatus.replaceChildren(icon('✗'), ' ', hiddenText('Error: '), error.message);
    }
  });

  const run = statusRunner(testStatus);
  testNotification.addEventListener('click', () => run(testNotification, async () => {
    await call('send_test_notification');
    testStatus.replaceChildren(icon('✓'), ' Test notification sent. If you cannot see it, check the computer’s notification settings.');
  }, 'Sending a test notification…'));

  return element;
}
