-- Data safety. The file says it is Redress's (application_id 'RDRS'), so a
-- foreign SQLite file is never written to. Changes to the settings and the
-- reference data are captured by triggers into `admin_changes` (who and when
-- are filled in by the app in the same transaction). Every entry of the three
-- logs (case events, person events, admin changes) and every redaction is
-- sealed into `audit_chain`, each link carrying the hash of the one before,
-- so that `redress audit verify` names the first altered, missing or forged
-- entry. Retention anonymises a case's events only through `redactions`,
-- which are chained too.

PRAGMA application_id = 1380209235;

CREATE TABLE admin_changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT,
    actor   TEXT,
    subject TEXT NOT NULL,
    key     TEXT NOT NULL,
    action  TEXT NOT NULL,
    before  TEXT,
    after   TEXT
) STRICT;
CREATE TRIGGER admin_changes_no_delete BEFORE DELETE ON admin_changes
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER admin_changes_only_signed BEFORE UPDATE ON admin_changes
WHEN OLD.actor IS NOT NULL OR NEW.subject IS NOT OLD.subject OR NEW.key IS NOT OLD.key
  OR NEW.action IS NOT OLD.action OR NEW.before IS NOT OLD.before OR NEW.after IS NOT OLD.after
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TRIGGER settings_added AFTER INSERT ON settings
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('settings', NEW.key, 'added', NEW.value); END;
CREATE TRIGGER settings_changed AFTER UPDATE ON settings WHEN OLD.value IS NOT NEW.value
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('settings', NEW.key, 'changed', OLD.value, NEW.value); END;
CREATE TRIGGER settings_removed AFTER DELETE ON settings
BEGIN INSERT INTO admin_changes (subject, key, action, before) VALUES ('settings', OLD.key, 'removed', OLD.value); END;

CREATE TRIGGER officers_added AFTER INSERT ON officers
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('officer', NEW.name, 'added',
  json_object('name', NEW.name, 'job_title', NEW.job_title, 'service_area_id', NEW.service_area_id,
    'email', NEW.email, 'phone', NEW.phone, 'roles', NEW.roles, 'retired_on', NEW.retired_on)); END;
CREATE TRIGGER officers_changed AFTER UPDATE ON officers
WHEN OLD.name IS NOT NEW.name OR OLD.job_title IS NOT NEW.job_title OR OLD.service_area_id IS NOT NEW.service_area_id
  OR OLD.email IS NOT NEW.email OR OLD.phone IS NOT NEW.phone OR OLD.roles IS NOT NEW.roles
  OR OLD.retired_on IS NOT NEW.retired_on
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('officer', NEW.name, 'changed',
  json_object('name', OLD.name, 'job_title', OLD.job_title, 'service_area_id', OLD.service_area_id,
    'email', OLD.email, 'phone', OLD.phone, 'roles', OLD.roles, 'retired_on', OLD.retired_on),
  json_object('name', NEW.name, 'job_title', NEW.job_title, 'service_area_id', NEW.service_area_id,
    'email', NEW.email, 'phone', NEW.phone, 'roles', NEW.roles, 'retired_on', NEW.retired_on)); END;

CREATE TRIGGER service_areas_added AFTER INSERT ON service_areas
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('service area', NEW.name, 'added',
  json_object('name', NEW.name, 'ombudsman', NEW.ombudsman)); END;
CREATE TRIGGER service_areas_changed AFTER UPDATE ON service_areas
WHEN OLD.name IS NOT NEW.name OR OLD.ombudsman IS NOT NEW.ombudsman
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('service area', NEW.name, 'changed',
  json_object('name', OLD.name, 'ombudsman', OLD.ombudsman), json_object('name', NEW.name, 'ombudsman', NEW.ombudsman)); END;

CREATE TRIGGER categories_added AFTER INSERT ON categories
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('category', NEW.name, 'added',
  json_object('name', NEW.name)); END;
CREATE TRIGGER categories_changed AFTER UPDATE ON categories WHEN OLD.name IS NOT NEW.name
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('category', NEW.name, 'changed',
  json_object('name', OLD.name), json_object('name', NEW.name)); END;

CREATE TRIGGER letter_templates_added AFTER INSERT ON letter_templates
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('letter template',
  NEW.name || ' (' || NEW.language || ') version ' || NEW.version, 'added', NEW.body); END;

CREATE TRIGGER letterhead_logo_added AFTER INSERT ON letterhead_logo
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('letterhead logo', 'logo', 'added',
  json_object('bytes', length(NEW.png))); END;
CREATE TRIGGER letterhead_logo_changed AFTER UPDATE ON letterhead_logo
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('letterhead logo', 'logo', 'changed',
  json_object('bytes', length(OLD.png)), json_object('bytes', length(NEW.png))); END;
CREATE TRIGGER letterhead_logo_removed AFTER DELETE ON letterhead_logo
BEGIN INSERT INTO admin_changes (subject, key, action, before) VALUES ('letterhead logo', 'logo', 'removed',
  json_object('bytes', length(OLD.png))); END;

CREATE TRIGGER self_assessment_added AFTER INSERT ON self_assessment
BEGIN INSERT INTO admin_changes (subject, key, action, after) VALUES ('self-assessment',
  NEW.year || ' ' || NEW.code, 'added', NEW.response); END;
CREATE TRIGGER self_assessment_changed AFTER UPDATE ON self_assessment WHEN OLD.response IS NOT NEW.response
BEGIN INSERT INTO admin_changes (subject, key, action, before, after) VALUES ('self-assessment',
  NEW.year || ' ' || NEW.code, 'changed', OLD.response, NEW.response); END;

-- What retention anonymised: the entry of a log whose content was replaced,
-- and the digest of its new content.
CREATE TABLE redactions (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    log    TEXT NOT NULL,
    entry  INTEGER NOT NULL,
    reason TEXT NOT NULL,
    digest TEXT NOT NULL
) STRICT;
CREATE TRIGGER redactions_no_update BEFORE UPDATE ON redactions
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER redactions_no_delete BEFORE DELETE ON redactions
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE audit_chain (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    log    TEXT NOT NULL,
    entry  INTEGER NOT NULL,
    digest TEXT NOT NULL,
    prev   TEXT NOT NULL,
    hash   TEXT NOT NULL,
    UNIQUE (log, entry)
) STRICT;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- A case anonymised after its retention period: when, so that it is not
-- listed again.
ALTER TABLE cases ADD COLUMN anonymised_on TEXT;
