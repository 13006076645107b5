-- Which hub leased a processing event (its --hub-id). A hub killed mid-work left its leases to run out (2 min)
-- before anyone applied those events again: after a kill -9 the returns it held waited up to 2 minutes (chaos run,
-- bench/README.md). A hub starting again under the same id takes back its own leases at once — the process that
-- held them is dead; the leases of other hubs sharing the database run out as before. NULL: leased by a hub of
-- before this version.
ALTER TABLE events ADD COLUMN leased_by VARCHAR(200);
