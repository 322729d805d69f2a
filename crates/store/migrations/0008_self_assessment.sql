-- The council's own words in the annual Code self-assessment, one per
-- financial year (the year it starts) and requirement.
CREATE TABLE self_assessment (
    year       INTEGER NOT NULL,
    code       TEXT NOT NULL,
    response   TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (year, code)
) STRICT;
