-- Loans' links to patrons in columns of their own, indexed: the retention purge found each loan's end with a
-- LIKE over the payloads of every later return and loan (≈ 195 h for the first purge of a year of the reference
-- network, RetentionPurgeBench) and the subject access the patron by a LIKE over every payload (seconds).
--
-- item_id: the document (checkout, renew, return); patron_ref: the pseudonym while the link is kept (checkout,
-- renew; NULL once the retention purge has taken it out of the payload); due_date: the loan's due date as sent
-- (ISO yyyy-mm-dd; its end of day is the hub's zone's, known to the purge, not here); loan_ended_at: the time
-- (device_time) of the first return or loan of the same document at or after this loan or renewal, NULL while the
-- hub saw none. EventStore keeps them at ingest, whatever order the events arrive in.
--
-- The payload's fields are read by the engine's JSON functions, whose spelling differs: Database sets the
-- placeholders per dialect (SQLite json_extract, PostgreSQL ->>).
ALTER TABLE events ADD COLUMN item_id VARCHAR(64);
ALTER TABLE events ADD COLUMN patron_ref VARCHAR(128);
ALTER TABLE events ADD COLUMN due_date VARCHAR(10);
ALTER TABLE events ADD COLUMN loan_ended_at BIGINT;

UPDATE events SET item_id = ${payloadItemId} WHERE channel IN ('checkout', 'renew', 'return');
UPDATE events SET patron_ref = ${payloadPatronRef}, due_date = ${payloadDueDate} WHERE channel IN ('checkout', 'renew');

-- A document's loans and returns in time order: the ends at ingest, the alarms' "just borrowed?".
CREATE INDEX events_item_time ON events (item_id, device_time) WHERE item_id IS NOT NULL;

UPDATE events SET loan_ended_at = (
    SELECT MIN(later.device_time) FROM events later
    WHERE later.item_id = events.item_id AND later.channel IN ('return', 'checkout')
      AND later.device_time >= events.device_time AND later.event_id <> events.event_id)
  WHERE patron_ref IS NOT NULL;

-- The subject access, by pseudonym; the purge, by the end seen (loan_ended_at < limit) or, never seen ended, by
-- the due date (loan_ended_at IS NULL AND due_date < day): one index for both. Partial: only the links still kept
-- are indexed (a few months of loans), and a link taken out leaves them.
CREATE INDEX events_patron ON events (patron_ref) WHERE patron_ref IS NOT NULL;
CREATE INDEX events_links ON events (loan_ended_at, due_date) WHERE patron_ref IS NOT NULL;

-- The subject access's alarms linked to a patron's loan ("just borrowed?"): was a scan of every alarm per loan.
CREATE INDEX alarms_item ON alarms (item_id, last_checkout_at);
