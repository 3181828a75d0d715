-- What the hub needs to enrol offices again, route households and answer each office with what concerns
-- it (DESIGN §6). Never edit this file once released: add 0004_….sql instead.

-- A series is granted to one installation (its epoch): the same installation enrolling again keeps its
-- series, a restored or reinstalled one (new epoch) gets the next free series. Null for older grants.
ALTER TABLE series_grant ADD COLUMN epoch uuid;

-- The epoch an office's bundles came from last: a new one means the office was restored or reinstalled,
-- and its acknowledgements are replaced by those of its new installation instead of only growing.
ALTER TABLE office ADD COLUMN last_epoch uuid;

-- The hub's own installation: its epoch goes into every bundle it writes; last_hlc is the newest HLC it
-- has seen or issued, so its own changes sort after everything it holds without scanning the change table.
CREATE TABLE hub_installation (
  id          integer PRIMARY KEY CHECK (id = 1),
  epoch       uuid NOT NULL,
  created_at  timestamptz NOT NULL,
  last_hlc    text
);
INSERT INTO hub_installation (id, epoch, created_at) VALUES (1, gen_random_uuid(), now());

-- Per origin, the highest counter the hub holds without a gap: what it acknowledges and exports up to.
CREATE TABLE origin_high_water (
  origin   text COLLATE "C" PRIMARY KEY CHECK (origin ~ '^([0-9]{4}|hub)-[0-9]{3}$'),
  counter  bigint NOT NULL CHECK (counter >= 0)
);

-- Which household each replicated record belongs to, so that changes (which carry only the fields they
-- changed) can be routed. Records hanging off a beneficiary (measurements, card prints, photos) wait with
-- household_id null until their beneficiary is known.
CREATE TABLE record_household (
  entity          text NOT NULL,
  entity_id       text NOT NULL,
  household_id    text,
  beneficiary_id  text,
  PRIMARY KEY (entity, entity_id)
);
CREATE INDEX record_household_household ON record_household (household_id, entity);
CREATE INDEX record_household_waiting ON record_household (beneficiary_id) WHERE household_id IS NULL;

-- Which household each change concerns (a duplicate notice can concern two). Derived from change and
-- record_household by the import, in the same transaction; no foreign key, so that linking 100,000
-- changes costs no per-row trigger.
CREATE TABLE change_household (
  origin        text COLLATE "C" NOT NULL,
  counter       bigint NOT NULL,
  household_id  text NOT NULL,
  PRIMARY KEY (origin, counter, household_id)
);
CREATE INDEX change_household_household ON change_household (household_id, origin, counter);

-- Changes of household records whose household was not known when they arrived (an update before its
-- insert, a measurement before its beneficiary): linked, and removed from here, in the import that brings it.
CREATE TABLE unlinked_change (
  origin     text COLLATE "C" NOT NULL,
  counter    bigint NOT NULL,
  entity     text NOT NULL,
  entity_id  text NOT NULL,
  PRIMARY KEY (origin, counter)
);
CREATE INDEX unlinked_change_record ON unlinked_change (entity, entity_id);

-- Routing state: the household's Anganwadi (its master data travels with it), the trip the route was
-- computed from, the trip a state officer routed by hand (hand routing wins until a newer trip), and the
-- counter of the hub's last household_route change for it (null: none written yet).
ALTER TABLE household_route ADD COLUMN awc_code text;
ALTER TABLE household_route ADD COLUMN trip_id text;
ALTER TABLE household_route ADD COLUMN hand_trip_id text;
ALTER TABLE household_route ADD COLUMN route_counter bigint;

-- The changes a bundle brought: what an import indexes and routes, without scanning everything held.
CREATE INDEX change_bundle ON change (bundle_id) WHERE bundle_id IS NOT NULL;
-- Nothing reads changes by HLC (the hub's clock resumes from hub_installation.last_hlc); the index only
-- slowed down every insert.
DROP INDEX change_hlc;
