-- Fewer index entries written per imported change (issue 10): the index on change (entity, entity_id)
-- took a long key for every change of every record. Never edit this file once released: add 0007_….sql.
--
-- A household's trips and trip events are read through change_household (their household) instead.
-- Only these lookups of one record's changes remain, each on a small share of the changes:
--   household       routing folds the household record (owner, Anganwadi);
--   beneficiary     the Aadhaar duplicate check reads a beneficiary's household and MTS ID;
--   awc             an office's Anganwadi master, for its enrolment answer and exports;
--   household_route the hub's route changes, for an office a family no longer comes to.
DROP INDEX change_entity;
CREATE INDEX change_household_record ON change (entity_id) WHERE entity = 'household';
CREATE INDEX change_beneficiary_record ON change (entity_id) WHERE entity = 'beneficiary';
CREATE INDEX change_awc_record ON change (entity_id) WHERE entity = 'awc';
CREATE INDEX change_route_record ON change (entity_id) WHERE entity = 'household_route';
