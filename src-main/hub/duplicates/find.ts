// Statewide Aadhaar duplicates (DESIGN §3). Offices keep only the last 4 digits, a 16-bit bucket and the
// number sealed to the state's key, so two offices can never see that they registered the same person.
// The hub can: after a bundle's changes are stored it opens each newly written sealed number, keeps only
// HMAC-SHA256(hash key, 12 digits) per record, and when another person's record has the same hash it
// writes a "possible duplicate" notice for each side. The number itself lives only in this function's
// local variables; nothing here logs.
import { createHmac, randomUUID, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { openSealedAadhaar } from '../../identity/index.ts';
import type { HubSchema, JsonValue, StoredChange } from '../store/index.ts';
import { writeHubChanges, type HubChangeInput } from '../hub-changes.ts';

/**
 * The two secrets, both from files outside the database (the hub's keys folder, or the paths in
 * MTS_HUB_SEAL_KEY_FILE and MTS_HUB_AADHAAR_HASH_KEY_FILE): the core hub's HubKeys has this shape.
 */
export interface AadhaarVaultKeys {
  /** The state's X25519 private key: opens `mtsa1.` sealed numbers. */
  readonly sealPrivateKey: KeyObject;
  /** HMAC-SHA256 key of the full-length hash (32 bytes). */
  readonly aadhaarHashKey: Uint8Array;
}

export type AadhaarEntity = 'household' | 'beneficiary';

/** The hub's own tables for this feature (migration 0010_aadhaar_index.sql). */
export type AadhaarIndexSchema = {
  aadhaar_index: {
    entity: AadhaarEntity;
    entity_id: string;
    hash: string | null;
    household_id: string;
    office_code: string;
    mts_id: string | null;
    hlc: string;
    origin: string;
  };
  aadhaar_duplicate_pair: {
    first_entity: string;
    first_entity_id: string;
    second_entity: string;
    second_entity_id: string;
    found_at: Date | string;
  };
};

type Db = Kysely<HubSchema & AadhaarIndexSchema>;
type IndexRow = AadhaarIndexSchema['aadhaar_index'];

export const DUPLICATE_NOTICE = 'duplicate_notice';

export interface AadhaarDuplicateResult {
  /** Records whose Aadhaar the changes set, replaced or removed (the newest change of each record counts). */
  records: number;
  /** Of those, records now holding a hash. */
  indexed: number;
  /** Sealed values that did not open (another state key, damaged): their record is left without a hash. */
  unopenedAadhaar: number;
  /** Aadhaar edits by an office that does not own the record: proposals for the owner, not the record's value. */
  notFromOwner: number;
  /** Beneficiary changes whose household is not known to the hub yet; indexed when it arrives with the record. */
  withoutHousehold: number;
  /** Pairs of records newly found to share a number. */
  duplicatePairs: number;
  /** The `duplicate_notice` changes written (two per pair), origin `hub-001`. */
  notices: StoredChange[];
}

const SEALED_FIELD: Record<AadhaarEntity, string> = { household: 'head_aadhaar_sealed', beneficiary: 'aadhaar_sealed' };
const OFFICE_ORIGIN = /^([0-9]{4})-[0-9]{3}$/;
const MTS_ID = /^[0-9]{16}$/;
const ROWS_PER_QUERY = 1_000;

interface AadhaarWrite {
  entity: AadhaarEntity;
  entityId: string;
  origin: string;
  hlc: string;
  office: string;
  sealed: string | null;
}

/** What the changes of a record say about where it belongs, whatever change carried it. */
interface RecordFacts {
  householdId?: string;
  mtsId?: string;
}

/**
 * Call inside the import's transaction, after the bundle's changes are stored, with the changes that were
 * new. The notices are written as changes of origin `hub-001` in the same transaction. Idempotent: the
 * same changes again write no entry and no notice. A value that does not open is counted, never a reason
 * to refuse the bundle. Reads and writes go in batches of 1,000 rows, so a bundle of 100,000 records costs
 * a few hundred statements, not several per record.
 */
export async function findAadhaarDuplicates(
  tx: Kysely<HubSchema>,
  storedChanges: readonly StoredChange[],
  keys: AadhaarVaultKeys,
  { now = new Date() }: { now?: Date } = {},
): Promise<AadhaarDuplicateResult> {
  const db = tx.withTables<AadhaarIndexSchema>();
  const result: AadhaarDuplicateResult = { records: 0, indexed: 0, unopenedAadhaar: 0, notFromOwner: 0, withoutHousehold: 0, duplicatePairs: 0, notices: [] };
  const { writes, facts } = newestAadhaarWrites(storedChanges);
  if (writes.length === 0) return result;
  // Two imports committing at once on a PostgreSQL server would each miss the other's new record with the
  // same hash (neither sees the other's uncommitted row), and that pair would never be reported: this step
  // runs one import at a time, and after the lock each statement sees what the other committed.
  await sql`SELECT pg_advisory_xact_lock(hashtext('mts-hub aadhaar index'))`.execute(tx);
  const existing = await readIndexRows(db, writes);

  const placed: Array<{ write: AadhaarWrite; householdId: string; mtsId: string | null }> = [];
  for (const write of writes) {
    const before = existing.get(keyOf(write.entity, write.entityId));
    if (before ? !isNewer(write, before) : write.sealed === null) continue; // older, or nothing to clear
    const known = facts.get(keyOf(write.entity, write.entityId)) ?? {};
    let householdId = write.entity === 'household' ? write.entityId : known.householdId ?? before?.household_id;
    let mtsId = write.entity === 'beneficiary' ? known.mtsId ?? before?.mts_id ?? undefined : undefined;
    if (write.entity === 'beneficiary' && (householdId === undefined || mtsId === undefined)) {
      const stored = await readStoredFacts(db, write.entityId);
      householdId ??= stored.householdId;
      mtsId ??= stored.mtsId;
    }
    if (householdId === undefined) {
      result.withoutHousehold += 1;
      continue;
    }
    placed.push({ write, householdId, mtsId: mtsId !== undefined && MTS_ID.test(mtsId) ? mtsId : null });
  }
  const owners = await readOwners(db, [...new Set(placed.map((p) => p.householdId))]);

  const rows: IndexRow[] = [];
  for (const { write, householdId, mtsId } of placed) {
    const before = existing.get(keyOf(write.entity, write.entityId));
    // Aadhaar is an identity field: only the owner's value counts (DESIGN §6 rule 3).
    const owner = before?.office_code ?? owners.get(householdId) ?? write.office;
    if (write.office !== owner) {
      result.notFromOwner += 1;
      continue;
    }
    result.records += 1;
    const hash = write.sealed === null ? null : keyedHash(write.sealed, keys);
    if (write.sealed !== null && hash === null) result.unopenedAadhaar += 1;
    if (hash !== null) result.indexed += 1;
    // A record never indexed whose seal does not open leaves nothing to keep; one indexed before is cleared.
    if (hash === null && before === undefined) continue;
    rows.push({ entity: write.entity, entity_id: write.entityId, hash, household_id: householdId, office_code: owner, mts_id: mtsId, hlc: write.hlc, origin: write.origin });
  }
  await upsertIndexRows(db, rows);

  const pairs = await newPairs(db, rows, now);
  result.duplicatePairs = pairs.length;
  result.notices = await writeHubChanges(tx, pairs.flatMap(([a, b]) => [noticeFor(a, b, now), noticeFor(b, a, now)]));
  return result;
}

async function upsertIndexRows(db: Db, rows: readonly IndexRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_QUERY) {
    await db
      .insertInto('aadhaar_index')
      .values(rows.slice(start, start + ROWS_PER_QUERY))
      .onConflict((conflict) =>
        conflict.columns(['entity', 'entity_id']).doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          household_id: eb.ref('excluded.household_id'),
          office_code: eb.ref('excluded.office_code'),
          mts_id: eb.ref('excluded.mts_id'),
          hlc: eb.ref('excluded.hlc'),
          origin: eb.ref('excluded.origin'),
        })),
      )
      .execute();
  }
}

/**
 * Pairs of different people sharing a hash, at least one of them in `rows`, never reported before. Each
 * is recorded in aadhaar_duplicate_pair in the same statement that tells whether it is new.
 */
async function newPairs(db: Db, rows: readonly IndexRow[], now: Date): Promise<Array<[IndexRow, IndexRow]>> {
  const hashes = [...new Set(rows.map((row) => row.hash).filter((hash): hash is string => hash !== null))];
  const sharing = new Map<string, IndexRow[]>();
  for (let start = 0; start < hashes.length; start += ROWS_PER_QUERY) {
    const found = await db.selectFrom('aadhaar_index').selectAll().where('hash', 'in', hashes.slice(start, start + ROWS_PER_QUERY)).execute();
    for (const row of found) sharing.set(row.hash!, [...(sharing.get(row.hash!) ?? []), row]);
  }
  const candidates = new Map<string, [IndexRow, IndexRow]>();
  for (const row of rows) {
    for (const other of row.hash === null ? [] : sharing.get(row.hash) ?? []) {
      if ((other.entity === row.entity && other.entity_id === row.entity_id) || isHeadAsOwnMember(row, other)) continue;
      const pair: [IndexRow, IndexRow] = bytewise(keyOf(row.entity, row.entity_id), keyOf(other.entity, other.entity_id)) < 0 ? [row, other] : [other, row];
      candidates.set(pairKey(pair[0], pair[1]), pair);
    }
  }
  const fresh: Array<[IndexRow, IndexRow]> = [];
  const all = [...candidates.values()];
  for (let start = 0; start < all.length; start += ROWS_PER_QUERY) {
    const batch = all.slice(start, start + ROWS_PER_QUERY);
    const inserted = await db
      .insertInto('aadhaar_duplicate_pair')
      .values(batch.map(([first, second]) => ({ first_entity: first.entity, first_entity_id: first.entity_id, second_entity: second.entity, second_entity_id: second.entity_id, found_at: now })))
      .onConflict((conflict) => conflict.columns(['first_entity', 'first_entity_id', 'second_entity', 'second_entity_id']).doNothing())
      .returning(['first_entity', 'first_entity_id', 'second_entity', 'second_entity_id'])
      .execute();
    const isNew = new Set(inserted.map((row) => pairKey({ entity: row.first_entity, entity_id: row.first_entity_id }, { entity: row.second_entity, entity_id: row.second_entity_id })));
    for (const pair of batch) if (isNew.has(pairKey(pair[0], pair[1]))) fresh.push(pair);
  }
  return fresh;
}

/** Per record, the newest change (by HLC, then origin) that writes its sealed Aadhaar field. */
function newestAadhaarWrites(changes: readonly StoredChange[]): { writes: AadhaarWrite[]; facts: Map<string, RecordFacts> } {
  const newest = new Map<string, AadhaarWrite>();
  const facts = new Map<string, RecordFacts>();
  for (const change of changes) {
    if (change.entity !== 'household' && change.entity !== 'beneficiary') continue;
    if (change.op !== 'insert' && change.op !== 'update') continue;
    const office = OFFICE_ORIGIN.exec(change.origin)?.[1];
    const data = objectOf(change.data);
    if (office === undefined || data === undefined) continue;
    const entity: AadhaarEntity = change.entity;
    const key = keyOf(entity, change.entityId);
    if (entity === 'beneficiary') {
      const known = facts.get(key) ?? {};
      if (typeof data.household_id === 'string') known.householdId = data.household_id;
      if (typeof data.mts_id === 'string') known.mtsId = data.mts_id;
      facts.set(key, known);
    }
    const field = SEALED_FIELD[entity];
    if (!Object.hasOwn(data, field)) continue;
    const sealed = data[field];
    const write: AadhaarWrite = {
      entity,
      entityId: change.entityId,
      origin: change.origin,
      hlc: change.hlc,
      office,
      sealed: typeof sealed === 'string' && sealed.length > 0 ? sealed : null,
    };
    const previous = newest.get(key);
    if (previous === undefined || isNewer(write, previous)) newest.set(key, write);
  }
  return { writes: [...newest.values()], facts };
}

/** Offices send `data` as JSON text; the hub may hold it parsed. Either way, an object or nothing. */
function objectOf(data: JsonValue): { [field: string]: JsonValue } | undefined {
  let value: unknown = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { [field: string]: JsonValue }) : undefined;
}

/** Last writer wins by (HLC, origin), compared bytewise as every replica does. */
function isNewer(a: { hlc: string; origin: string }, b: { hlc: string; origin: string }): boolean {
  return a.hlc !== b.hlc ? a.hlc > b.hlc : a.origin > b.origin;
}

function keyOf(entity: string, entityId: string): string {
  return `${entity}\u0000${entityId}`;
}

function pairKey(first: { entity: string; entity_id: string }, second: { entity: string; entity_id: string }): string {
  return `${keyOf(first.entity, first.entity_id)}\u0000${keyOf(second.entity, second.entity_id)}`;
}

/** The full-length keyed hash, or null when the seal does not open. The 12 digits stay in this scope. */
function keyedHash(sealed: string, keys: AadhaarVaultKeys): string | null {
  try {
    return createHmac('sha256', keys.aadhaarHashKey).update(openSealedAadhaar(sealed, keys.sealPrivateKey), 'ascii').digest('hex');
  } catch {
    return null;
  }
}

async function readIndexRows(db: Db, writes: readonly AadhaarWrite[]): Promise<Map<string, IndexRow>> {
  const rows = new Map<string, IndexRow>();
  for (const entity of ['household', 'beneficiary'] as const) {
    const ids = writes.filter((write) => write.entity === entity).map((write) => write.entityId);
    for (let start = 0; start < ids.length; start += ROWS_PER_QUERY) {
      const found = await db
        .selectFrom('aadhaar_index')
        .selectAll()
        .where('entity', '=', entity)
        .where('entity_id', 'in', ids.slice(start, start + ROWS_PER_QUERY))
        .execute();
      for (const row of found) rows.set(keyOf(row.entity, row.entity_id), row);
    }
  }
  return rows;
}

/** A beneficiary's household and MTS ID from the changes the hub already holds (an update carries neither). */
async function readStoredFacts(db: Db, beneficiaryId: string): Promise<RecordFacts> {
  const rows = await db
    .selectFrom('change')
    .select([sql<string | null>`data->>'household_id'`.as('household_id'), sql<string | null>`data->>'mts_id'`.as('mts_id')])
    .where('entity', '=', 'beneficiary')
    .where('entity_id', '=', beneficiaryId)
    .where(sql<boolean>`(data->>'household_id' IS NOT NULL OR data->>'mts_id' IS NOT NULL)`)
    .orderBy('hlc', 'desc')
    .orderBy('origin', 'desc')
    .execute();
  const facts: RecordFacts = {};
  for (const row of rows) {
    facts.householdId ??= row.household_id ?? undefined;
    facts.mtsId ??= row.mts_id ?? undefined;
  }
  return facts;
}

async function readOwners(db: Db, householdIds: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (let start = 0; start < householdIds.length; start += ROWS_PER_QUERY) {
    const rows = await db
      .selectFrom('household_route')
      .select(['household_id', 'owner_office'])
      .where('household_id', 'in', householdIds.slice(start, start + ROWS_PER_QUERY))
      .execute();
    for (const row of rows) owners.set(row.household_id, row.owner_office);
  }
  return owners;
}

/**
 * A head may also be listed as a member of their own household (relation "self") with the same number:
 * one person, two records of one family, which the office already sees with its own bucket warning.
 */
function isHeadAsOwnMember(a: IndexRow, b: IndexRow): boolean {
  return a.entity !== b.entity && a.household_id === b.household_id;
}

/** The order of PostgreSQL's COLLATE "C" (bytes of UTF-8), which the pair table's check uses. */
function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The notice for `side`'s offices: the columns of the office table duplicate_notice, minus updated_hlc.
 * It travels with `side`'s household (to its owner and destination offices) only; the other side gets
 * its own notice, so an office learns the other record's ids and office, nothing more.
 */
function noticeFor(side: IndexRow, other: IndexRow, now: Date): HubChangeInput {
  const id = randomUUID();
  return {
    entity: DUPLICATE_NOTICE,
    entityId: id,
    op: 'insert',
    householdIds: [side.household_id],
    data: {
      id,
      household_id: side.household_id,
      entity: side.entity,
      entity_id: side.entity_id,
      other_office: other.office_code,
      other_household_id: other.household_id,
      other_entity: other.entity,
      other_entity_id: other.entity_id,
      other_mts_id: other.mts_id,
      found_at: now.toISOString(),
    },
  };
}
