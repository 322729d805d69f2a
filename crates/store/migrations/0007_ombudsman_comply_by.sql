-- The date by which the Ombudsman asked the council to comply with its
-- remedy: a deadline like any other, with reminders, until compliance is
-- recorded.
ALTER TABLE referrals ADD COLUMN comply_by TEXT;
