-- Reports (issue 12) read whole periods of the office at once. These partial, covering indexes let each
-- report read a compact index in date order instead of every wide row of the table (names, sealed Aadhaar,
-- search keys): on 100,000 beneficiaries that is the difference between seconds and a fraction of one.
-- No new table, no new column: MGNREGA job cards are the household's existing job_card (migration 0001).
CREATE INDEX beneficiary_report ON beneficiary (created_at, household_id, sex, dob, lmp_date, delivery_date) WHERE status = 'active';
CREATE INDEX household_report ON household (id, awc_code) WHERE status = 'active';
CREATE INDEX measurement_report ON measurement (measured_on, beneficiary_id, created_at, weight_kg, length_cm, measure, muac_mm, oedema) WHERE voided = 0;
CREATE INDEX migration_event_report ON migration_event (event, event_date, household_id, migration_id) WHERE voided = 0;
CREATE INDEX service_report ON service (given_on, beneficiary_id, service) WHERE voided = 0;
