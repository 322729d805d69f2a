-- Reminders sent: one row per reminder that went out (its key names the
-- case, the deadline and its date, which reminder and, when overdue, the
-- day), so none is ever sent twice. A failed send writes nothing.
CREATE TABLE reminders_sent (
    key       TEXT PRIMARY KEY,
    reference TEXT NOT NULL,
    due       TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    reminder  TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    device    TEXT NOT NULL
) STRICT;
