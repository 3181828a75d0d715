-- First schema: the office, its operators and Anganwadi centres, households and beneficiaries,
-- plus the audit log and the change log that sync bundles are built from.
-- Record ids are random UUIDs (never autoincrement) so rows created in different offices never collide.

CREATE TABLE office (
  code          TEXT PRIMARY KEY CHECK (code GLOB '[0-9][0-9][0-9][0-9]' AND code <> '0000'),
  district_lgd  INTEGER NOT NULL,
  block_name    TEXT NOT NULL,
  name_mr       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_hlc   TEXT NOT NULL
);

-- One row per installation or restore of this office's database. The newest row is the current one: its
-- series numbers the MTS IDs issued here and names this database as an origin in the change log.
CREATE TABLE installation (
  series       INTEGER PRIMARY KEY CHECK (series BETWEEN 1 AND 999),
  opened_at    TEXT NOT NULL,
  reason       TEXT NOT NULL CHECK (reason IN ('setup', 'restore', 're-enrolment')),
  next_serial  INTEGER NOT NULL DEFAULT 1,
  updated_hlc  TEXT NOT NULL
);

CREATE TABLE operator (
  id                    TEXT PRIMARY KEY,
  username              TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name             TEXT NOT NULL,
  role                  TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'admin')),
  password_hash         TEXT NOT NULL,
  language              TEXT NOT NULL DEFAULT 'mr' CHECK (language IN ('mr', 'en')),
  active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  must_change_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at            TEXT NOT NULL,
  updated_hlc           TEXT NOT NULL
);

CREATE TABLE awc (
  code           TEXT PRIMARY KEY,
  name_mr        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  village        TEXT NOT NULL,
  sector         TEXT NOT NULL,
  worker_name    TEXT,
  worker_mobile  TEXT,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_hlc    TEXT NOT NULL
);

CREATE TABLE household (
  id                   TEXT PRIMARY KEY,
  awc_code             TEXT NOT NULL REFERENCES awc (code),
  head_name_mr         TEXT NOT NULL,
  head_name_en         TEXT NOT NULL,
  mobile               TEXT,
  village              TEXT NOT NULL,
  social_category      TEXT NOT NULL,
  -- Aadhaar of the head as DESIGN.md 3 allows: last four digits, keyed hash, sealed number. Never the number.
  head_aadhaar_last4   TEXT CHECK (head_aadhaar_last4 GLOB '[0-9][0-9][0-9][0-9]'),
  head_aadhaar_hash    TEXT,
  head_aadhaar_sealed  TEXT,
  pan                  TEXT,
  ration_card          TEXT,
  voter_id             TEXT,
  job_card             TEXT,
  status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  status_reason        TEXT,
  created_at           TEXT NOT NULL,
  created_by           TEXT REFERENCES operator (id),
  updated_hlc          TEXT NOT NULL
);
CREATE INDEX household_awc ON household (awc_code);
CREATE INDEX household_mobile ON household (mobile) WHERE mobile IS NOT NULL;
CREATE INDEX household_aadhaar_hash ON household (head_aadhaar_hash) WHERE head_aadhaar_hash IS NOT NULL;

CREATE TABLE beneficiary (
  id               TEXT PRIMARY KEY,
  household_id     TEXT NOT NULL REFERENCES household (id),
  mts_id           TEXT NOT NULL UNIQUE CHECK (length(mts_id) = 16),
  name_mr          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  sex              TEXT NOT NULL CHECK (sex IN ('f', 'm', 'o')),
  dob              TEXT NOT NULL,
  dob_estimated    INTEGER NOT NULL DEFAULT 0 CHECK (dob_estimated IN (0, 1)),
  relation         TEXT NOT NULL,
  lmp_date         TEXT,
  delivery_date    TEXT,
  aadhaar_last4    TEXT CHECK (aadhaar_last4 GLOB '[0-9][0-9][0-9][0-9]'),
  aadhaar_hash     TEXT,
  aadhaar_sealed   TEXT,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  status_reason    TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT REFERENCES operator (id),
  updated_hlc      TEXT NOT NULL
);
CREATE INDEX beneficiary_household ON beneficiary (household_id);
CREATE INDEX beneficiary_aadhaar_hash ON beneficiary (aadhaar_hash) WHERE aadhaar_hash IS NOT NULL;

-- Growth measurements are append-only: a wrong entry is voided with a reason, never overwritten.
CREATE TABLE measurement (
  id              TEXT PRIMARY KEY,
  beneficiary_id  TEXT NOT NULL REFERENCES beneficiary (id),
  measured_on     TEXT NOT NULL,
  weight_kg       REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0.5 AND 150),
  length_cm       REAL CHECK (length_cm IS NULL OR length_cm BETWEEN 35 AND 200),
  measure         TEXT CHECK (measure IN ('l', 'h')),
  muac_mm         INTEGER CHECK (muac_mm IS NULL OR muac_mm BETWEEN 50 AND 400),
  oedema          INTEGER NOT NULL DEFAULT 0 CHECK (oedema IN (0, 1)),
  voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason     TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES operator (id),
  updated_hlc     TEXT NOT NULL
);
CREATE INDEX measurement_beneficiary ON measurement (beneficiary_id, measured_on);

-- A seasonal trip of a household: planned → departed → arrived → returned (or not-found at destination).
CREATE TABLE migration (
  id                        TEXT PRIMARY KEY,
  household_id              TEXT NOT NULL REFERENCES household (id),
  departure_date            TEXT NOT NULL,
  destination_state         TEXT NOT NULL,
  destination_district_lgd  INTEGER,
  destination_block         TEXT,
  destination_place         TEXT,
  work_sector               TEXT NOT NULL CHECK (work_sector IN ('sugarcane_cutting', 'sugar_factory', 'brick_kiln',
                              'construction', 'stone_crushing', 'agricultural_labour', 'other')),
  employer                  TEXT,
  expected_return           TEXT,
  status                    TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'departed', 'arrived', 'returned', 'not_found')),
  status_reason             TEXT,
  created_at                TEXT NOT NULL,
  created_by                TEXT REFERENCES operator (id),
  updated_hlc               TEXT NOT NULL
);
CREATE INDEX migration_household ON migration (household_id, departure_date);
CREATE INDEX migration_status ON migration (status);

CREATE TABLE setting (
  key          TEXT PRIMARY KEY,
  value        TEXT NOT NULL,
  updated_hlc  TEXT NOT NULL
);

-- Who did what and when, with old and new values. Append-only: nothing in the app updates or deletes it.
CREATE TABLE audit_log (
  id           TEXT PRIMARY KEY,
  at           TEXT NOT NULL,
  operator_id  TEXT,
  action       TEXT NOT NULL,
  entity       TEXT,
  entity_id    TEXT,
  before       TEXT,
  after        TEXT,
  reason       TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Every write appends here in its own transaction. (origin, counter) is globally unique: origin names this
-- office and installation series, counter never repeats inside an origin. hlc orders changes across offices.
CREATE TABLE change_log (
  origin     TEXT NOT NULL,
  counter    INTEGER NOT NULL,
  hlc        TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert', 'update')),
  data       TEXT NOT NULL,
  PRIMARY KEY (origin, counter)
) WITHOUT ROWID;
CREATE INDEX change_log_entity ON change_log (entity, entity_id);
CREATE INDEX change_log_hlc ON change_log (hlc);
