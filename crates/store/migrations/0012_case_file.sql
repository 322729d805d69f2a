-- The case file: documents received and sent, case notes, and the log of
-- contacts with the complainant. A document's bytes are not in this file:
-- they are kept once each, named by their SHA-256, in the folder
-- `<database name>-documents` beside it, so that ten years of attachments
-- neither slow opening (the quick check reads every page of this file) nor
-- make every backup copy them again. Each addition is also an event on the
-- case's log.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    on_date     TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Words to find it by beyond its name: an email's text.
    words       TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
) STRICT;
CREATE INDEX documents_case ON documents(case_id, on_date, added_at);
CREATE INDEX documents_sha256 ON documents(sha256);

CREATE TABLE case_notes (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    written_at TEXT NOT NULL,
    written_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes(case_id, written_at);

CREATE TABLE case_contacts (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('phone', 'meeting', 'email', 'letter', 'visit')),
    summary     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_contacts_case ON case_contacts(case_id, on_date, recorded_at);
