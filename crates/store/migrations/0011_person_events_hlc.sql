-- The latest reading of the hybrid clock is read before every event is
-- written: the person log needs the same index on it as the case log has,
-- or each write scans the whole log (an import of 10,000 rows took ten
-- times as long as it should).
CREATE INDEX person_events_hlc ON person_events(hlc);
