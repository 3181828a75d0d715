-- Keeping the beneficiary name index (FTS5, migration 0002) row by row cost about as much as writing the
-- rows themselves during an import of 100,000 changes; rebuilding it once after the batch costs a few
-- per cent of that. While a row exists here (only inside an import transaction, store/received.ts
-- `deferNameSearch`), the three triggers leave the index alone; the import rebuilds it before committing,
-- so outside a transaction the table is always empty and the index always matches the rows.
CREATE TABLE name_search_deferred (
  id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER beneficiary_search_insert;
DROP TRIGGER beneficiary_search_delete;
DROP TRIGGER beneficiary_search_update;

CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiary
WHEN NOT EXISTS (SELECT 1 FROM name_search_deferred) BEGIN
  INSERT INTO beneficiary_search (rowid, name_key) VALUES (new.rowid, new.name_key);
END;
CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiary
WHEN NOT EXISTS (SELECT 1 FROM name_search_deferred) BEGIN
  INSERT INTO beneficiary_search (beneficiary_search, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
END;
CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF name_key ON beneficiary
WHEN NOT EXISTS (SELECT 1 FROM name_search_deferred) BEGIN
  INSERT INTO beneficiary_search (beneficiary_search, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
  INSERT INTO beneficiary_search (rowid, name_key) VALUES (new.rowid, new.name_key);
END;
