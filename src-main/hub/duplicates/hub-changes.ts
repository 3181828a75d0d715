// Changes the hub writes under its own origin (here: duplicate notices). They enter the same `change`
// table as the offices' changes, with the next dense counter of `hub-001` and a hybrid-clock timestamp
// after every change stored, so they travel to offices and are acknowledged like any other change.
//
// Same signature as the core hub's writeHubChanges (src-main/hub/hub-changes.ts on branch hub-core),
// which also links each change to its households for routing: when both branches meet, this file goes
// and find.ts imports that one instead.
import { sql } from 'kysely';
import { HybridClock } from '../../store/hlc.ts';
import { insertChanges, type HubDatabase, type JsonValue, type StoredChange } from '../store/index.ts';

export const HUB_ORIGIN = 'hub-001';

export interface HubChangeInput {
  readonly entity: string;
  readonly entityId: string;
  readonly op: 'insert' | 'update';
  readonly data: { [key: string]: JsonValue };
  /** The households this change concerns: it goes to their owner and destination offices. */
  readonly householdIds: readonly string[];
}

/**
 * Appends the hub's own changes inside the caller's transaction and returns them as stored. An advisory
 * lock held until commit makes two imports on one PostgreSQL server take counters one after the other:
 * without it both would read the same last counter and one notice would be lost to the primary key.
 */
export async function writeHubChanges(tx: HubDatabase, inputs: readonly HubChangeInput[]): Promise<StoredChange[]> {
  if (inputs.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mts-hub change counter ${HUB_ORIGIN}`}))`.execute(tx);
  const last = await tx
    .selectFrom('change')
    .select((eb) => eb.fn.max('counter').as('counter'))
    .where('origin', '=', HUB_ORIGIN)
    .executeTakeFirst();
  // After every timestamp stored, the offices' included, so a notice sorts after what it is about.
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
  return changes;
}
