-- Staff's answer to each gate alarm: who went, when, and how it ended. One per alarm (a second is refused: two
-- librarians must not both run, nor overwrite each other's outcome).
CREATE TABLE alarm_acknowledgements (
  event_id         VARCHAR(36)  PRIMARY KEY,
  acknowledged_by  VARCHAR(128) NOT NULL,
  acknowledged_at  BIGINT       NOT NULL,
  -- false-alarm-fixed | patron-came-back | patron-left
  outcome          VARCHAR(32)  NOT NULL,
  note             TEXT
);
CREATE INDEX alarm_acknowledgements_outcome ON alarm_acknowledgements (outcome);

-- "Just borrowed?": the last kiosk checkout the hub saw for the alarm's document, when it looked (device time of
-- the loan, the kiosk, its branch).
ALTER TABLE alarms ADD COLUMN last_checkout_at BIGINT;
ALTER TABLE alarms ADD COLUMN last_checkout_device VARCHAR(64);
ALTER TABLE alarms ADD COLUMN last_checkout_site VARCHAR(64);

-- The alarm log: a branch's alarms over a period, newest first (the network's log uses alarms_time).
CREATE INDEX alarms_site_time ON alarms (site, detected_at);

-- Events of one channel over a time range: a document's recent kiosk loans ("just borrowed?": checkouts by time,
-- the item matched in the payload after) and the statistics (visitors from 'count'; loans, returns, renewals) —
-- without it each /api/stats scanned the whole events table, every event of the network's retention.
CREATE INDEX events_channel_time ON events (channel, device_time);
