// The Settings screen: council details (with the letterhead's phone, email and website, and the council's own words for outcomes), calendar, reference prefix, user, policy stages, how far back New complaint looks, the largest file a case file takes and deadline reminders (with a test notification), plus officers (edited, retired and brought back), service areas, categories, importing cases (previewed first: the sheet, what each column is recorded as and what the council's own words mean, each changeable and kept for next time) and exporting them, backups (made and restored), sync with the council's other laptops (set up, joined, synced now, and its conflicts resolved), keeping records (the retention period and anonymising closed cases past it), the letter templates (edited with a live preview), and About Redress (its version, licence and where its files are, with the log folder and the third-party licences opened from there).

import { call } from '../api.js';
import { h, screenHeading } from '../dom.js';
import { syncSection } from '../sync-settings.js';
import { showSyncSection, takeSyncJump } from '../sync-status.js';
import { settingsForm } from './settings/settings-form.js';
import { referenceDataSections } from './settings/reference-data.js';
import { importExportSection } from './settings/import-export.js';
import { backupsSection } from './settings/backups.js';
import { retentionSection } from './settings/retention.js';
import { templatesSection } from './settings/templates.js';
import { aboutSection } from './settings/about.js';

export async function render(context) {
  const [settings, initialReference, firstTemplate, autostart, firstBackups, firstRetention, about, firstSync] = await Promise.all([
    call('get_settings'),
    call('reference_data'),
    // The template editor says what went wrong itself; the rest of Settings still works.
    call('get_template', { name: 'acknowledgement', language: 'en' }).catch((error) => ({ failed: error })),
    call('get_autostart').catch((error) => ({ failed: error })),
    // So do the backups and the retention sections.
    call('backups').catch((error) => ({ failed: error })),
    call('retention').catch((error) => ({ failed: error })),
    // And About Redress.
    call('about').catch((error) => ({ failed: error })),
    // And Sync.
    call('sync_status').catch((error) => ({ failed: error })),
  ]);
  // Shared by the sections: the reference data, replaced whenever a section changes it.
  const state = { reference: initialReference };
  const form = settingsForm({ settings, autostart, state, context });
  const referenceData = referenceDataSections({ state });

  const element = h('section', { class: 'screen', dataset: { screen: 'settings' } },
    screenHeading('Settings'),
    h('section', { class: 'settings-section' },
      h('h2', { id: 'council-heading' }, 'Council, calendar and policy'),
      form),
    ...referenceData.sections,
    importExportSection({ state, redrawReference: referenceData.redraw, context }),
    backupsSection({ first: firstBackups, context }),
    syncSection({ first: firstSync, context }),
    retentionSection({ first: firstRetention }),
    templatesSection({ first: firstTemplate, state }),
    aboutSection({ about }));
  // The header's conflicts link, followed from another screen, lands on the Sync section.
  return { title: 'Settings', element, afterShow: () => { if (takeSyncJump()) showSyncSection(); } };
}
