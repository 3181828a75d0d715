// Changes the hub writes itself (routes, duplicate notices): origin `hub-001`, dense counters from 1, an
// HLC that resumes after the newest one stored, and the households they concern, so that they travel to
// the offices of those households like any other change of them.
import { HybridClock, parseHlc } from '../store/hlc.ts';
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
  // The installation row is locked first: two imports on a server must not take the same next counter
  // (the insert skips a stored (origin, counter), so one hub change would be lost without a word).
  const installation = await tx.selectFrom('hub_installation').select('last_hlc').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const last = await tx
    .selectFrom('change')
    .select((eb) => eb.fn.max('counter').as('counter'))
    .where('origin', '=', HUB_ORIGIN)
    .executeTakeFirst();
  const clock = new HybridClock(HUB_ORIGIN);
  clock.resumeAfter(installation.last_hlc);
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
  await tx.updateTable('hub_installation').set({ last_hlc: changes.at(-1)!.hlc }).where('id', '=', 1).execute();
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

function later(a: string, b: string): boolean {
  const x = parseHlc(a);
  const y = parseHlc(b);
  return x.wallMs > y.wallMs || (x.wallMs === y.wallMs && x.counter > y.counter);
}

/**
 * Remembers the newest HLC among changes the hub received, so that the changes it writes next (routes,
 * duplicate notices) sort after them, as an office's clock does when it imports.
 */
export async function observeHlcs(tx: HubDatabase, hlcs: Iterable<string>): Promise<void> {
  let newest: string | null = null;
  for (const hlc of hlcs) if (newest === null || later(hlc, newest)) newest = hlc;
  if (newest === null) return;
  const installation = await tx.selectFrom('hub_installation').select('last_hlc').where('id', '=', 1).executeTakeFirstOrThrow();
  if (installation.last_hlc === null || later(newest, installation.last_hlc)) {
    await tx.updateTable('hub_installation').set({ last_hlc: newest }).where('id', '=', 1).execute();
  }
}
