-- One row the hub rewrites to learn whether its store takes writes again after a fault (disk full, damaged,
-- server gone): reads can succeed while writes fail. Events may now also end 'failed' (work given up after its
-- attempts; see hub/README.md) — status is free text, nothing to change for that.
CREATE TABLE store_probe (
  probe_id  INTEGER PRIMARY KEY,
  probed_at BIGINT  NOT NULL
);
INSERT INTO store_probe (probe_id, probed_at) VALUES (1, 0);

-- Failures that are the event's own (the SIGB answered others, not this one; the work threw), counted against its
-- limit; attempts keeps counting every try, for the backoff.
ALTER TABLE events ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
