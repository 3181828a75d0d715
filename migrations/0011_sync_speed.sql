-- Field clocks without a row per field of every insert. Most records are written once: a clock row for
-- each of their fields was most of the cost of an import of 100,000 changes, and of the database's size.
-- A record whose only change in change_log is its insert now keeps its clocks implicit: each field of
-- that insert has the insert's (HLC, origin) as its clock (store/received.ts `fieldClocks`). When the
-- record's second change is logged, the first insert's clocks are written out, then the new change's, so
-- from then on field_clock holds every field as before (a second insert of the same record, such as AWC
-- master data sent again, or an update that arrived before its insert, takes that path too).

DROP TRIGGER change_log_field_clock;

CREATE TRIGGER change_log_field_clock AFTER INSERT ON change_log
WHEN new.op <> 'insert'
  OR EXISTS (SELECT 1 FROM change_log AS other
             WHERE other.entity = new.entity AND other.entity_id = new.entity_id
               AND NOT (other.origin = new.origin AND other.counter = new.counter))
BEGIN
  -- The record's first change was an insert with implicit clocks: write them out first.
  INSERT INTO field_clock (entity, entity_id, field, hlc, origin)
  SELECT first.entity, first.entity_id, field.key, first.hlc, first.origin
  FROM change_log AS first, json_each(first.data) AS field
  WHERE first.entity = new.entity AND first.entity_id = new.entity_id AND first.op = 'insert'
    AND NOT (first.origin = new.origin AND first.counter = new.counter)
    AND (SELECT count(*) FROM change_log AS logged WHERE logged.entity = new.entity AND logged.entity_id = new.entity_id) = 2
  ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
  WHERE (excluded.hlc, excluded.origin) > (field_clock.hlc, field_clock.origin);

  INSERT INTO field_clock (entity, entity_id, field, hlc, origin)
  SELECT new.entity, new.entity_id, field.key, new.hlc, new.origin FROM json_each(new.data) AS field
  WHERE true
  ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
  WHERE (excluded.hlc, excluded.origin) > (field_clock.hlc, field_clock.origin);
END;

-- The rows that are now implicit: records whose only change is their insert.
DELETE FROM field_clock
WHERE (entity, entity_id) IN (
  SELECT entity, entity_id FROM change_log GROUP BY entity, entity_id HAVING count(*) = 1 AND max(op) = 'insert');
