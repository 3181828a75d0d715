-- The state hub's first schema. Runs unchanged on PGlite and on a PostgreSQL server (15 or newer).
-- Never edit this file once released: add 0002_….sql instead (applied migrations are checksummed).

-- Block offices known to the hub. The code is the state-issued 4-digit office code that every MTS ID
-- and every change-log origin of that office starts with. A revoked office stays: its history and its
-- series must never be reissued.
CREATE TABLE office (
  code          text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$' AND code <> '0000'),
  district_lgd  integer NOT NULL CHECK (district_lgd > 0),
  block_name    text NOT NULL,
  name_mr       text NOT NULL,
  name_en       text NOT NULL,
  status        text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'revoked')),
  enrolled_at   timestamptz NOT NULL,
  revoked_at    timestamptz,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);

-- Public keys of an office: Ed25519 to verify its bundles, an age X25519 recipient to encrypt to it.
-- Key ids follow src-main/sync/keys.ts (32 hex digits of SHA-256 over the SPKI DER). Only public halves
-- are stored here; a revoked key stays so that bundles signed with it keep being refused by name.
CREATE TABLE office_key (
  key_id              text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{32}$'),
  office_code         text NOT NULL REFERENCES office (code),
  signing_public_key  text NOT NULL UNIQUE,
  age_recipient       text NOT NULL CHECK (age_recipient LIKE 'age1%'),
  created_at          timestamptz NOT NULL,
  revoked_at          timestamptz
);
CREATE INDEX office_key_office ON office_key (office_code);

-- ID series handed out to offices (one per installation, restore or re-enrolment). The primary key is
-- the guarantee that a series, and so an MTS ID, is never issued twice.
CREATE TABLE series_grant (
  office_code  text NOT NULL REFERENCES office (code),
  series       integer NOT NULL CHECK (series BETWEEN 1 AND 999),
  granted_at   timestamptz NOT NULL,
  PRIMARY KEY (office_code, series)
);

-- Every change from every origin, as written by the origin (DESIGN §6). Origin is OFFICE-SERIES or
-- hub-SERIES; counters are dense per origin. The primary key makes "applied at most once" a property of
-- the database, not only of the importer. Origins sort bytewise (COLLATE "C") so (origin, counter) order
-- is the same on every server whatever its locale.
CREATE TABLE change (
  origin       text COLLATE "C" NOT NULL CHECK (origin ~ '^([0-9]{4}|hub)-[0-9]{3}$'),
  counter      bigint NOT NULL CHECK (counter > 0),
  hlc          text NOT NULL,
  entity       text NOT NULL,
  entity_id    text NOT NULL,
  op           text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  data         jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  -- The bundle that brought it; null for changes the hub wrote itself (routing, duplicates).
  bundle_id    uuid,
  PRIMARY KEY (origin, counter)
);
CREATE INDEX change_entity ON change (entity, entity_id);
CREATE INDEX change_hlc ON change (hlc);

-- Cumulative acknowledgements: the highest counter of each origin that an office has confirmed holding
-- without a gap. Everything above it is sent again in the next export to that office.
CREATE TABLE office_ack (
  office_code  text NOT NULL REFERENCES office (code),
  origin       text COLLATE "C" NOT NULL CHECK (origin ~ '^([0-9]{4}|hub)-[0-9]{3}$'),
  counter      bigint NOT NULL CHECK (counter >= 0),
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (office_code, origin)
);

-- Acks are cumulative, so one that goes down is a bug or a replayed old bundle: refuse it here too.
CREATE FUNCTION office_ack_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.counter < OLD.counter THEN
    RAISE EXCEPTION 'acknowledgement of % by office % would go down from % to %',
      NEW.origin, NEW.office_code, OLD.counter, NEW.counter
      USING ERRCODE = 'check_violation', CONSTRAINT = 'office_ack_only_grows';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER office_ack_only_grows BEFORE UPDATE ON office_ack
  FOR EACH ROW EXECUTE FUNCTION office_ack_only_grows();

-- Bundles the hub has imported, by the id in their signed header, so a second import of the same file
-- (or part) is recognised and changes nothing. A refused bundle is not recorded: refusing changes nothing.
-- 'held' is a bundle from a newer schema kept to be applied after the hub is updated.
CREATE TABLE bundle_seen (
  bundle_id     uuid PRIMARY KEY,
  from_office   text NOT NULL CHECK (from_office ~ '^[0-9]{4}$'),
  kind          text NOT NULL CHECK (kind IN ('changes', 'acks', 'enrolment', 'keys', 'snapshot')),
  received_at   timestamptz NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('applied', 'held')),
  change_count  integer NOT NULL DEFAULT 0 CHECK (change_count >= 0)
);
CREATE INDEX bundle_seen_from ON bundle_seen (from_office, received_at);

-- Where each household's records go. The owner is the registering office (only it writes identity
-- fields); the destination is the office of the block the family announced or arrived at. A destination
-- that matches no enrolled office (another state, an unknown block) is "unrouted" with the reason, until
-- a state officer assigns it by hand (`mts-hub route`).
CREATE TABLE household_route (
  household_id        text PRIMARY KEY,
  owner_office        text NOT NULL REFERENCES office (code),
  destination_office  text REFERENCES office (code),
  unrouted_reason     text,
  routed_by_hand      boolean NOT NULL DEFAULT false,
  updated_at          timestamptz NOT NULL,
  CHECK (destination_office IS NULL OR unrouted_reason IS NULL)
);
CREATE INDEX household_route_destination ON household_route (destination_office);
CREATE INDEX household_route_unrouted ON household_route (household_id) WHERE unrouted_reason IS NOT NULL;
