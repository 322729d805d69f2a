-- Letters: the council's edited templates (each save a new version; the
-- shipped defaults are version 0 and live in the code), and every letter
-- issued, with the data and wording it was made from, its PDF and the
-- PDF's SHA-256, so it can be reproduced and checked. Each service area
-- names its Ombudsman (NULL: the Housing Ombudsman when its name mentions
-- housing, else the LGSCO).

ALTER TABLE service_areas ADD COLUMN ombudsman TEXT;

CREATE TABLE letter_templates (
    name      TEXT NOT NULL,
    language  TEXT NOT NULL,
    version   INTEGER NOT NULL CHECK (version > 0),
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    saved_by  TEXT NOT NULL,
    PRIMARY KEY (name, language, version)
) STRICT;

CREATE TABLE letters (
    id               TEXT PRIMARY KEY,
    case_id          TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    language         TEXT NOT NULL,
    template         TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    issued_on        TEXT NOT NULL,
    issued_at        TEXT NOT NULL,
    issued_by        TEXT NOT NULL,
    data             TEXT NOT NULL,
    wording          TEXT NOT NULL,
    edited           INTEGER NOT NULL,
    missing          TEXT NOT NULL,
    reason           TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    pdf              BLOB NOT NULL
) STRICT;
CREATE INDEX letters_case ON letters(case_id, issued_at);

-- The council's logo for the letterhead, a PNG (one row at most).
CREATE TABLE letterhead_logo (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    png BLOB NOT NULL
) STRICT;
