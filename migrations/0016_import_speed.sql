-- Fewer index entries written per record (issue 10: importing a bundle of 100,000 changes). Each index
-- dropped here is the first columns of a covering index of migration 0015 over every row (not a partial
-- one), which serves the same lookups: by Anganwadi, a household's members, a household's trips.
DROP INDEX household_awc;
DROP INDEX beneficiary_household;
DROP INDEX migration_household;
