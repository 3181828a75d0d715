-- The migration itself and the services given on the way (issue 11).
--
-- A trip (table migration) is the plan; what happened on it is a list of append-only events recorded at
-- whichever office saw it. A trip's status is never stored: it is rebuilt from its events sorted by date,
-- so an event that reaches this office late or out of order (a return synced before the arrival) still
-- gives the right answer. migration.status stays for databases written before this migration and is no
-- longer written.
--
-- New records name their parents by foreign key so a received event or service whose trip or
-- beneficiary is still on its way waits in the change log (store/received.ts). AWC codes of events and
-- services are another office's AWCs as often as ours, so they carry no foreign key.

-- Members who stay home during this trip (JSON array of beneficiary ids); everyone else goes along.
ALTER TABLE migration ADD COLUMN staying_home TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(staying_home) AND json_type(staying_home) = 'array');
-- The office where the trip was planned (the household's office at the time).
ALTER TABLE migration ADD COLUMN office_code TEXT;

CREATE TABLE migration_event (
  id                        TEXT PRIMARY KEY,
  migration_id              TEXT NOT NULL REFERENCES migration (id),
  household_id              TEXT NOT NULL REFERENCES household (id),
  event                     TEXT NOT NULL CHECK (event IN ('departed', 'arrived', 'moved', 'returned', 'not-found')),
  event_date                TEXT NOT NULL CHECK (event_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  -- Where the family is after this event (arrived / moved): same shape as the trip's destination.
  destination_state         TEXT,
  destination_district_lgd  INTEGER,
  destination_block         TEXT,
  destination_place         TEXT,
  -- The Anganwadi that serves the family at the destination (arrived / moved), at the recording office.
  awc_code                  TEXT,
  -- not-found: not-at-worksite | moved-unknown | refused | other; moved: left (destination unknown) or null.
  reason                    TEXT,
  note                      TEXT,
  office_code               TEXT NOT NULL,
  voided                    INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason               TEXT,
  created_at                TEXT NOT NULL,
  created_by                TEXT REFERENCES operator (id),
  updated_hlc               TEXT NOT NULL
);
CREATE INDEX migration_event_trip ON migration_event (migration_id, event_date);
CREATE INDEX migration_event_household ON migration_event (household_id);

-- Services given: doses of the immunisation schedule and ICDS/NHM services. Append-only; a wrong entry is
-- voided with a reason, never changed or deleted.
CREATE TABLE service (
  id              TEXT PRIMARY KEY,
  beneficiary_id  TEXT NOT NULL REFERENCES beneficiary (id),
  -- A code as printed on the MCP card (BCG, OPV-0, Penta-1, …, Td-B) or THR, HCM, ANC, IFA, CALCIUM,
  -- DEWORMING, VITA, CHECKUP, REFERRAL.
  service         TEXT NOT NULL CHECK (length(service) BETWEEN 2 AND 16),
  given_on        TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  source          TEXT NOT NULL CHECK (source IN ('given', 'mcp-card', 'reported')),
  place           TEXT NOT NULL CHECK (place IN ('office', 'awc', 'elsewhere')),
  awc_code        TEXT,
  office_code     TEXT NOT NULL,
  -- THR: packets or months; HCM: days in the month; IFA/CALCIUM: tablets.
  quantity        REAL CHECK (quantity IS NULL OR quantity BETWEEN 0 AND 1000),
  -- THR / HCM: the month the entitlement is for (YYYY-MM).
  for_month       TEXT CHECK (for_month IS NULL OR for_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  -- REFERRAL: sam-nrc | sam-ctc | high-risk-pregnancy | other.
  detail          TEXT,
  note            TEXT,
  voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason     TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES operator (id),
  updated_hlc     TEXT NOT NULL
);
CREATE INDEX service_beneficiary ON service (beneficiary_id, given_on);
CREATE INDEX service_code_date ON service (service, given_on);

-- RCH ID (Reproductive and Child Health portal) for pregnant and lactating women and children.
ALTER TABLE beneficiary ADD COLUMN rch_id TEXT CHECK (rch_id IS NULL OR rch_id GLOB '[0-9]*' AND length(rch_id) BETWEEN 10 AND 15);
-- A member who died or left the household is kept (history, cards) and marked, never deleted.
ALTER TABLE beneficiary ADD COLUMN exit_reason TEXT CHECK (exit_reason IS NULL OR exit_reason IN ('died', 'left'));
ALTER TABLE beneficiary ADD COLUMN exit_date TEXT;
-- A newborn added after registration: birth weight and place of delivery from the MCP card.
ALTER TABLE beneficiary ADD COLUMN birth_weight_kg REAL CHECK (birth_weight_kg IS NULL OR birth_weight_kg BETWEEN 0.3 AND 7);
ALTER TABLE beneficiary ADD COLUMN birth_place TEXT CHECK (birth_place IS NULL OR birth_place IN ('institution', 'home', 'other'));
ALTER TABLE beneficiary ADD COLUMN mother_id TEXT REFERENCES beneficiary (id);
