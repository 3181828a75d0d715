// What `mts-hub status` reports about the database: its schema version and how much it holds. Counts
// only; never a row's content.
import type { Kysely } from 'kysely';
import { hubSchemaVersion } from './migrations.ts';
import type { HubSchema } from './schema.ts';

export interface HubCounts {
  offices: number;
  officesRevoked: number;
  officeKeys: number;
  seriesGrants: number;
  changes: number;
  origins: number;
  bundlesSeen: number;
  households: number;
  householdsUnrouted: number;
}

export interface HubDatabaseStatus {
  schemaVersion: number;
  counts: HubCounts;
}

export async function readHubStatus(db: Kysely<HubSchema>): Promise<HubDatabaseStatus> {
  // One statement, so the counts are of one snapshot even while an import commits.
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('office').select(eb.fn.countAll<number>().as('n')).as('offices'),
      eb.selectFrom('office').where('status', '=', 'revoked').select(eb.fn.countAll<number>().as('n')).as('officesRevoked'),
      eb.selectFrom('office_key').select(eb.fn.countAll<number>().as('n')).as('officeKeys'),
      eb.selectFrom('series_grant').select(eb.fn.countAll<number>().as('n')).as('seriesGrants'),
      eb.selectFrom('change').select(eb.fn.countAll<number>().as('n')).as('changes'),
      eb.selectFrom('change').select((sub) => sub.fn.count<number>('origin').distinct().as('n')).as('origins'),
      eb.selectFrom('bundle_seen').select(eb.fn.countAll<number>().as('n')).as('bundlesSeen'),
      eb.selectFrom('household_route').select(eb.fn.countAll<number>().as('n')).as('households'),
      eb.selectFrom('household_route').where('unrouted_reason', 'is not', null).select(eb.fn.countAll<number>().as('n')).as('householdsUnrouted'),
    ])
    .executeTakeFirstOrThrow();
  const counts = Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Number(value)])) as unknown as HubCounts;
  return { schemaVersion: await hubSchemaVersion(db), counts };
}
