-- Events: every step on a case appends one, never changed; the audit trail
-- is read from them. The old audit table's entries are carried over by the
-- migration's hook (as `recorded` events) and the table is dropped.
-- Stages keep the timescales they opened with and their deadlines; reference
-- data gets UUIDv7 ids (`uid`) so that laptops can share it.

CREATE TABLE events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    id      TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL,
    device  TEXT NOT NULL,
    hlc     TEXT NOT NULL,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    summary TEXT NOT NULL,
    body    TEXT NOT NULL,
    changes TEXT NOT NULL
) STRICT;
CREATE INDEX events_case ON events(case_id, seq);
CREATE INDEX events_hlc ON events(hlc);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

ALTER TABLE stages ADD COLUMN acknowledge_days INTEGER;
ALTER TABLE stages ADD COLUMN response_days INTEGER;
ALTER TABLE stages ADD COLUMN response_from TEXT;
ALTER TABLE stages ADD COLUMN extension_limit_days INTEGER;
ALTER TABLE stages ADD COLUMN acknowledge_by TEXT;
ALTER TABLE stages ADD COLUMN respond_by TEXT;
ALTER TABLE stages ADD COLUMN original_respond_by TEXT;
ALTER TABLE stages ADD COLUMN extension_limit TEXT;

ALTER TABLE service_areas ADD COLUMN uid TEXT;
ALTER TABLE categories ADD COLUMN uid TEXT;
ALTER TABLE officers ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX service_areas_uid ON service_areas(uid);
CREATE UNIQUE INDEX categories_uid ON categories(uid);
CREATE UNIQUE INDEX officers_uid ON officers(uid);
