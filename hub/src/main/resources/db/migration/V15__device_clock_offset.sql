-- Devices' clocks against the hub's, measured on each message from its MQTT 5 user property sent-at (what the
-- device's clock read as it published it; agents of before it send none): in milliseconds, positive when the
-- device's clock is ahead.
--
-- events.clock_offset_ms: what was taken off this event's device times. device_time is now the event's time on
-- the hub's clock, = the payload's deviceTime - clock_offset_ms (and never after received_at); the payload keeps
-- the device's own times as it sent them. 0: the clock was within the tolerance (2 min); NULL: the device did not
-- say, its times are taken as they are (as for every event stored before this version).
ALTER TABLE events ADD COLUMN clock_offset_ms BIGINT;

-- devices.clock_offset_ms: the offset its latest message showed (an alert while beyond the tolerance).
ALTER TABLE devices ADD COLUMN clock_offset_ms BIGINT;
