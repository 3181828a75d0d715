-- Registration: phonetic name keys and a full-text index for search as you type, the state key file,
-- and indexes for the duplicate checks (same Aadhaar hash, same mobile, same name in the same village).

-- Space-separated phonetic keys of both spellings of the name: equal for spelling variants in either script.
ALTER TABLE beneficiary ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE household ADD COLUMN head_name_key TEXT NOT NULL DEFAULT '';

CREATE INDEX beneficiary_aadhaar_last4 ON beneficiary (aadhaar_last4) WHERE aadhaar_last4 IS NOT NULL;
CREATE INDEX household_aadhaar_last4 ON household (head_aadhaar_last4) WHERE head_aadhaar_last4 IS NOT NULL;
CREATE INDEX beneficiary_dob ON beneficiary (dob);

-- Derived from beneficiary.name_key by the triggers below; never written by the app directly.
CREATE VIRTUAL TABLE beneficiary_search USING fts5 (name_key, content = 'beneficiary', content_rowid = 'rowid');

CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiary BEGIN
  INSERT INTO beneficiary_search (rowid, name_key) VALUES (new.rowid, new.name_key);
END;
CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiary BEGIN
  INSERT INTO beneficiary_search (beneficiary_search, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
END;
CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF name_key ON beneficiary BEGIN
  INSERT INTO beneficiary_search (beneficiary_search, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
  INSERT INTO beneficiary_search (rowid, name_key) VALUES (new.rowid, new.name_key);
END;

-- The state key file imported by the administrator (DESIGN.md 3). Local to this PC: not replicated.
CREATE TABLE state_key (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  file             TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  issued_at        TEXT NOT NULL,
  imported_at      TEXT NOT NULL,
  imported_by      TEXT REFERENCES operator (id)
);
