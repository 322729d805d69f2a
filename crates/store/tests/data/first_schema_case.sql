-- A database as the first released schema (migrations/0001) left it: one
-- service area, one officer and one open case. Tests carry it forward.
PRAGMA user_version = 1;
INSERT INTO service_areas (id, name) VALUES (1, 'Housing');
INSERT INTO officers (id, name, service_area_id) VALUES (1, 'Dai Roberts', 1);
INSERT INTO cases (id, reference, received_on, channel, complainant_name, complainant_address,
   complainant_postcode, complainant_email, complainant_phone, anonymous, vulnerability, adjustments,
   service_area_id, summary, description, outcome_sought, triage, triage_note, officer_id, status,
   status_reason, current_stage, next_due_on, next_due_what)
VALUES ('0190b7a0-0000-7000-8000-000000000001', 'CMP-2026-00001', '2026-11-02', 'email', 'Siân Jones',
   '', '', '', '', 0, '', '', 1, 'Boiler', '', '', 'complaint', '', 1, 'open', '', 1, '2026-11-09',
   'acknowledge-1');
