-- Half-keyed forms kept as they are typed, so navigation, a reload or the idle lock loses no work.
-- Local to this PC and to one operator: never replicated, never in the change log, no audit row per
-- keystroke. The payload is the screen's form as JSON with a version number; it never holds an Aadhaar
-- number (DESIGN §3): the Aadhaar field is dropped before it is written and typed again on reopening.
CREATE TABLE draft (
  id           TEXT PRIMARY KEY,
  operator_id  TEXT NOT NULL REFERENCES operator (id),
  -- 'add-member' is the next form to keep drafts (a member added to a registered household).
  kind         TEXT NOT NULL CHECK (kind IN ('registration', 'add-member')),
  payload      TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE INDEX draft_by_operator ON draft (operator_id, kind, updated_at);
