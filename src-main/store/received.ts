// The write path for changes made elsewhere (sync import, DESIGN §6). Local writes go through write.ts,
// which stamps them with our origin and audits each one; a received change keeps its own origin, counter
// and clock, enters change_log as it is (so the log stays the union of every office's changes), and is
// merged per field: the value whose (HLC, origin) is newest wins, whatever order changes arrive in.
// field_clock (kept by a trigger on change_log, migrations 0008 and 0011) remembers the winner of every
// field; a record whose only change is its insert has no rows there (see `fieldClocks`).
//
// A record's row is always the per-field fold of its changes in change_log. So an update that arrives
// before the insert it follows (from another origin) waits in the log, and the insert, when it lands,
// builds the row from every change already there. A record whose parent has not arrived yet (a member
// added at another office to a household still on its way) waits the same way; `materialiseWaiting`
// builds it once the parent is here.
import { sql } from 'kysely';
import type { PreparedQuery, Store } from './database.ts';
import { REPLICATED_TABLES, SECRET_COLUMNS, type ReplicatedTable } from './schema.ts';

export interface ReceivedChange {
  readonly origin: string;
  readonly counter: number;
  readonly hlc: string;
  readonly entity: string;
  readonly entityId: string;
  readonly op: 'insert' | 'update';
  /** JSON text of an object, as in change_log. */
  readonly data: string;
  /** `data` already parsed, when the change was read from a bundle (not changed here). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * What applying did: a new row, fields of an existing row changed, nothing newer (an older change), or
 * kept in the log only (another office's own settings, or a record still waiting for its insert/parent).
 */
export type AppliedAs = 'inserted' | 'updated' | 'unchanged' | 'logged';

export interface ApplyOutcome {
  applied: AppliedAs;
  /** Identity fields another office proposed for a household this office owns (now waiting for a decision). */
  corrections: number;
}

/**
 * Fields that only the household's owner office writes (DESIGN §6 rule 3). An update of one of them from
 * another office is not applied anywhere; at the owner it becomes a correction to accept or reject.
 */
export const IDENTITY_FIELDS: Readonly<Record<'household' | 'beneficiary', ReadonlySet<string>>> = {
  household: new Set(['head_name_mr', 'head_name_en', 'head_aadhaar_last4', 'head_aadhaar_bucket', 'head_aadhaar_sealed']),
  beneficiary: new Set(['name_mr', 'name_en', 'sex', 'dob', 'dob_estimated', 'relation', 'aadhaar_last4', 'aadhaar_bucket', 'aadhaar_sealed']),
};

/** Records only the hub writes (rule 4): routing and statewide duplicate notices. */
const HUB_ONLY: ReadonlySet<string> = new Set(['household_route', 'duplicate_notice']);

/** A received change that no version of this schema could have written. */
export class UnusableChange extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/**
 * Records describing the sending installation itself: its office row, series, logins and settings. They
 * travel (the log is the union) but are never applied to this office's own tables.
 */
const SENDER_ONLY: ReadonlySet<string> = new Set(['office', 'installation', 'operator', 'setting']);

/** Shared records in the order their foreign keys need them. */
const SHARED_IN_ORDER: readonly ReplicatedTable[] = [
  'awc',
  'household',
  'beneficiary',
  'measurement',
  'migration',
  'migration_event',
  'service',
  'print_job',
  'card_print',
  'beneficiary_photo',
  'household_route',
  'duplicate_notice',
];

/** Who-did-it columns naming another office's logins: kept only when that login exists here. */
const OPERATOR_COLUMNS: ReadonlySet<string> = new Set(['created_by', 'printed_by']);

type Row = Record<string, unknown>;
type SqlValue = string | number | Buffer | null;

const columnCache = new WeakMap<Store, Map<string, ReadonlySet<string>>>();

/** The statements every received change runs, compiled once per database (see Store.prepare). */
interface HotQueries {
  logged: PreparedQuery<{ counter: number }>;
  log: PreparedQuery<unknown>;
  clocks: PreparedQuery<FieldClock>;
  firstChanges: PreparedQuery<{ origin: string; hlc: string; op: 'insert' | 'update'; data: string }>;
  exists: Map<string, PreparedQuery<unknown>>;
  inserts: Map<string, (values: readonly SqlValue[]) => void>;
}

const hotCache = new WeakMap<Store, HotQueries>();

function hot(store: Store): HotQueries {
  let queries = hotCache.get(store);
  if (!queries) {
    queries = {
      logged: store.prepare(store.db.selectFrom('change_log').select('counter').where('origin', '=', '').where('counter', '=', 0)),
      log: store.prepare(
        store.db.insertInto('change_log').values({ origin: '', counter: 0, hlc: '', entity: '', entity_id: '', op: 'insert', data: '' }),
      ),
      clocks: store.prepare(store.db.selectFrom('field_clock').select(['field', 'hlc', 'origin']).where('entity', '=', '').where('entity_id', '=', '')),
      firstChanges: store.prepare(
        store.db.selectFrom('change_log').select(['origin', 'hlc', 'op', 'data']).where('entity', '=', '').where('entity_id', '=', '').limit(2),
      ),
      exists: new Map(),
      inserts: new Map(),
    };
    hotCache.set(store, queries);
  }
  return queries;
}

/** The (HLC, origin) of the change that last wrote a field. */
export interface FieldClock {
  field: string;
  hlc: string;
  origin: string;
}

/**
 * The clock of every field of a record. A record whose only change is its insert has no field_clock rows
 * (migration 0011): each field of the insert has the insert's clock. Empty when nothing is logged for it.
 */
export function fieldClocks(store: Store, entity: string, entityId: string): FieldClock[] {
  const queries = hot(store);
  const written = queries.clocks.all([entity, entityId]);
  if (written.length > 0) return written;
  const logged = queries.firstChanges.all([entity, entityId, 2]);
  if (logged.length !== 1 || logged[0]!.op !== 'insert') return [];
  const insert = logged[0]!;
  return Object.keys(JSON.parse(insert.data) as Row).map((field) => ({ field, hlc: insert.hlc, origin: insert.origin }));
}

/** Whether a change (origin, counter) is in the change log already: applied at most once. */
export function isReceived(store: Store, origin: string, counter: number): boolean {
  return hot(store).logged.get([origin, counter]) !== undefined;
}

function columnsOf(store: Store, table: string): ReadonlySet<string> {
  let tables = columnCache.get(store);
  if (!tables) columnCache.set(store, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) {
    const rows = store.all(store.db.selectFrom(sql<{ name: string }>`pragma_table_info(${table})`.as('c')).select('name' as never)) as { name: string }[];
    columns = new Set(rows.map((row) => row.name));
    tables.set(table, columns);
  }
  return columns;
}

function isReplicated(entity: string): entity is ReplicatedTable {
  return Object.hasOwn(REPLICATED_TABLES, entity);
}

/** Parses and checks a change's fields against the table; throws UnusableChange naming the problem. */
export function checkReceivedChange(store: Store, change: ReceivedChange): Row {
  if (!isReplicated(change.entity)) throw new UnusableChange(`unknown record type ${change.entity}`);
  const data = (change.fields ?? JSON.parse(change.data)) as Row;
  const columns = columnsOf(store, change.entity);
  const secrets: readonly string[] = SECRET_COLUMNS[change.entity] ?? [];
  const fields = Object.keys(data);
  if (fields.length === 0) throw new UnusableChange(`${change.entity} change without fields`);
  for (const field of fields) {
    if (!columns.has(field) || field === 'updated_hlc') throw new UnusableChange(`unknown field ${change.entity}.${field}`);
    if (secrets.includes(field)) throw new UnusableChange(`secret field ${change.entity}.${field}`);
  }
  if (HUB_ONLY.has(change.entity) && !change.origin.startsWith('hub-')) {
    throw new UnusableChange(`${change.entity} change from an office (only the state hub writes these)`);
  }
  const keyColumn = REPLICATED_TABLES[change.entity];
  if (change.op === 'insert' && String(data[keyColumn]) !== change.entityId) {
    throw new UnusableChange(`${change.entity} insert whose key differs from its id`);
  }
  if (change.op === 'update' && keyColumn in data && String(data[keyColumn]) !== change.entityId) {
    throw new UnusableChange(`${change.entity} update that changes its key`);
  }
  return data;
}

function newer(a: { hlc: string; origin: string }, b: { hlc: string; origin: string }): boolean {
  return a.hlc > b.hlc || (a.hlc === b.hlc && a.origin > b.origin);
}

function keyOf(table: ReplicatedTable): string {
  return REPLICATED_TABLES[table];
}

function rowExists(store: Store, table: ReplicatedTable, id: string): boolean {
  const queries = hot(store);
  let exists = queries.exists.get(table);
  if (!exists) {
    const key = keyOf(table);
    // Keys are text except the installation series, which is never applied here.
    exists = store.prepare(store.db.selectFrom(table).select(key as never).where(key as never, '=', '' as never));
    queries.exists.set(table, exists);
  }
  return exists.get([id]) !== undefined;
}

/**
 * A record's first change, with nothing logged for it before: its row is exactly the insert's fields.
 * Returns false when its parent is not here yet (the record waits, as in materialise).
 */
function insertFresh(store: Store, table: ReplicatedTable, change: ReceivedChange, data: Row): boolean {
  const columns = [...Object.keys(data), 'updated_hlc'];
  const signature = `${table}(${columns.join(',')})`;
  const queries = hot(store);
  let insert = queries.inserts.get(signature);
  if (!insert) {
    insert = store.prepareInsert(table, columns);
    queries.inserts.set(signature, insert);
  }
  const values = [...Object.keys(data).map((field) => toSql(store, field, data[field])), change.hlc];
  try {
    // One statement: when its foreign key fails, SQLite undoes the statement (and its triggers) alone.
    insert(values);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return false;
    throw error;
  }
}

function operatorExists(store: Store, id: string): boolean {
  return store.first(store.db.selectFrom('operator').select('id').where('id', '=', id)) !== undefined;
}

/** A change-log value as SQLite takes it: booleans as 0/1, binary (`{base64}`) as bytes. */
function toSql(store: Store, field: string, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') {
    const base64 = (value as { base64?: unknown }).base64;
    if (typeof base64 === 'string') return Buffer.from(base64, 'base64');
    throw new UnusableChange(`field ${field} holds a value of an unknown kind`);
  }
  if (typeof value === 'string' && OPERATOR_COLUMNS.has(field) && !operatorExists(store, value)) return null;
  return value as string | number;
}

/** The office that registered a household: the office part of the origin of its insert change. */
export function ownerOffice(store: Store, householdId: string): string | undefined {
  const insert = store.first(
    store.db.selectFrom('change_log').select('origin').where('entity', '=', 'household').where('entity_id', '=', householdId).where('op', '=', 'insert'),
  );
  return insert?.origin.split('-')[0];
}

function officeOf(origin: string): string {
  return origin.split('-')[0]!;
}

function householdOf(store: Store, change: ReceivedChange): string | undefined {
  if (change.entity === 'household') return change.entityId;
  return store.first(store.db.selectFrom('beneficiary').select('household_id').where('id', '=', change.entityId))?.household_id;
}

/**
 * Applies one received change: logs it under its own origin and counter, then writes the fields it wins.
 * Runs inside the caller's transaction.
 */
export function applyReceivedChange(store: Store, change: ReceivedChange, thisOffice?: string): ApplyOutcome {
  const data = checkReceivedChange(store, change);
  const table = change.entity as ReplicatedTable;
  const queries = hot(store);
  const logIt = () => queries.log.run([change.origin, change.counter, change.hlc, change.entity, change.entityId, change.op, change.data]);
  if (SENDER_ONLY.has(table)) {
    logIt();
    return { applied: 'logged', corrections: 0 };
  }
  if (!rowExists(store, table, change.entityId)) {
    // Logging sets the field clocks; the row is then the fold of everything logged for it (or, for the
    // first change of a record, simply the insert's fields). A record's first change leaves no clock rows
    // when it is an insert (migration 0011), and the trigger writes them all out with its second change:
    // so no rows now means nothing else is logged for this record.
    logIt();
    if (change.op !== 'insert') return { applied: 'logged', corrections: 0 };
    const first = queries.clocks.get([change.entity, change.entityId]) === undefined;
    const built = first ? insertFresh(store, table, change, data) : materialise(store, table, change.entityId);
    return { applied: built ? 'inserted' : 'logged', corrections: 0 };
  }
  // Which fields this change wins, read before logging it moves the clocks.
  const clocks = new Map(fieldClocks(store, change.entity, change.entityId).map((clock) => [clock.field, clock]));
  let winners = Object.keys(data).filter((field) => {
    const clock = clocks.get(field);
    return !clock || newer(change, clock);
  });
  const proposed = identityEditsByOthers(store, change, Object.keys(data));
  let corrections = 0;
  logIt();
  if (proposed) {
    // Not applied here, and the clocks go back, so a later fold of the record ignores it too.
    winners = winners.filter((field) => !proposed.fields.includes(field));
    for (const field of proposed.fields) {
      const before = clocks.get(field);
      const clock = store.db.updateTable('field_clock').where('entity', '=', change.entity).where('entity_id', '=', change.entityId).where('field', '=', field);
      if (before) store.run(clock.set({ hlc: before.hlc, origin: before.origin }));
      else store.run(store.db.deleteFrom('field_clock').where('entity', '=', change.entity).where('entity_id', '=', change.entityId).where('field', '=', field));
    }
    if (proposed.owner === thisOffice) corrections = recordCorrections(store, change, proposed.householdId, proposed.fields, data);
  }
  if (winners.length === 0) return { applied: 'unchanged', corrections };
  const patch: Row = {};
  for (const field of winners) patch[field] = toSql(store, field, data[field]);
  const key = keyOf(table);
  store.run(
    store.db
      .updateTable(table)
      .set({ ...patch, updated_hlc: sql`max(updated_hlc, ${change.hlc})` } as never)
      .where(key as never, '=', change.entityId as never),
  );
  return { applied: 'updated', corrections };
}

/** The identity fields an update from a non-owner office touches, or null when it may write them all. */
function identityEditsByOthers(
  store: Store,
  change: ReceivedChange,
  fields: readonly string[],
): { owner: string; householdId: string; fields: string[] } | null {
  if (change.op !== 'update' || (change.entity !== 'household' && change.entity !== 'beneficiary')) return null;
  const identity = fields.filter((field) => IDENTITY_FIELDS[change.entity as 'household' | 'beneficiary'].has(field));
  if (identity.length === 0) return null;
  const householdId = householdOf(store, change);
  const owner = householdId === undefined ? undefined : ownerOffice(store, householdId);
  if (owner === undefined || householdId === undefined || owner === officeOf(change.origin)) return null;
  return { owner, householdId, fields: identity };
}

function recordCorrections(store: Store, change: ReceivedChange, householdId: string, fields: readonly string[], data: Row): number {
  let recorded = 0;
  for (const field of fields) {
    const inserted = store.run(
      store.db
        .insertInto('correction')
        .values({
          origin: change.origin,
          counter: change.counter,
          hlc: change.hlc,
          entity: change.entity as 'household' | 'beneficiary',
          entity_id: change.entityId,
          household_id: householdId,
          field,
          proposed_value: JSON.stringify(data[field] ?? null),
          status: 'pending',
          decided_at: null,
          decided_by: null,
        })
        .onConflict((oc) => oc.doNothing()),
    );
    recorded += inserted.changes;
  }
  return recorded;
}

/**
 * Builds a missing row from the winning value of each of its fields in change_log. Returns false when
 * its parent row is not here yet (a foreign key fails): the record waits, nothing is written.
 */
function materialise(store: Store, table: ReplicatedTable, id: string): boolean {
  const clocks = fieldClocks(store, table, id);
  const row: Row = {};
  let updatedHlc = '';
  const dataOf = new Map<string, Row>();
  for (const clock of clocks) {
    const source = `${clock.origin} ${clock.hlc}`;
    let data = dataOf.get(source);
    if (!data) {
      const entry = store.first(
        store.db
          .selectFrom('change_log')
          .select('data')
          .where('entity', '=', table)
          .where('entity_id', '=', id)
          .where('origin', '=', clock.origin)
          .where('hlc', '=', clock.hlc),
      );
      data = entry ? (JSON.parse(entry.data) as Row) : {};
      dataOf.set(source, data);
    }
    if (!(clock.field in data)) continue;
    row[clock.field] = toSql(store, clock.field, data[clock.field]);
    if (clock.hlc > updatedHlc) updatedHlc = clock.hlc;
  }
  try {
    store.transaction(() => {
      store.run(store.db.insertInto(table).values({ ...row, updated_hlc: updatedHlc } as never));
    });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return false;
    throw error;
  }
}

function hasInsert(store: Store, table: ReplicatedTable, id: string): boolean {
  const insert = store.first(
    store.db.selectFrom('change_log').select('counter').where('entity', '=', table).where('entity_id', '=', id).where('op', '=', 'insert').limit(1),
  );
  return insert !== undefined;
}

/**
 * For a batch that brings many beneficiaries: the name index (FTS5) is left alone while the batch writes
 * rows and rebuilt once by what this returns, to be called after the batch's last row, in the same
 * transaction (migration 0012). A rebuild reads every beneficiary here, about a twentieth of the cost of
 * indexing one row as it is written, so small batches into a large office keep the per-row triggers.
 */
export function deferNameSearch(store: Store, incomingBeneficiaries: number): () => void {
  if (incomingBeneficiaries === 0) return () => {};
  const present = Number(store.first(store.db.selectFrom('beneficiary').select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
  if (incomingBeneficiaries * 20 < present) return () => {};
  store.run(store.db.insertInto('name_search_deferred').values({ id: 1 }));
  return () => {
    store.run(store.db.deleteFrom('name_search_deferred'));
    store.run({ compile: () => sql`INSERT INTO beneficiary_search (beneficiary_search) VALUES ('rebuild')`.compile(store.db) });
  };
}

/**
 * Builds every shared record that has its insert in change_log but no row yet, parents first; returns
 * how many it built per table. Called after a batch of received changes, once their parents are here.
 */
export function materialiseWaiting(store: Store): Map<ReplicatedTable, number> {
  const built = new Map<ReplicatedTable, number>();
  for (const table of SHARED_IN_ORDER) {
    const key = keyOf(table);
    // Only the (entity, entity_id) index is read here: reading `op` from every logged change would read
    // the whole log. The few records without a row are then checked for an insert.
    const waiting = store.all(
      store.db
        .selectFrom('change_log')
        .select('entity_id')
        .distinct()
        .where('entity', '=', table)
        .where((eb) => eb.not(eb.exists(eb.selectFrom(table).select(sql`1`.as('one')).where(key as never, '=', eb.ref('change_log.entity_id') as never)))),
    );
    for (const { entity_id } of waiting) {
      if (!hasInsert(store, table, entity_id)) continue;
      if (materialise(store, table, entity_id)) built.set(table, (built.get(table) ?? 0) + 1);
    }
  }
  return built;
}
