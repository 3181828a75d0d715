-- Issue 9: no full-length keyed hash of Aadhaar may stay on the block PC (DESIGN.md 3). The state's dedup key
-- sits in the same file, and with the last 4 digits and the check digit a full HMAC leaves one candidate
-- number among about 8 million: a laptop finds it in seconds. The office keeps only a 16-bit bucket (the
-- HMAC's first two bytes, 4 hex digits), which leaves about 122 numbers per record (identity/README.md).
-- Here every copy of the old hash is cut to its bucket: the two columns, the change log, the audit trail
-- and the double-entry snapshots. The runner then VACUUMs and empties the WAL, so no freed page keeps it.
-- @vacuum-after-commit

DROP INDEX household_aadhaar_hash;
DROP INDEX beneficiary_aadhaar_hash;

ALTER TABLE household RENAME COLUMN head_aadhaar_hash TO head_aadhaar_bucket;
ALTER TABLE beneficiary RENAME COLUMN aadhaar_hash TO aadhaar_bucket;

-- The first 4 hex digits of the old HMAC are exactly the bucket the app now computes; anything else is dropped.
UPDATE household
SET head_aadhaar_bucket = CASE WHEN lower(substr(head_aadhaar_bucket, 1, 4)) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
                               THEN lower(substr(head_aadhaar_bucket, 1, 4)) END
WHERE head_aadhaar_bucket IS NOT NULL;
UPDATE beneficiary
SET aadhaar_bucket = CASE WHEN lower(substr(aadhaar_bucket, 1, 4)) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
                          THEN lower(substr(aadhaar_bucket, 1, 4)) END
WHERE aadhaar_bucket IS NOT NULL;

-- Duplicate warnings look up "same last 4 and same bucket".
CREATE INDEX household_aadhaar_bucket ON household (head_aadhaar_last4, head_aadhaar_bucket) WHERE head_aadhaar_bucket IS NOT NULL;
CREATE INDEX beneficiary_aadhaar_bucket ON beneficiary (aadhaar_last4, aadhaar_bucket) WHERE aadhaar_bucket IS NOT NULL;

-- A table CHECK cannot be added without rebuilding the table; these refuse a longer value just the same.
CREATE TRIGGER household_aadhaar_bucket_insert BEFORE INSERT ON household
WHEN new.head_aadhaar_bucket IS NOT NULL AND NOT (length(new.head_aadhaar_bucket) = 4 AND new.head_aadhaar_bucket GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
BEGIN SELECT RAISE(ABORT, 'head_aadhaar_bucket must be 4 lower-case hex digits'); END;
CREATE TRIGGER household_aadhaar_bucket_update BEFORE UPDATE OF head_aadhaar_bucket ON household
WHEN new.head_aadhaar_bucket IS NOT NULL AND NOT (length(new.head_aadhaar_bucket) = 4 AND new.head_aadhaar_bucket GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
BEGIN SELECT RAISE(ABORT, 'head_aadhaar_bucket must be 4 lower-case hex digits'); END;
CREATE TRIGGER beneficiary_aadhaar_bucket_insert BEFORE INSERT ON beneficiary
WHEN new.aadhaar_bucket IS NOT NULL AND NOT (length(new.aadhaar_bucket) = 4 AND new.aadhaar_bucket GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
BEGIN SELECT RAISE(ABORT, 'aadhaar_bucket must be 4 lower-case hex digits'); END;
CREATE TRIGGER beneficiary_aadhaar_bucket_update BEFORE UPDATE OF aadhaar_bucket ON beneficiary
WHEN new.aadhaar_bucket IS NOT NULL AND NOT (length(new.aadhaar_bucket) = 4 AND new.aadhaar_bucket GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
BEGIN SELECT RAISE(ABORT, 'aadhaar_bucket must be 4 lower-case hex digits'); END;

-- Change log: each household or beneficiary row as written, under the new key names.
UPDATE change_log
SET data = json_remove(
  json_set(data, '$.head_aadhaar_bucket',
    CASE WHEN lower(substr(json_extract(data, '$.head_aadhaar_hash'), 1, 4)) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
         THEN lower(substr(json_extract(data, '$.head_aadhaar_hash'), 1, 4)) END),
  '$.head_aadhaar_hash')
WHERE data LIKE '%"head_aadhaar_hash"%' AND json_valid(data) AND json_type(data, '$.head_aadhaar_hash') IS NOT NULL;
UPDATE change_log
SET data = json_remove(
  json_set(data, '$.aadhaar_bucket',
    CASE WHEN lower(substr(json_extract(data, '$.aadhaar_hash'), 1, 4)) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
         THEN lower(substr(json_extract(data, '$.aadhaar_hash'), 1, 4)) END),
  '$.aadhaar_hash')
WHERE data LIKE '%"aadhaar_hash"%' AND json_valid(data) AND json_type(data, '$.aadhaar_hash') IS NOT NULL;

-- Audit trail: the app always wrote these fields as '[protected]' (or null); whatever a row holds, it is
-- kept only as that, under the new key names.
UPDATE audit_log
SET before = json_remove(json_set(before, '$.head_aadhaar_bucket',
               CASE WHEN json_type(before, '$.head_aadhaar_hash') = 'null' THEN NULL ELSE '[protected]' END), '$.head_aadhaar_hash')
WHERE before LIKE '%"head_aadhaar_hash"%' AND json_valid(before) AND json_type(before, '$.head_aadhaar_hash') IS NOT NULL;
UPDATE audit_log
SET after = json_remove(json_set(after, '$.head_aadhaar_bucket',
              CASE WHEN json_type(after, '$.head_aadhaar_hash') = 'null' THEN NULL ELSE '[protected]' END), '$.head_aadhaar_hash')
WHERE after LIKE '%"head_aadhaar_hash"%' AND json_valid(after) AND json_type(after, '$.head_aadhaar_hash') IS NOT NULL;
UPDATE audit_log
SET before = json_remove(json_set(before, '$.aadhaar_bucket',
               CASE WHEN json_type(before, '$.aadhaar_hash') = 'null' THEN NULL ELSE '[protected]' END), '$.aadhaar_hash')
WHERE before LIKE '%"aadhaar_hash"%' AND json_valid(before) AND json_type(before, '$.aadhaar_hash') IS NOT NULL;
UPDATE audit_log
SET after = json_remove(json_set(after, '$.aadhaar_bucket',
              CASE WHEN json_type(after, '$.aadhaar_hash') = 'null' THEN NULL ELSE '[protected]' END), '$.aadhaar_hash')
WHERE after LIKE '%"aadhaar_hash"%' AND json_valid(after) AND json_type(after, '$.aadhaar_hash') IS NOT NULL;

-- Double-entry snapshots keep Aadhaar as 'last4:1234;hash:<64 hex>'; now 'last4:1234;bucket:<4 hex>'.
UPDATE form_verification
SET first_entry = (
  SELECT json_group_object(key,
    CASE WHEN type = 'text' AND value GLOB 'last4:[0-9][0-9][0-9][0-9];hash:*'
           THEN substr(value, 1, 10) || ';bucket:' || lower(substr(value, 17, 4))
         WHEN type IN ('object', 'array') THEN json(value)
         ELSE value END)
  FROM json_each(form_verification.first_entry))
WHERE first_entry LIKE '%;hash:%' AND json_valid(first_entry);
UPDATE form_verification
SET second_entry = (
  SELECT json_group_object(key,
    CASE WHEN type = 'text' AND value GLOB 'last4:[0-9][0-9][0-9][0-9];hash:*'
           THEN substr(value, 1, 10) || ';bucket:' || lower(substr(value, 17, 4))
         WHEN type IN ('object', 'array') THEN json(value)
         ELSE value END)
  FROM json_each(form_verification.second_entry))
WHERE second_entry LIKE '%;hash:%' AND json_valid(second_entry);
