// Changes the hub writes itself (routes, duplicate notices): origin `hub-001`, dense counters from 1, an
// HLC that resumes after the newest one stored, and the households they concern, so that they travel to
// the offices of those households like any other change of them.
import { sql } from 'kysely';
import { HybridClock } from '../store/hlc.ts';
import type { HubDatabase, JsonValue, StoredChange } from './store/index.ts';
import { insertChanges } from './store/index.ts';

export const HUB_ORIGIN = 'hub-001';

/** Entities only the hub writes (DESIGN §6 rule 4): refused from any other origin. */
export const HUB_ONLY_ENTITIES: readonly string[] = ['household_route', 'duplicate_notice'];

export interface HubChangeInput {
  readonly entity: string;
  readonly entityId: string;
  readonly op: 'insert' | 'update';
  readonly data: { [key: string]: JsonValue };
  /** The households this change concerns: it goes to their owner and destination offices. */
  readonly householdIds: readonly string[];
}

/** Appends the hub's own changes in one go, inside the caller's transaction. Returns them as stored. */
export async function writeHubChanges(tx: HubDatabase, inputs: readonly HubChangeInput[]): Promise<StoredChange[]> {
  if (inputs.length === 0) return [];
  const last = await tx
    .selectFrom('change')
    .select((eb) => eb.fn.max('counter').as('counter'))
    .where('origin', '=', HUB_ORIGIN)
    .executeTakeFirst();
  const newest = await sql<{ hlc: string | null }>`SELECT max(hlc COLLATE "C") AS hlc FROM change`.execute(tx);
  const clock = new HybridClock(HUB_ORIGIN);
  clock.resumeAfter(newest.rows[0]?.hlc ?? null);
  let counter = Number(last?.counter ?? 0);
  const changes: StoredChange[] = inputs.map((input) => ({
    origin: HUB_ORIGIN,
    counter: ++counter,
    hlc: clock.tick(),
    entity: input.entity,
    entityId: input.entityId,
    op: input.op,
    data: input.data,
  }));
  await insertChanges(tx, changes, null);
  const links = changes.flatMap((change, i) =>
    [...new Set(inputs[i]!.householdIds)].map((householdId) => ({ origin: change.origin, counter: change.counter, household_id: householdId })),
  );
  for (let start = 0; start < links.length; start += 1_000) {
    await tx.insertInto('change_household').values(links.slice(start, start + 1_000)).onConflict((oc) => oc.doNothing()).execute();
  }
  // The hub's own counters are dense, so what it holds without a gap is simply the last one.
  await tx
    .insertInto('origin_high_water')
    .values({ origin: HUB_ORIGIN, counter })
    .onConflict((oc) => oc.column('origin').doUpdateSet({ counter }))
    .execute();
  return changes;
}
