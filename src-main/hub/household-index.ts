// Which household each change concerns. A change carries only the fields it wrote, so an update of a
// measurement says nothing about its family: the hub keeps, per record, the household it belongs to
// (household itself; beneficiary, trip, trip event and print job by their household_id; measurement,
// service, card print and photo through their beneficiary) and links every change to it. A change whose
// household is not known yet (its record's insert, or the beneficiary, is still on its way) waits in
// unlinked_change and is linked in the import that brings what was missing. All set-based: an import of 100,000 changes is a
// handful of statements.
import { sql } from 'kysely';
import { INCOMING_CHANGES, type HubDatabase } from './store/index.ts';

/** Entities whose records belong to a household. */
export const HOUSEHOLD_ENTITIES = [
  'household',
  'beneficiary',
  'migration',
  'migration_event',
  'print_job',
  'measurement',
  'service',
  'card_print',
  'beneficiary_photo',
] as const;

/** Entities that describe an installation (its office row, operators, settings): they stay at the hub. */
export const INSTALLATION_ENTITIES: readonly string[] = ['office', 'installation', 'operator', 'setting'];

/**
 * Indexes the changes a bundle stored (left in INCOMING_CHANGES by storeBundleChanges), and the earlier
 * changes whose household became known with it. Returns the households whose household, trip or
 * trip-event records changed: the ones to route again.
 */
export async function indexChanges(tx: HubDatabase): Promise<string[]> {
  const entities = sql.join(HOUSEHOLD_ENTITIES.map((entity) => sql`${entity}`));
  const incoming = sql.table(INCOMING_CHANGES);
  await sql`
    INSERT INTO record_household (entity, entity_id, household_id, beneficiary_id)
    SELECT DISTINCT ON (entity, entity_id) entity, entity_id,
           CASE WHEN entity = 'household' THEN entity_id
                WHEN entity IN ('beneficiary', 'migration', 'migration_event', 'print_job') THEN household_ref END,
           CASE WHEN entity IN ('measurement', 'service', 'card_print') THEN beneficiary_ref
                WHEN entity = 'beneficiary_photo' THEN entity_id END
    FROM ${incoming}
    WHERE op = 'insert' AND entity IN (${entities})
    ORDER BY entity, entity_id, hlc COLLATE "C"
    ON CONFLICT (entity, entity_id) DO NOTHING`.execute(tx);

  // Records waiting for their beneficiary, whose beneficiary is now known.
  await sql`
    UPDATE record_household AS waiting
    SET household_id = parent.household_id
    FROM record_household AS parent
    WHERE waiting.household_id IS NULL AND waiting.beneficiary_id IS NOT NULL
      AND parent.entity = 'beneficiary' AND parent.entity_id = waiting.beneficiary_id
      AND parent.household_id IS NOT NULL`.execute(tx);

  // One pass over the bundle's changes: link each to its household, or keep it waiting for the record
  // that names one. Returns the households whose household or trip records changed.
  const fresh = await sql<{ household_id: string }>`
    WITH found AS (
      SELECT c.origin, c.counter, c.entity, c.entity_id, r.entity AS known, r.household_id, r.beneficiary_id
      FROM ${incoming} AS c LEFT JOIN record_household AS r ON r.entity = c.entity AND r.entity_id = c.entity_id
      WHERE c.entity IN (${entities})),
    linked AS (
      INSERT INTO change_household (origin, counter, household_id)
      SELECT origin, counter, household_id FROM found WHERE household_id IS NOT NULL
      ORDER BY household_id, origin, counter
      ON CONFLICT DO NOTHING),
    waiting AS (
      INSERT INTO unlinked_change (origin, counter, entity, entity_id)
      SELECT origin, counter, entity, entity_id FROM found
      -- A known record with neither household nor beneficiary (a print job of many families' cards)
      -- belongs to no household: nothing to wait for.
      WHERE household_id IS NULL AND (known IS NULL OR beneficiary_id IS NOT NULL)
      ON CONFLICT DO NOTHING)
    SELECT DISTINCT household_id FROM found WHERE household_id IS NOT NULL AND entity IN ('household', 'migration', 'migration_event')`.execute(tx);

  const late = await sql<{ household_id: string }>`
    WITH resolved AS (
      DELETE FROM unlinked_change AS u
      USING record_household AS r
      WHERE r.entity = u.entity AND r.entity_id = u.entity_id AND r.household_id IS NOT NULL
      RETURNING u.origin, u.counter, u.entity, r.household_id),
    linked AS (
      INSERT INTO change_household (origin, counter, household_id)
      SELECT origin, counter, household_id FROM resolved
      ON CONFLICT DO NOTHING)
    SELECT DISTINCT household_id FROM resolved WHERE entity IN ('household', 'migration', 'migration_event')`.execute(tx);

  const touched = new Set([...fresh.rows, ...late.rows].map((row) => row.household_id));
  return [...touched].sort();
}
