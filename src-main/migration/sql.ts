import { sql, type RawBuilder } from 'kysely';

/**
 * The status of a household's latest trip in SQL, for filters over many households (search): the kind of its
 * latest non-voided event in the order status.ts reads them (date, course of a trip, when recorded), or
 * `planned` without events; null for a household without a trip. Agrees with tripStatus().status.
 */
export function latestTripStatusSql(householdIdColumn: string): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT coalesce((
      SELECT e.event FROM migration_event AS e
      WHERE e.migration_id = t.id AND e.voided = 0
      ORDER BY e.event_date DESC,
        CASE e.event WHEN 'departed' THEN 0 WHEN 'arrived' THEN 1 WHEN 'moved' THEN 2 WHEN 'not-found' THEN 3 ELSE 4 END DESC,
        e.created_at DESC, e.updated_hlc DESC, e.id DESC
      LIMIT 1), 'planned')
    FROM (
      SELECT m.id FROM migration AS m WHERE m.household_id = ${sql.ref(householdIdColumn)}
      ORDER BY m.departure_date DESC, m.created_at DESC, m.id DESC LIMIT 1) AS t)`;
}
