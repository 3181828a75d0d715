-- Change exchange with the state hub (DESIGN §6): the installation's epoch, the peers this office trusts,
-- what they acknowledged, what arrived here (applied, or held until a gap closes), the bundles exchanged,
-- and a clock per field so that the newest write of each field wins whatever order changes arrive in.
-- None of these tables is replicated: they describe this PC's view of the exchange.

-- A random UUID per installation row (setup, restore, re-enrolment): a bundle names the sender's epoch so
-- a receiver sees when history restarted. Existing rows get one now; new rows get one from the trigger,
-- so every code path that opens an installation (setup, restore, series reopened) gives it an epoch.
ALTER TABLE installation ADD COLUMN epoch TEXT;
UPDATE installation SET epoch = lower(
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE TRIGGER installation_epoch AFTER INSERT ON installation WHEN new.epoch IS NULL BEGIN
  UPDATE installation SET epoch = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
  WHERE series = new.series;
END;

-- Nodes this office exchanges bundles with (today only 'hub'). One row per signing key: a replaced key is
-- revoked, not deleted, so bundles signed with it are refused as revoked rather than unknown.
CREATE TABLE sync_peer (
  peer           TEXT NOT NULL CHECK (peer = 'hub' OR (peer GLOB '[0-9][0-9][0-9][0-9]' AND peer <> '0000')),
  key_id         TEXT NOT NULL PRIMARY KEY CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
  public_key     TEXT NOT NULL,            -- base64 SPKI DER of its Ed25519 key
  age_recipient  TEXT NOT NULL,            -- age1…: what this office encrypts bundles to
  added_at       TEXT NOT NULL,
  revoked_at     TEXT,
  last_epoch     TEXT                      -- the epoch of the newest bundle imported from it
);
CREATE INDEX sync_peer_by_peer ON sync_peer (peer);

-- Cumulative acknowledgements from a peer: it holds every change of `origin` up to `high_water`.
-- Only ever raised; an export sends each origin's changes above it.
CREATE TABLE sync_peer_ack (
  peer        TEXT NOT NULL,
  origin      TEXT NOT NULL,
  high_water  INTEGER NOT NULL CHECK (high_water >= 0),
  PRIMARY KEY (peer, origin)
) WITHOUT ROWID;

-- Per origin, the highest counter applied here without a gap (own origins count through change_log).
CREATE TABLE sync_applied (
  origin      TEXT PRIMARY KEY,
  high_water  INTEGER NOT NULL CHECK (high_water >= 0)
) WITHOUT ROWID;

-- Changes that arrived before an earlier change of the same origin: applied once the gap closes.
CREATE TABLE sync_held (
  origin     TEXT NOT NULL,
  counter    INTEGER NOT NULL CHECK (counter >= 1),
  hlc        TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert', 'update')),
  data       TEXT NOT NULL,
  PRIMARY KEY (origin, counter)
) WITHOUT ROWID;

-- Bundles written and imported: the history on the Sync page, and "already imported" for a second copy.
-- bundle_id is the group id (a split bundle is one entry).
CREATE TABLE sync_bundle (
  bundle_id  TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  peer       TEXT NOT NULL,
  at         TEXT NOT NULL,
  changes    INTEGER NOT NULL,
  applied    INTEGER NOT NULL,
  held       INTEGER NOT NULL,
  skipped    INTEGER NOT NULL,
  outcome    TEXT NOT NULL,
  PRIMARY KEY (bundle_id, direction)
) WITHOUT ROWID;

-- The (HLC, origin) of the change that last wrote each field: last-writer-wins per field. Kept by a
-- trigger on change_log, so local writes and received changes keep it alike, and filled from the log now.
CREATE TABLE field_clock (
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  field      TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  origin     TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;

INSERT INTO field_clock (entity, entity_id, field, hlc, origin)
SELECT change_log.entity, change_log.entity_id, field.key, change_log.hlc, change_log.origin
FROM change_log, json_each(change_log.data) AS field
WHERE true
ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
WHERE (excluded.hlc, excluded.origin) > (field_clock.hlc, field_clock.origin);

CREATE TRIGGER change_log_field_clock AFTER INSERT ON change_log BEGIN
  INSERT INTO field_clock (entity, entity_id, field, hlc, origin)
  SELECT new.entity, new.entity_id, field.key, new.hlc, new.origin FROM json_each(new.data) AS field
  WHERE true
  ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
  WHERE (excluded.hlc, excluded.origin) > (field_clock.hlc, field_clock.origin);
END;
