-- The hub routes: it sends each office only the changes about the households that concern it, so the
-- counters an office receives from one origin are no longer dense. A bundle's header range now says what
-- it *covers* (every change of the range meant for this office is in it), and this office's progress per
-- origin is the covered mark kept in sync_applied. A range that starts beyond that mark waits here, with
-- its changes in sync_held, until the bundle that closes the gap arrives.
CREATE TABLE sync_held_range (
  origin        TEXT NOT NULL,
  from_counter  INTEGER NOT NULL CHECK (from_counter >= 1),
  to_counter    INTEGER NOT NULL CHECK (to_counter >= from_counter),
  PRIMARY KEY (origin, from_counter)
) WITHOUT ROWID;
-- Changes held under 0008 were dense: each covers itself.
INSERT INTO sync_held_range (origin, from_counter, to_counter) SELECT origin, counter, counter FROM sync_held;

-- Signing keys the hub revoked, as learned from its bundles. A bundle signed with one is refused; when
-- it is this office's own key, exports stop until the office enrols again.
CREATE TABLE sync_revocation (
  key_id       TEXT NOT NULL PRIMARY KEY CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
  office       TEXT NOT NULL,
  revoked_at   TEXT NOT NULL,
  received_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Identity fields (names, sex, date of birth, Aadhaar, relation) are written only by the household's
-- owner office (DESIGN §6 rule 3). An edit made elsewhere arrives here as a proposal for the owner's
-- supervisor to accept (written again as our own change) or reject (our value written again, so every
-- copy returns to it). Local to the owner; the decision travels as the owner's own change.
CREATE TABLE correction (
  id              INTEGER PRIMARY KEY,
  origin          TEXT NOT NULL,
  counter         INTEGER NOT NULL,
  hlc             TEXT NOT NULL,
  entity          TEXT NOT NULL CHECK (entity IN ('household', 'beneficiary')),
  entity_id       TEXT NOT NULL,
  household_id    TEXT NOT NULL,
  field           TEXT NOT NULL,
  proposed_value  TEXT,                -- JSON of the proposed value
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'superseded')),
  decided_at      TEXT,
  decided_by      TEXT,
  UNIQUE (origin, counter, field)
);
CREATE INDEX correction_pending ON correction (status, household_id);

-- Records only the hub writes (DESIGN §6 rule 4), arriving as changes of origin hub-NNN. Their parents may
-- arrive in the same bundle or later, so they carry no foreign keys.
-- Where a household's records go: its owner (the registering office) and the office of the block it is
-- going to or staying in. A family announced for this block with another owner is "incoming" here.
CREATE TABLE household_route (
  household_id        TEXT PRIMARY KEY,
  owner_office        TEXT NOT NULL,
  destination_office  TEXT,
  routed_by_hand      INTEGER NOT NULL DEFAULT 0 CHECK (routed_by_hand IN (0, 1)),
  updated_hlc         TEXT NOT NULL
);
CREATE INDEX household_route_destination ON household_route (destination_office);

-- "Possible duplicate": the hub found the same Aadhaar number on a record of this office (entity,
-- entity_id) and on another record, possibly in another office. Only the other side's ids travel.
CREATE TABLE duplicate_notice (
  id                  TEXT PRIMARY KEY,
  household_id        TEXT NOT NULL,
  entity              TEXT NOT NULL CHECK (entity IN ('household', 'beneficiary')),
  entity_id           TEXT NOT NULL,
  other_office        TEXT NOT NULL,
  other_household_id  TEXT NOT NULL,
  other_entity        TEXT NOT NULL CHECK (other_entity IN ('household', 'beneficiary')),
  other_entity_id     TEXT NOT NULL,
  other_mts_id        TEXT,
  found_at            TEXT NOT NULL,
  updated_hlc         TEXT NOT NULL
);
CREATE INDEX duplicate_notice_household ON duplicate_notice (household_id);

-- The hub's answers to this office's enrolment requests: the certificate it issued (public) and the
-- series it granted. The newest row is the current enrolment.
CREATE TABLE sync_enrolment (
  bundle_id    TEXT PRIMARY KEY,
  certificate  TEXT NOT NULL,
  key_id       TEXT NOT NULL,
  hub_key_id   TEXT NOT NULL,
  series       INTEGER NOT NULL,
  enrolled_at  TEXT NOT NULL
) WITHOUT ROWID;
