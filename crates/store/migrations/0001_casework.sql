-- Casework: reference data, cases and their stages, the audit trail, search.
-- Shipped migrations are never edited: add a new numbered file instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE service_areas (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE officers (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    job_title       TEXT NOT NULL DEFAULT '',
    service_area_id INTEGER REFERENCES service_areas(id),
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE reference_counters (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE cases (
    id                    TEXT PRIMARY KEY,
    reference             TEXT NOT NULL UNIQUE,
    received_on           TEXT NOT NULL,
    channel               TEXT NOT NULL,
    complainant_name      TEXT NOT NULL,
    complainant_address   TEXT NOT NULL,
    complainant_postcode  TEXT NOT NULL,
    complainant_email     TEXT NOT NULL,
    complainant_phone     TEXT NOT NULL,
    preferred_contact     TEXT,
    anonymous             INTEGER NOT NULL,
    vulnerability         TEXT NOT NULL,
    adjustments           TEXT NOT NULL,
    representative_name   TEXT,
    representative_relationship TEXT,
    representative_consent_on   TEXT,
    service_area_id       INTEGER NOT NULL REFERENCES service_areas(id),
    category_id           INTEGER REFERENCES categories(id),
    summary               TEXT NOT NULL,
    description           TEXT NOT NULL,
    outcome_sought        TEXT NOT NULL,
    triage                TEXT NOT NULL,
    exclusion_reason      TEXT,
    triage_note           TEXT NOT NULL,
    officer_id            INTEGER REFERENCES officers(id),
    status                TEXT NOT NULL,
    status_on             TEXT,
    status_reason         TEXT NOT NULL,
    -- Derived by the core from the dates, policy and calendar on every write
    -- (and again when the settings change); never typed in.
    current_stage         INTEGER,
    next_due_on           TEXT,
    next_due_what         TEXT
) STRICT;
CREATE INDEX cases_open_due ON cases(status, next_due_on);
CREATE INDEX cases_service_area ON cases(service_area_id);
CREATE INDEX cases_officer ON cases(officer_id);
CREATE INDEX cases_received ON cases(received_on);

CREATE TABLE stages (
    case_id         TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number BETWEEN 1 AND 3),
    opened_on       TEXT NOT NULL,
    handler_id      INTEGER REFERENCES officers(id),
    acknowledged_on TEXT,
    responded_on    TEXT,
    outcome         TEXT,
    reasons         TEXT NOT NULL,
    learning        TEXT NOT NULL,
    improvements    TEXT NOT NULL,
    PRIMARY KEY (case_id, number)
) STRICT;

CREATE TABLE extensions (
    case_id     TEXT NOT NULL,
    stage       INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    agreed_on   TEXT NOT NULL,
    days        INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    good_reason INTEGER NOT NULL,
    PRIMARY KEY (case_id, stage, position),
    FOREIGN KEY (case_id, stage) REFERENCES stages(case_id, number) ON DELETE CASCADE
) STRICT;

CREATE TABLE remedies (
    case_id      TEXT NOT NULL,
    stage        INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    detail       TEXT NOT NULL,
    amount_pence INTEGER,
    PRIMARY KEY (case_id, stage, position),
    FOREIGN KEY (case_id, stage) REFERENCES stages(case_id, number) ON DELETE CASCADE
) STRICT;

CREATE TABLE actions (
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    description TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    done_on     TEXT,
    PRIMARY KEY (case_id, number)
) STRICT;

CREATE TABLE referrals (
    case_id         TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    ombudsman       TEXT NOT NULL,
    referred_on     TEXT NOT NULL,
    their_reference TEXT NOT NULL,
    decision        TEXT NOT NULL,
    decided_on      TEXT,
    remedy          TEXT NOT NULL,
    complied_on     TEXT
) STRICT;

CREATE TABLE case_links (
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
) STRICT;

-- Append-only: no UPDATE or DELETE is ever issued on this table.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    summary TEXT NOT NULL,
    changes TEXT NOT NULL
) STRICT;
CREATE INDEX audit_case ON audit(case_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Its rowid is the case's rowid in `cases`.
CREATE VIRTUAL TABLE case_search USING fts5(
    reference,
    names,
    summary,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
