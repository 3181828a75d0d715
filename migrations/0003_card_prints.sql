-- Print log (DESIGN.md 2, "Card"): one row per print job and one per migration card printed in it.
-- Append-only office records: nothing in the app updates or deletes them, and they replicate like the
-- other records, so the state sees which cards are in circulation.

CREATE TABLE print_job (
  id            TEXT PRIMARY KEY,
  printed_at    TEXT NOT NULL,
  printed_by    TEXT REFERENCES operator (id),
  layout        TEXT NOT NULL CHECK (layout IN ('a4-sheet', 'cr80', 'family-sheet', 'blank-form', 'filled-form')),
  -- Required by the app for a reprint; free text the supervisor reads in the history.
  reason        TEXT,
  -- Cards in the job; for family sheets and filled forms the members listed; 1 for a blank form.
  count         INTEGER NOT NULL CHECK (count >= 0),
  -- The household of a family sheet or filled form; null for cards and blank forms.
  household_id  TEXT REFERENCES household (id),
  updated_hlc   TEXT NOT NULL
);
CREATE INDEX print_job_printed_at ON print_job (printed_at);

-- Card version = earlier prints of the same beneficiary + 1. Not UNIQUE: two offices may print the same
-- beneficiary's card before their bundles meet, and append-only records merge by union.
CREATE TABLE card_print (
  id              TEXT PRIMARY KEY,
  job_id          TEXT NOT NULL REFERENCES print_job (id),
  beneficiary_id  TEXT NOT NULL REFERENCES beneficiary (id),
  version         INTEGER NOT NULL CHECK (version >= 1),
  updated_hlc     TEXT NOT NULL
);
CREATE INDEX card_print_beneficiary ON card_print (beneficiary_id, version);
CREATE INDEX card_print_job ON card_print (job_id);
