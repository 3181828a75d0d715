// Per origin, the highest counter the hub holds without a gap: what it acknowledges to offices and what
// its exports cover up to. Counters are dense per origin, so a gap means a change still on its way.
import { sql } from 'kysely';
import type { HubDatabase } from './store/index.ts';

export async function advanceHighWater(tx: HubDatabase, origins: readonly string[]): Promise<void> {
  for (const origin of origins) {
    const row = await tx.selectFrom('origin_high_water').select('counter').where('origin', '=', origin).executeTakeFirst();
    const mark = row?.counter ?? 0;
    // The end of the run of consecutive counters that starts right after the mark, if it starts at all.
    const end = await sql<{ end: number | null }>`
      SELECT min(c.counter) AS end FROM change AS c
      WHERE c.origin = ${origin} AND c.counter > ${mark}
        AND EXISTS (SELECT 1 FROM change AS s WHERE s.origin = ${origin} AND s.counter = ${mark + 1})
        AND NOT EXISTS (SELECT 1 FROM change AS d WHERE d.origin = c.origin AND d.counter = c.counter + 1)`.execute(tx);
    const next = end.rows[0]?.end;
    if (next === null || next === undefined) continue;
    await tx
      .insertInto('origin_high_water')
      .values({ origin, counter: Number(next) })
      .onConflict((oc) => oc.column('origin').doUpdateSet({ counter: Number(next) }))
      .execute();
  }
}

export async function highWaterMarks(db: HubDatabase): Promise<Record<string, number>> {
  const rows = await db.selectFrom('origin_high_water').select(['origin', 'counter']).where('counter', '>', 0).orderBy('origin').execute();
  const marks: Record<string, number> = {};
  for (const row of rows) marks[row.origin] = row.counter;
  return marks;
}
