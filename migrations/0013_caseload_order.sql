-- The order every list of open cases is shown in (soonest deadline first,
-- cases with nothing due last, then newest first), as an index the
-- caseload's queries read in order: a first page of 200 rows reads 200
-- rows, not every open case sorted. `cases_open_due` is kept for the
-- reminders' and reports' range reads.
CREATE INDEX cases_caseload_order
    ON cases(status, next_due_on IS NULL, next_due_on, received_on DESC, reference);
