-- Reports (issue 12) on 100,000 beneficiaries: every join from a person to their household and Anganwadi
-- used to fetch the wide beneficiary and household rows one by one. These covering indexes let a report walk
-- Anganwadi → household → person → service/event inside compact indexes (the queries fix that order with
-- CROSS JOIN, since without statistics SQLite would otherwise start from the person and look rows up by id).
CREATE INDEX household_awc_report ON household (awc_code, id) WHERE status = 'active';
CREATE INDEX household_awc_all_report ON household (awc_code, id, status);
CREATE INDEX beneficiary_household_report ON beneficiary (household_id, created_at, sex, dob, lmp_date, delivery_date) WHERE status = 'active';
CREATE INDEX beneficiary_household_all_report ON beneficiary (household_id, id, status, sex, dob);
CREATE INDEX service_person_report ON service (beneficiary_id, given_on, service) WHERE voided = 0;
CREATE INDEX migration_event_trip_report ON migration_event (migration_id, event_date, event, created_at, updated_hlc, id) WHERE voided = 0;
CREATE INDEX migration_latest_report ON migration (household_id, departure_date, created_at, id, expected_return);
CREATE INDEX migration_event_household_report ON migration_event (household_id, event, event_date, migration_id, id, reason, awc_code, office_code) WHERE voided = 0;
CREATE INDEX measurement_person_report ON measurement (beneficiary_id, measured_on, created_at, weight_kg, length_cm, measure, muac_mm, oedema) WHERE voided = 0;
