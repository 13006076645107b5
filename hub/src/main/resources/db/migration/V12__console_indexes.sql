-- The console's "latest events" and "quarantine" lists read newest first: without these, a year of events
-- (1 M rows) was sorted on every request (ConsoleBench: /api/events 720 ms p50).
CREATE INDEX events_received ON events (received_at, event_id);
CREATE INDEX quarantine_received ON quarantine (received_at);
