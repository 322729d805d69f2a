-- Leavers: an officer who has retired stays on their old cases and in the
-- history, and is not offered for new cases, allocation or review.
ALTER TABLE officers ADD COLUMN retired_on TEXT;

-- References are found whatever their capitals (cmp-2026-00001 is
-- CMP-2026-00001).
CREATE INDEX cases_reference_nocase ON cases(reference COLLATE NOCASE);
