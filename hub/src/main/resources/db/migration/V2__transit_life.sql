-- A transit's life (DESIGN §10): open -> packed (in a crate for its destination) -> on-road (the round left)
-- -> arrived (crate or item read at the destination) -> closed. "kept" = advice said keep here (a ride saved).
ALTER TABLE transits ADD COLUMN crate VARCHAR(64);
ALTER TABLE transits ADD COLUMN route_id VARCHAR(64);
ALTER TABLE transits ADD COLUMN collection VARCHAR(64);
ALTER TABLE transits ADD COLUMN packed_at BIGINT;
ALTER TABLE transits ADD COLUMN departed_at BIGINT;
ALTER TABLE transits ADD COLUMN arrived_at BIGINT;
ALTER TABLE transits ADD COLUMN closed_at BIGINT;
ALTER TABLE transits ADD COLUMN advice VARCHAR(32);
CREATE INDEX transits_item ON transits (item_id, status);
CREATE INDEX transits_crate ON transits (crate);
