-- People: one record of each complainant across their cases. The hook turns
-- each case's complainant into a person (one person per email address, an
-- anonymous or email-less complainant a person of their own) and links the
-- case; 0004 then drops the copies the cases kept. Officers get roles.
-- Restrictions under the unreasonable-behaviour procedure belong to a
-- person; person_events is their audit trail, append-only like events.

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    address           TEXT NOT NULL,
    postcode          TEXT NOT NULL,
    email             TEXT NOT NULL,
    phone             TEXT NOT NULL,
    preferred_contact TEXT,
    language          TEXT,
    anonymous         INTEGER NOT NULL,
    vulnerability     TEXT NOT NULL,
    adjustments       TEXT NOT NULL,
    -- The match keys the core derives from the details (NULL when blank or
    -- anonymous); never typed in.
    email_key         TEXT,
    name_key          TEXT,
    phone_key         TEXT,
    postcode_key      TEXT,
    -- Set when merged into another person: no longer listed or matched.
    merged_into       INTEGER REFERENCES people(id)
) STRICT;
CREATE INDEX people_email_key ON people(email_key) WHERE merged_into IS NULL;
CREATE INDEX people_name_key ON people(name_key) WHERE merged_into IS NULL;
CREATE INDEX people_phone_key ON people(phone_key) WHERE merged_into IS NULL;

ALTER TABLE cases ADD COLUMN person_id INTEGER REFERENCES people(id);
CREATE INDEX cases_person ON cases(person_id, received_on);

ALTER TABLE officers ADD COLUMN roles TEXT NOT NULL DEFAULT '';

CREATE TABLE restrictions (
    person_id   INTEGER NOT NULL REFERENCES people(id),
    number      INTEGER NOT NULL,
    uid         TEXT NOT NULL UNIQUE,
    decided_by  TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    contact     TEXT NOT NULL,
    told_on     TEXT NOT NULL,
    review_on   TEXT NOT NULL,
    -- The reviews, oldest first, as JSON: [{on, decision, next_review_on, by}].
    reviews     TEXT NOT NULL,
    -- Derived from the reviews on every write: the day it was lifted.
    lifted_on   TEXT,
    PRIMARY KEY (person_id, number)
) STRICT;
CREATE INDEX restrictions_review ON restrictions(review_on) WHERE lifted_on IS NULL;

CREATE TABLE person_events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL,
    device    TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    summary   TEXT NOT NULL,
    body      TEXT NOT NULL
) STRICT;
CREATE INDEX person_events_person ON person_events(person_id, seq);
CREATE TRIGGER person_events_no_update BEFORE UPDATE ON person_events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER person_events_no_delete BEFORE DELETE ON person_events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
