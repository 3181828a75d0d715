-- Login throttling that survives a restart, and no secrets in the change log (DESIGN §6).

-- Failed log-in and unlock attempts per login, so closing and reopening the app does not reset the wait.
-- Local to this PC: not replicated, never in the change log. An existing login is keyed by its operator id;
-- a name that matches no login only by a short bucket of its SHA-256, so a password typed into the name
-- field by mistake is never kept.
CREATE TABLE login_throttle (
  login_key      TEXT PRIMARY KEY,
  failures       INTEGER NOT NULL CHECK (failures >= 0),
  -- ISO time before which no attempt is checked; null while fewer than five attempts failed.
  blocked_until  TEXT
) WITHOUT ROWID;

-- Earlier versions copied operator.password_hash into the change log. Remove it; the connection runs with
-- secure_delete on and the VACUUM after commit rebuilds the file, so old hashes linger in no free page or WAL.
-- @vacuum-after-commit
UPDATE change_log
   SET data = json_remove(data, '$.password_hash')
 WHERE entity = 'operator' AND json_valid(data) AND json_type(data, '$.password_hash') IS NOT NULL;
UPDATE audit_log
   SET "after" = json_set("after", '$.password_hash', '[protected]')
 WHERE json_valid("after") AND json_type("after", '$.password_hash') = 'text'
   AND json_extract("after", '$.password_hash') <> '[protected]';
UPDATE audit_log
   SET "before" = json_set("before", '$.password_hash', '[protected]')
 WHERE json_valid("before") AND json_type("before", '$.password_hash') = 'text'
   AND json_extract("before", '$.password_hash') <> '[protected]';
