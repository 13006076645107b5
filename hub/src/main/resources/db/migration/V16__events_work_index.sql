-- The workers' claim of due events (EventStore.CLAIM_DUE) looks at pending and processing events only, a few
-- dozen at any time, while the table keeps every event (a million a year). SQLite served the claim through
-- events_channel_time: every event the channel ever had, then a sort; its time grew with the table (bench
-- SoakBench, bench/README.md "Soak"). This index holds the pending work only, in the claim's order.
-- Partial indexes: SQLite 3.8+ and PostgreSQL alike. SQLite uses one only when the query repeats the predicate
-- word for word (bound parameters do not count), so the claim says status IN ('pending', 'processing') literally.
CREATE INDEX events_work ON events (channel, received_at, event_id) WHERE status IN ('pending', 'processing');
