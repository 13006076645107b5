-- The device registry, built from state (birth/death), health, acknowledgements and every event's arrival.
CREATE TABLE devices (
  device_id              VARCHAR(64)  PRIMARY KEY,
  site                   VARCHAR(64)  NOT NULL,
  state                  VARCHAR(16),
  software_version       VARCHAR(64),
  last_seen              BIGINT       NOT NULL,
  state_changed_at       BIGINT,
  uptime_seconds         BIGINT,
  outbox_depth           BIGINT,
  outbox_oldest_age_s    BIGINT,
  reader_state           VARCHAR(32),
  last_error             TEXT,
  config_version_sent    BIGINT,
  config_version_applied BIGINT,
  config_refused_reason  TEXT,
  last_command_ack       TEXT
);

-- Holes in a device's sequence numbers: events it made that never reached the hub (or not yet).
CREATE TABLE sequence_gaps (
  device_id     VARCHAR(64)  NOT NULL,
  missing_from  BIGINT       NOT NULL,
  missing_to    BIGINT       NOT NULL,
  detected_at   BIGINT       NOT NULL,
  resolved_at   BIGINT,
  PRIMARY KEY (device_id, missing_from)
);

-- What staff and admins must act on. One open alert per (kind, subject); resolved when the cause goes away.
CREATE TABLE alerts (
  alert_id     VARCHAR(36)  PRIMARY KEY,
  kind         VARCHAR(48)  NOT NULL,
  subject      VARCHAR(128) NOT NULL,
  severity     VARCHAR(16)  NOT NULL,
  message      TEXT         NOT NULL,
  raised_at    BIGINT       NOT NULL,
  resolved_at  BIGINT,
  notified_at  BIGINT
);
CREATE INDEX alerts_open ON alerts (kind, subject, resolved_at);

-- Gate alarms, enriched with what the SIGB knows of the document.
CREATE TABLE alarms (
  event_id            VARCHAR(36)  PRIMARY KEY,
  site                VARCHAR(64)  NOT NULL,
  device_id           VARCHAR(64)  NOT NULL,
  tag_uid             VARCHAR(32)  NOT NULL,
  item_id             VARCHAR(64),
  direction           VARCHAR(16),
  detected_at         BIGINT       NOT NULL,
  title               TEXT,
  call_number         VARCHAR(128),
  owner_branch        VARCHAR(64),
  circulation_status  VARCHAR(8),
  verdict             VARCHAR(32)  NOT NULL,
  enriched_at         BIGINT
);
CREATE INDEX alarms_time ON alarms (detected_at);
