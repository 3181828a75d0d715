// Changes the hub writes under its own origin (duplicate notices here; routing elsewhere). They enter the
// same `change` table as the offices' changes, with the next dense counter of `hub-001` and a timestamp of
// the hub's hybrid clock, so they travel to offices and are acknowledged like any other change.
import { sql, type Kysely } from 'kysely';
import type { HybridClock } from '../../store/hlc.ts';
import { insertChanges, type ChangeOp, type HubSchema, type JsonValue, type StoredChange } from '../store/index.ts';

export const HUB_ORIGIN = 'hub-001';

export interface HubChangeInput {
  entity: string;
  entityId: string;
  op: ChangeOp;
  data: { [field: string]: JsonValue };
}

/**
 * Appends changes of origin `hub-001` inside the caller's transaction and returns them as stored. An
 * advisory lock held until commit makes two imports on one PostgreSQL server take counters one after the
 * other, so counters stay dense and never collide.
 */
export async function writeHubChanges(tx: Kysely<HubSchema>, changes: readonly HubChangeInput[], clock: HybridClock): Promise<StoredChange[]> {
  if (changes.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mts-hub change counter ${HUB_ORIGIN}`}))`.execute(tx);
  const last = await tx
    .selectFrom('change')
    .where('origin', '=', HUB_ORIGIN)
    .select((eb) => [eb.fn.max('counter').as('counter'), eb.fn.max('hlc').as('hlc')])
    .executeTakeFirst();
  // A restarted hub's clock must not reissue a timestamp it already wrote.
  clock.resumeAfter(last?.hlc ?? null);
  let counter = Number(last?.counter ?? 0);
  const stored: StoredChange[] = changes.map((change) => ({
    origin: HUB_ORIGIN,
    counter: ++counter,
    hlc: clock.tick(),
    entity: change.entity,
    entityId: change.entityId,
    op: change.op,
    data: change.data,
  }));
  await insertChanges(tx, stored, null);
  return stored;
}
