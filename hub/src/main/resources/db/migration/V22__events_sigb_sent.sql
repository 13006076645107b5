-- A return checked in once at the SIGB, even when the hub dies mid-checkin (issue 19). A SIP2 checkin is not
-- idempotent at every SIGB (a second one may end a new loan, fine again, log the document twice): the hub writes
-- this mark, committed, right before it sends the checkin (09), and clears nothing after. An event claimed again
-- with the mark and no outcome (its hub was killed after sending, or the SIGB did not answer in time) is in doubt:
-- ReturnProcessor asks the SIGB what became of the document (17/18) before it checks it in again.
--
-- sigb_sent_at: when the hub last sent this event's checkin (hub clock, ms); NULL while it never did. Written per
-- event as it is sent, not at claim time: a claim leases a batch, most of which a dead hub never sent.
ALTER TABLE events ADD COLUMN sigb_sent_at BIGINT;
