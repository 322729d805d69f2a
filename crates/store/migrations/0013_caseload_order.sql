-- The order every list of open cases is shown in (soonest deadline first,
-- cases with nothing due last, then newest first), as an index the
-- caseload's queries read in order: a first page of 200 rows reads 200
-- rows, not every open case sorted. `cases_open_due` is kept for the
-- reminders' and reports' range reads.
CREATE INDEX cases_caseload_order
    ON cases(status, next_due_on IS NULL, next_due_on, received_on DESC, reference);

-- An officer's open actions: "my caseload" reads them once as a list rather
-- than looking through every open case's actions.
CREATE INDEX actions_open_owner ON actions(owner COLLATE NOCASE) WHERE done_on IS NULL;

-- A period's report reads the stages opened or answered in it.
CREATE INDEX stages_opened ON stages(opened_on);
CREATE INDEX stages_responded ON stages(responded_on);
