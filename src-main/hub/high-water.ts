// Per origin, the highest counter the hub holds without a gap: what it acknowledges to offices and what
// its exports cover up to. Counters are dense per origin, so a gap means a change still on its way.
import type { HubDatabase } from './store/index.ts';

const PAGE = 10_000;

/** Walks each origin's counters up from its mark while they are consecutive, a page at a time. */
export async function advanceHighWater(tx: HubDatabase, origins: readonly string[]): Promise<void> {
  for (const origin of origins) {
    const row = await tx.selectFrom('origin_high_water').select('counter').where('origin', '=', origin).executeTakeFirst();
    const start = row?.counter ?? 0;
    let mark = start;
    for (;;) {
      const page = await tx
        .selectFrom('change')
        .select('counter')
        .where('origin', '=', origin)
        .where('counter', '>', mark)
        .orderBy('counter')
        .limit(PAGE)
        .execute();
      let i = 0;
      while (i < page.length && page[i]!.counter === mark + 1) mark = page[i++]!.counter;
      if (i < PAGE) break;
    }
    if (mark === start) continue;
    await tx
      .insertInto('origin_high_water')
      .values({ origin, counter: mark })
      .onConflict((oc) => oc.column('origin').doUpdateSet({ counter: mark }))
      .execute();
  }
}

export async function highWaterMarks(db: HubDatabase): Promise<Record<string, number>> {
  const rows = await db.selectFrom('origin_high_water').select(['origin', 'counter']).where('counter', '>', 0).orderBy('origin').execute();
  const marks: Record<string, number> = {};
  for (const row of rows) marks[row.origin] = row.counter;
  return marks;
}
