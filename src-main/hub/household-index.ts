// Which household each change concerns. A change carries only the fields it wrote, so an update of a
// measurement says nothing about its family: the hub keeps, per record, the household it belongs to
// (household itself; beneficiary, migration and print job by their household_id; measurement, card print
// and photo through their beneficiary) and links every change to it. Records whose parent has not arrived
// yet wait, and their changes are linked in the import that brings the parent.
import { sql } from 'kysely';
import type { HubDatabase } from './store/index.ts';

/** Entities whose records belong to a household, and how the hub finds it. */
export const HOUSEHOLD_ENTITIES = ['household', 'beneficiary', 'migration', 'print_job', 'measurement', 'card_print', 'beneficiary_photo'] as const;

/** Entities that describe an installation (its office row, operators, settings): they stay at the hub. */
export const INSTALLATION_ENTITIES: readonly string[] = ['office', 'installation', 'operator', 'setting'];

/**
 * Indexes the changes a bundle stored (`change.bundle_id`) and the older changes whose record got its
 * household in this bundle. Returns the households whose household or trip records changed: the ones
 * to route again.
 */
export async function indexChanges(tx: HubDatabase, bundleId: string): Promise<string[]> {
  await sql`
    INSERT INTO record_household (entity, entity_id, household_id, beneficiary_id, resolved_in)
    SELECT DISTINCT ON (entity, entity_id) entity, entity_id, link.household_id, link.beneficiary_id,
           CASE WHEN link.household_id IS NOT NULL THEN ${bundleId}::uuid END
    FROM change,
         LATERAL (SELECT CASE WHEN entity = 'household' THEN entity_id
                              WHEN entity IN ('beneficiary', 'migration', 'print_job') THEN data->>'household_id' END AS household_id,
                         CASE WHEN entity IN ('measurement', 'card_print') THEN data->>'beneficiary_id'
                              WHEN entity = 'beneficiary_photo' THEN entity_id END AS beneficiary_id) AS link
    WHERE bundle_id = ${bundleId}::uuid AND op = 'insert'
      AND entity IN ('household', 'beneficiary', 'migration', 'print_job', 'measurement', 'card_print', 'beneficiary_photo')
    ORDER BY entity, entity_id, hlc COLLATE "C"
    ON CONFLICT (entity, entity_id) DO NOTHING`.execute(tx);

  // Records waiting for their beneficiary, whose beneficiary is now known.
  await sql`
    UPDATE record_household AS waiting
    SET household_id = parent.household_id, resolved_in = ${bundleId}::uuid
    FROM record_household AS parent
    WHERE waiting.household_id IS NULL AND waiting.beneficiary_id IS NOT NULL
      AND parent.entity = 'beneficiary' AND parent.entity_id = waiting.beneficiary_id
      AND parent.household_id IS NOT NULL`.execute(tx);

  await sql`
    INSERT INTO change_household (origin, counter, household_id)
    SELECT c.origin, c.counter, r.household_id
    FROM change AS c JOIN record_household AS r ON r.entity = c.entity AND r.entity_id = c.entity_id
    WHERE c.bundle_id = ${bundleId}::uuid AND r.household_id IS NOT NULL
    UNION
    SELECT c.origin, c.counter, r.household_id
    FROM record_household AS r JOIN change AS c ON c.entity = r.entity AND c.entity_id = r.entity_id
    WHERE r.resolved_in = ${bundleId}::uuid
    ON CONFLICT DO NOTHING`.execute(tx);

  const touched = await sql<{ household_id: string }>`
    SELECT DISTINCT r.household_id
    FROM change AS c JOIN record_household AS r ON r.entity = c.entity AND r.entity_id = c.entity_id
    WHERE c.bundle_id = ${bundleId}::uuid AND c.entity IN ('household', 'migration') AND r.household_id IS NOT NULL
    UNION
    SELECT r.household_id FROM record_household AS r
    WHERE r.resolved_in = ${bundleId}::uuid AND r.entity IN ('household', 'migration')
    ORDER BY 1`.execute(tx);
  return touched.rows.map((row) => row.household_id);
}
