-- One schema for SQLite and PostgreSQL: portable types only; times are epoch milliseconds (UTC);
-- ids are text UUIDs so that no engine-specific sequence is needed.

-- Every device event the hub accepted, stored before the broker is acknowledged.
CREATE TABLE events (
  event_id        VARCHAR(36)  PRIMARY KEY,
  site            VARCHAR(64)  NOT NULL,
  device_id       VARCHAR(64)  NOT NULL,
  channel         VARCHAR(32)  NOT NULL,
  sequence        BIGINT       NOT NULL,
  device_time     BIGINT       NOT NULL,
  received_at     BIGINT       NOT NULL,
  payload         TEXT         NOT NULL,
  -- pending -> processing (leased by one hub) -> applied | refused
  status          VARCHAR(16)  NOT NULL,
  attempts        INTEGER      NOT NULL DEFAULT 0,
  next_attempt_at BIGINT       NOT NULL,
  lease_until     BIGINT,
  last_error      TEXT,
  outcome         TEXT,
  applied_at      BIGINT
);
CREATE INDEX events_due ON events (status, next_attempt_at);
CREATE INDEX events_device ON events (device_id, sequence);

-- Messages that could not be understood: set aside with the reason, never dropped.
CREATE TABLE quarantine (
  quarantine_id   VARCHAR(36)  PRIMARY KEY,
  topic           TEXT         NOT NULL,
  payload_base64  TEXT         NOT NULL,
  reason          TEXT         NOT NULL,
  received_at     BIGINT       NOT NULL
);

-- Documents that must ride the shuttle: opened from a checkin answer (CV 02/04 + CT).
CREATE TABLE transits (
  transit_id      VARCHAR(36)  PRIMARY KEY,
  item_id         VARCHAR(64)  NOT NULL,
  from_branch     VARCHAR(64)  NOT NULL,
  to_branch       VARCHAR(64)  NOT NULL,
  reason          VARCHAR(32)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  call_number     VARCHAR(128),
  title           TEXT,
  created_at      BIGINT       NOT NULL,
  source_event_id VARCHAR(36)  NOT NULL UNIQUE
);
CREATE INDEX transits_open ON transits (status, to_branch);
