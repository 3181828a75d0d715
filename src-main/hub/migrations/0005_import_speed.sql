-- Fewer index entries written per imported change (issue 10: a bundle of 100,000 changes). Never edit
-- this file once released: add 0006_….sql instead.

-- The import now finds the changes a bundle brought in a temporary table of that bundle (no index, no
-- write-ahead log) instead of looking them up here by bundle_id: nothing else reads this index.
DROP INDEX change_bundle;

-- The links were stored twice, under (origin, counter, household_id) and (household_id, origin, counter),
-- and only the second order is ever read (a household's changes, for export). One index keeps both the
-- uniqueness and the lookup.
DROP INDEX change_household_household;
ALTER TABLE change_household DROP CONSTRAINT change_household_pkey;
ALTER TABLE change_household ADD PRIMARY KEY (household_id, origin, counter);
