-- Fewer index entries written per imported change (issue 10). Never edit this file once released: add
-- 0008_….sql instead.
--
-- record_household is only ever looked up by its record (entity, entity_id: the primary key) and, for
-- records waiting for their beneficiary, by beneficiary (record_household_waiting). Nothing reads it by
-- household, so that index only cost one entry per record the hub learns of.
DROP INDEX record_household_household;
