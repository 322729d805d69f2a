-- Sync: laptops sharing a council's cases through a shared folder.
-- A step's event keeps what is needed to take it again on another laptop
-- through the same rules (`step`: the command, the day it was taken on, and
-- the hash of the rules in force, kept once each in `rule_contexts`).
-- `sync_ops` is every operation this laptop has shared or received, by id,
-- so that none is applied twice; `sync_devices` how far each other laptop's
-- batches have been read; `sync_conflicts` the steps the rules refused when
-- laptops' work was put in one order, for people to resolve.

ALTER TABLE events ADD COLUMN step TEXT;

-- Set on the settings and reference data changes that sync itself made
-- (they came from another laptop and are not shared back).
ALTER TABLE admin_changes ADD COLUMN from_sync INTEGER;

-- This laptop's sync set-up and how far it has shared its own logs (no
-- triggers: reading the folder every minute is not a settings change).
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE rule_contexts (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
) STRICT;

CREATE TABLE sync_ops (
    id      TEXT PRIMARY KEY,
    hlc     TEXT NOT NULL,
    device  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    subject TEXT NOT NULL,
    body    TEXT NOT NULL,
    -- The batch of this laptop's that carried it (NULL: received).
    batch   INTEGER
) STRICT;
CREATE INDEX sync_ops_subject ON sync_ops(kind, subject, hlc);

CREATE TABLE sync_devices (
    device  TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    prefix  TEXT NOT NULL,
    -- The last of its batches read, in order (0: none).
    read_to INTEGER NOT NULL DEFAULT 0,
    seen_at TEXT
) STRICT;

CREATE TABLE sync_conflicts (
    op          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL,
    reference   TEXT NOT NULL,
    hlc         TEXT NOT NULL,
    device      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    what        TEXT NOT NULL,
    why         TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution  TEXT
) STRICT;
