-- The statistics read events by channel over a time range (visitors: 'count'; loans, returns, renewals), alarms by
-- time (alarms_time, V3) and transits by creation time: without these, each /api/stats scanned the whole events
-- table, which holds every event of the network's retention.
CREATE INDEX events_channel_time ON events (channel, device_time);
CREATE INDEX transits_created ON transits (created_at);
