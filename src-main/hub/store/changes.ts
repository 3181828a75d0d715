// The hub's bulk paths over the change table and the record of imported bundles. Both are idempotent, so
// an import that runs them in one transaction can be repeated with the same file and change nothing.
import { sql, type Kysely } from 'kysely';
import { copyFromBlob } from './connection.ts';
import type { BundleKind, BundleOutcome, ChangeOp, HubSchema, JsonValue } from './schema.ts';

export interface StoredChange {
  origin: string;
  counter: number;
  hlc: string;
  entity: string;
  entityId: string;
  op: ChangeOp;
  data: JsonValue;
  /** `data` as the office sent it (JSON text), when at hand: stored as is instead of serialised again. */
  dataText?: string;
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

/**
 * The changes of the bundle being imported that were new to the hub, in a temporary table dropped at
 * commit: written without an index or the write-ahead log, read by the import's later steps (household
 * index, routing) instead of looking them up in `change` again. It holds what those steps need and not
 * the data: the two references a record's household is found by, read from the data once, in JavaScript.
 */
export const INCOMING_CHANGES = 'incoming_change';

/** Rows per COPY on PGlite: about 30 MB of text for 100,000 changes, so a bundle goes in one or two. */
const ROWS_PER_COPY = 50_000;

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : value;
}

async function onPglite(db: Kysely<HubSchema>): Promise<boolean> {
  const { rows } = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
  return rows[0]?.version.includes('PGlite') ?? false;
}

/** `COPY table (columns) FROM '/dev/blob'` of rows already in COPY's text format, in parts. PGlite only. */
async function copyRows(db: Kysely<HubSchema>, into: string, rows: readonly string[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_COPY) {
    const text = rows.slice(start, start + ROWS_PER_COPY).join('\n') + '\n';
    await db.executeQuery(copyFromBlob(`COPY ${into} FROM '/dev/blob'`, new Blob([text])));
  }
}

/** A field of a change's data as text, as PostgreSQL's `->>` reads it. */
function field(data: JsonValue, name: string): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const value = data[name];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Whether the hub holds any change numbered within the span of an origin's counters in `changes`
 * (sorted by origin, then counter). One index probe per origin; a hit in a gap only costs the slower path.
 */
async function holdsAnyOf(db: Kysely<HubSchema>, changes: readonly StoredChange[]): Promise<boolean> {
  const spans: { origin: string; low: number; high: number }[] = [];
  for (const change of changes) {
    const last = spans.at(-1);
    if (last && last.origin === change.origin) last.high = Math.max(last.high, change.counter);
    else spans.push({ origin: change.origin, low: change.counter, high: change.counter });
  }
  const { rows } = await sql<{ held: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM json_to_recordset(${JSON.stringify(spans)}::json) AS s (origin text, low bigint, high bigint)
      JOIN change AS c ON c.origin = s.origin AND c.counter BETWEEN s.low AND s.high) AS held`.execute(db);
  return rows[0]?.held ?? false;
}

/**
 * Stores a bundle's changes the hub does not hold yet, as insertNewChanges does, and leaves the new ones
 * in INCOMING_CHANGES. Returns them (in the order given). Run it inside the import's transaction, once per
 * transaction. On PGlite a bundle of changes the hub has none of yet (the usual case) is copied straight
 * into `change`, which costs PGlite less than unpacking the same rows from JSON; a re-sent one (an office
 * exports all it has not had acknowledged) goes the way that skips what is held. PGlite is one session,
 * so nothing can store a change between the check and the copy.
 */
export async function storeBundleChanges(db: Kysely<HubSchema>, changes: readonly StoredChange[], bundleId: string): Promise<StoredChange[]> {
  const pglite = await onPglite(db);
  let stored: StoredChange[];
  if (pglite && !(await holdsAnyOf(db, changes))) {
    // Origin, clock, entity and op passed the payload's patterns, which admit no tab, newline or backslash:
    // only the id and the data can need escaping.
    const rows = changes.map(
      (change) =>
        `${change.origin}\t${change.counter}\t${change.hlc}\t${change.entity}\t${copyText(change.entityId)}\t${change.op}\t${copyText(change.dataText ?? JSON.stringify(change.data))}\t${bundleId}`,
    );
    await copyRows(db, 'change (origin, counter, hlc, entity, entity_id, op, data, bundle_id)', rows);
    stored = [...changes];
  } else {
    stored = await insertNewChanges(db, changes, bundleId);
  }

  await sql`
    CREATE TEMPORARY TABLE ${sql.table(INCOMING_CHANGES)} (
      origin text COLLATE "C" NOT NULL, counter bigint NOT NULL, hlc text NOT NULL, entity text NOT NULL,
      entity_id text NOT NULL, op text NOT NULL, household_ref text, beneficiary_ref text
    ) ON COMMIT DROP`.execute(db);
  const incoming = stored.map((change) => ({
    origin: change.origin,
    counter: change.counter,
    hlc: change.hlc,
    entity: change.entity,
    entity_id: change.entityId,
    op: change.op,
    household_ref: field(change.data, 'household_id'),
    beneficiary_ref: field(change.data, 'beneficiary_id'),
  }));
  if (pglite) {
    const rows = incoming.map(
      (row) =>
        `${row.origin}\t${row.counter}\t${row.hlc}\t${row.entity}\t${copyText(row.entity_id)}\t${row.op}\t${copyText(row.household_ref)}\t${copyText(row.beneficiary_ref)}`,
    );
    await copyRows(db, `${INCOMING_CHANGES} (origin, counter, hlc, entity, entity_id, op, household_ref, beneficiary_ref)`, rows);
  } else {
    for (let start = 0; start < incoming.length; start += ROWS_PER_JSON_INSERT) {
      await sql`
        INSERT INTO ${sql.table(INCOMING_CHANGES)} (origin, counter, hlc, entity, entity_id, op, household_ref, beneficiary_ref)
        SELECT origin, counter, hlc, entity, entity_id, op, household_ref, beneficiary_ref
        FROM json_to_recordset(${JSON.stringify(incoming.slice(start, start + ROWS_PER_JSON_INSERT))}::json)
          AS row (origin text, counter bigint, hlc text, entity text, entity_id text, op text, household_ref text, beneficiary_ref text)`.execute(db);
    }
  }
  return stored;
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
