-- Sync: the clock's latest reading and this laptop's ops not yet in a
-- batch found through indexes, not by reading every op (a laptop that has
-- shared 100,000 cases holds at least as many ops, and every event written
-- asks for the clock's latest reading).
CREATE INDEX sync_ops_hlc ON sync_ops(hlc);
CREATE INDEX sync_ops_unbatched ON sync_ops(device, batch);
