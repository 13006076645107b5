-- Documents that change van (issue 19): the rounds do not link every pair of branches, so a transit is now one leg
-- of the document's journey. to_branch is where THIS leg ends (the next stop: a relay such as the depot, or the
-- destination); destination is the branch the document must reach in the end; relay_of is the leg it continues
-- (NULL on a journey's first leg). A leg read at its relay ends with status 'relayed' and a new leg toward the
-- destination is opened there, in the same transaction.
--
-- Every transit stored before this version was a single leg straight to where it was going: its destination is
-- its to_branch.
ALTER TABLE transits ADD COLUMN destination VARCHAR(64);
ALTER TABLE transits ADD COLUMN relay_of VARCHAR(36);
UPDATE transits SET destination = to_branch;

-- The transit list's "coming to this branch" filters read the destination as well as the leg's end.
CREATE INDEX transits_destination_status ON transits (destination, status, created_at);
CREATE INDEX transits_relay_of ON transits (relay_of);
