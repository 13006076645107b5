-- Crates packed at a branch for one destination, worked from the staff's shuttle page (issue 17):
-- open (documents read into it) -> closed (labelled) -> departed (its round left) -> arrived (read at the
-- destination). Who did each step and when is kept (names as StaffUser gives them: an account or token:staff).
CREATE TABLE crates (
  crate_id     VARCHAR(64)  PRIMARY KEY,
  from_branch  VARCHAR(64)  NOT NULL,
  -- null until the first document read into it decides where it goes
  to_branch    VARCHAR(64),
  status       VARCHAR(16)  NOT NULL,
  opened_by    VARCHAR(128) NOT NULL,
  opened_at    BIGINT       NOT NULL,
  closed_by    VARCHAR(128),
  closed_at    BIGINT,
  route_id     VARCHAR(64),
  departed_by  VARCHAR(128),
  departed_at  BIGINT,
  arrived_by   VARCHAR(128),
  arrived_at   BIGINT
);
CREATE INDEX crates_branch ON crates (from_branch, status);
CREATE INDEX crates_destination ON crates (to_branch, status);

-- Who packed a document, sent its round off, read it on arrival.
ALTER TABLE transits ADD COLUMN packed_by VARCHAR(128);
ALTER TABLE transits ADD COLUMN departed_by VARCHAR(128);
ALTER TABLE transits ADD COLUMN arrived_by VARCHAR(128);

-- The transit list is paginated, filtered (status, from, to, route) and sorted by age: these keep its pages
-- and its true total fast with a year of a network's transits (~100 k rows).
CREATE INDEX transits_created ON transits (created_at);
CREATE INDEX transits_status_created ON transits (status, created_at);
CREATE INDEX transits_from_status ON transits (from_branch, status, created_at);
CREATE INDEX transits_to_status ON transits (to_branch, status, created_at);
CREATE INDEX transits_route_status ON transits (route_id, status);
