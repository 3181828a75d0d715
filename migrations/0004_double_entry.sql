-- Double-entry verification, as CSPro and EpiData do it: a form keyed by one operator stays unverified until
-- a second operator keys it again blind; differences are resolved field by field by a supervisor.
-- Local workflow state of this office's keying (not replicated): the records themselves sync as usual.

CREATE TABLE form_verification (
  household_id     TEXT PRIMARY KEY REFERENCES household (id),
  status           TEXT NOT NULL CHECK (status IN ('unverified', 'mismatch', 'verified')),
  first_operator   TEXT NOT NULL REFERENCES operator (id),
  -- Field → value as keyed; Aadhaar only as its keyed hash, never the number.
  first_entry      TEXT NOT NULL,
  member_ids       TEXT NOT NULL,
  second_operator  TEXT REFERENCES operator (id),
  second_entry     TEXT,
  fields_compared  INTEGER,
  created_at       TEXT NOT NULL,
  verified_at      TEXT,
  verified_by      TEXT REFERENCES operator (id)
);
CREATE INDEX form_verification_status ON form_verification (status);

-- One row per field an operator keyed wrongly, as decided when a mismatch was resolved.
CREATE TABLE keying_error (
  id            TEXT PRIMARY KEY,
  household_id  TEXT NOT NULL REFERENCES household (id),
  operator_id   TEXT NOT NULL REFERENCES operator (id),
  field         TEXT NOT NULL,
  at            TEXT NOT NULL
);
CREATE INDEX keying_error_operator ON keying_error (operator_id);
