-- Statewide Aadhaar duplicates (DESIGN §3): for each household head and beneficiary whose office sealed an
-- Aadhaar number, the full-length keyed hash of that number — never the number, never the sealed value.
-- The hash key lives outside the database (src-main/hub/duplicates/README.md), so this table alone gives
-- nobody a way to test guesses.
CREATE TABLE aadhaar_index (
  entity        text NOT NULL CHECK (entity IN ('household', 'beneficiary')),
  entity_id     text NOT NULL,
  -- HMAC-SHA256(hash key, 12 digits) in hex; null once the record's Aadhaar was removed or cannot be
  -- opened, so that an older change arriving late cannot bring a replaced number back.
  hash          text CHECK (hash ~ '^[0-9a-f]{64}$'),
  household_id  text NOT NULL,
  -- The office that owns the record (registered it); only it may change the record's Aadhaar.
  office_code   text NOT NULL CHECK (office_code ~ '^[0-9]{4}$'),
  mts_id        text CHECK (mts_id ~ '^[0-9]{16}$'),
  -- The change whose value this row holds: last writer wins by (hlc, origin), as for every field.
  hlc           text NOT NULL,
  origin        text COLLATE "C" NOT NULL,
  PRIMARY KEY (entity, entity_id),
  CHECK (entity = 'beneficiary' OR mts_id IS NULL)
);
CREATE INDEX aadhaar_index_hash ON aadhaar_index (hash) WHERE hash IS NOT NULL;

-- Pairs of records already reported as possible duplicates, so a pair is never notified twice (re-imports,
-- re-sent changes, a number edited away and back). The first side sorts before the second, bytewise.
CREATE TABLE aadhaar_duplicate_pair (
  first_entity      text COLLATE "C" NOT NULL,
  first_entity_id   text COLLATE "C" NOT NULL,
  second_entity     text COLLATE "C" NOT NULL,
  second_entity_id  text COLLATE "C" NOT NULL,
  found_at          timestamptz NOT NULL,
  PRIMARY KEY (first_entity, first_entity_id, second_entity, second_entity_id),
  CHECK ((first_entity, first_entity_id) < (second_entity, second_entity_id))
);
