// The hub's bulk paths over the change table and the record of imported bundles. Both are idempotent, so
// an import that runs them in one transaction can be repeated with the same file and change nothing.
import { sql, type Kysely } from 'kysely';
import type { BundleKind, BundleOutcome, ChangeOp, HubSchema, JsonValue } from './schema.ts';

export interface StoredChange {
  origin: string;
  counter: number;
  hlc: string;
  entity: string;
  entityId: string;
  op: ChangeOp;
  data: JsonValue;
}

/**
 * Rows per statement: one JSON parameter of a few MB, far below PostgreSQL's 1 GB limit on one value
 * (one statement per row is ~30× slower; eight parameters per row cost PGlite more than the row itself).
 */
const ROWS_PER_JSON_INSERT = 5_000;

/**
 * Stores changes the hub does not hold yet and skips the ones it does (same origin and counter): a change
 * is applied at most once. Returns how many were new. Run it inside the import's transaction.
 */
export async function insertChanges(db: Kysely<HubSchema>, changes: readonly StoredChange[], bundleId: string | null): Promise<number> {
  return (await insertNewChanges(db, changes, bundleId)).length;
}

/**
 * As insertChanges, returning the changes that were new (in the order given). Rows travel as one JSON
 * parameter per batch, unpacked by json_to_recordset: on PGlite binding eight parameters per row cost
 * more than storing the row. The batch goes as `json`, not `jsonb`: only each row's data is kept as jsonb,
 * and building a jsonb of the whole batch first cost PGlite ~20% more.
 */
export async function insertNewChanges(db: Kysely<HubSchema>, changes: readonly StoredChange[], bundleId: string | null): Promise<StoredChange[]> {
  const inserted: StoredChange[] = [];
  for (let start = 0; start < changes.length; start += ROWS_PER_JSON_INSERT) {
    const batch = changes.slice(start, start + ROWS_PER_JSON_INSERT);
    const rows = JSON.stringify(
      batch.map((change) => ({
        origin: change.origin,
        counter: change.counter,
        hlc: change.hlc,
        entity: change.entity,
        entity_id: change.entityId,
        op: change.op,
        data: change.data,
        bundle_id: bundleId,
      })),
    );
    const stored = await sql<{ origin: string; counter: number }>`
      INSERT INTO change (origin, counter, hlc, entity, entity_id, op, data, bundle_id)
      SELECT origin, counter, hlc, entity, entity_id, op, data, bundle_id
      FROM json_to_recordset(${rows}::json)
        AS row (origin text, counter bigint, hlc text, entity text, entity_id text, op text, data jsonb, bundle_id uuid)
      ON CONFLICT (origin, counter) DO NOTHING
      RETURNING origin, counter`.execute(db);
    const isNew = new Set(stored.rows.map((row) => `${row.origin}#${row.counter}`));
    for (const change of batch) if (isNew.has(`${change.origin}#${change.counter}`)) inserted.push(change);
  }
  return inserted;
}

/** Changes in (origin, counter) order, optionally of one origin and after a counter (exclusive). */
export async function readChanges(
  db: Kysely<HubSchema>,
  { origin, after = 0, limit }: { origin?: string; after?: number; limit?: number } = {},
): Promise<StoredChange[]> {
  let query = db
    .selectFrom('change')
    .select(['origin', 'counter', 'hlc', 'entity', 'entity_id', 'op', 'data'])
    .orderBy('origin')
    .orderBy('counter');
  if (origin !== undefined) query = query.where('origin', '=', origin).where('counter', '>', after);
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    origin: row.origin,
    counter: row.counter,
    hlc: row.hlc,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    data: row.data,
  }));
}

export interface SeenBundle {
  bundleId: string;
  fromOffice: string;
  kind: BundleKind;
  outcome: BundleOutcome;
  changeCount: number;
}

/**
 * Records that a bundle was imported. Returns false, writing nothing, when it was recorded before: the
 * import then stops and says the file was already imported.
 */
export async function recordBundleSeen(db: Kysely<HubSchema>, bundle: SeenBundle, receivedAt: Date = new Date()): Promise<boolean> {
  const row = await db
    .insertInto('bundle_seen')
    .values({
      bundle_id: bundle.bundleId,
      from_office: bundle.fromOffice,
      kind: bundle.kind,
      outcome: bundle.outcome,
      change_count: bundle.changeCount,
      received_at: receivedAt,
    })
    .onConflict((conflict) => conflict.column('bundle_id').doNothing())
    .returning('bundle_id')
    .executeTakeFirst();
  return row !== undefined;
}
