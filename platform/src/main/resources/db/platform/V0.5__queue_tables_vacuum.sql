-- Tables that fill and empty within seconds: vacuumed and analysed after a few thousand changes, not a fifth of
-- their size, so that deleted rows do not pile up in front of the relay and plans follow what is really there.
ALTER TABLE outbox_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE processed_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);
