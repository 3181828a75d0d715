import { randomUUID } from 'node:crypto';
import type { Insertable, Updateable } from 'kysely';
import { HybridClock } from './hlc.ts';
import type { Store } from './database.ts';
import { REPLICATED_TABLES, SECRET_COLUMNS, type ReplicatedTable, type Schema } from './schema.ts';

/** Who is writing. Null only for the first-run setup, before any operator exists. */
export interface Actor {
  operatorId: string | null;
}

type Row = Record<string, unknown>;

/** Values that identify people or unlock accounts stay out of the audit trail that supervisors read. */
const HIDDEN_IN_AUDIT = new Set(['aadhaar_bucket', 'aadhaar_sealed', 'head_aadhaar_bucket', 'head_aadhaar_sealed', 'jpeg']);

/**
 * The single path for every write: each insert or update appends a change-log entry (for sync) and an
 * audit entry (who, when, old → new) inside the same SQLite transaction as the write itself.
 */
export class Writer {
  private readonly clock: HybridClock;

  constructor(
    private readonly store: Store,
    private origin: string | null,
  ) {
    this.clock = new HybridClock(origin ?? 'setup');
    const newest = store.first(store.db.selectFrom('change_log').select((eb) => eb.fn.max('hlc').as('hlc')));
    this.clock.resumeAfter(newest?.hlc);
  }

  /** Called once the office and its installation series exist (first-run setup, restore). */
  useOrigin(origin: string | null): void {
    this.origin = origin;
    this.clock.node = origin ?? 'setup';
  }

  /** A change received from another office: our next timestamp sorts after it (sync import). */
  observe(hlc: string): void {
    this.clock.observe(hlc);
  }

  get currentOrigin(): string | null {
    return this.origin;
  }

  write<T>(actor: Actor, work: (batch: WriteBatch) => T): T {
    return this.store.transaction(() => {
      if (!this.origin) throw new Error('no change-log origin: the office is not set up yet');
      const last = this.store.first(
        this.store.db
          .selectFrom('change_log')
          .select((eb) => eb.fn.max('counter').as('counter'))
          .where('origin', '=', this.origin),
      );
      const batch = new WriteBatch(this.store, this.clock, this.origin, (last?.counter ?? 0) + 1, actor);
      return work(batch);
    });
  }

  /** Events that change no record but must be on the audit trail (log-in, print, export). */
  auditOnly(actor: Actor, action: string, details: { entity?: string; entityId?: string; reason?: string; after?: Row } = {}): void {
    this.store.transaction(() => {
      new WriteBatch(this.store, this.clock, this.origin ?? 'setup', 0, actor).audit(action, details);
    });
  }
}

export class WriteBatch {
  constructor(
    private readonly store: Store,
    private readonly clock: HybridClock,
    private readonly origin: string,
    private nextCounter: number,
    private readonly actor: Actor,
  ) {}

  insert<T extends ReplicatedTable>(table: T, row: Omit<Insertable<Schema[T]>, 'updated_hlc'>, reason?: string): string {
    const hlc = this.clock.tick();
    const full = { ...row, updated_hlc: hlc } as Row;
    this.store.run(this.store.db.insertInto(table).values(full as never));
    const key = String(full[REPLICATED_TABLES[table]]);
    this.appendChange(hlc, table, key, 'insert', withoutSecrets(table, row as Row));
    this.audit(`${table}.insert`, { entity: table, entityId: key, after: row as Row, reason });
    return hlc;
  }

  /**
   * Updates only the fields that really change and records them; returns false when nothing changed.
   * Identity is the table's primary key (id, code, key or series).
   */
  update<T extends ReplicatedTable>(table: T, key: string | number, patch: Omit<Updateable<Schema[T]>, 'updated_hlc'>, reason?: string): boolean {
    const keyColumn = REPLICATED_TABLES[table];
    const before = this.store.first(
      this.store.db.selectFrom(table as ReplicatedTable).selectAll().where(keyColumn as never, '=', key as never),
    ) as Row | undefined;
    if (!before) throw new Error(`${table} ${String(key)} does not exist`);
    const changed: Row = {};
    const previous: Row = {};
    for (const [field, value] of Object.entries(patch as Row)) {
      if (value === undefined || before[field] === value) continue;
      changed[field] = value;
      previous[field] = before[field];
    }
    if (Object.keys(changed).length === 0) return false;
    const hlc = this.clock.tick();
    this.store.run(
      this.store.db
        .updateTable(table as ReplicatedTable)
        .set({ ...changed, updated_hlc: hlc } as never)
        .where(keyColumn as never, '=', key as never),
    );
    const replicated = withoutSecrets(table, changed);
    // A change of secrets alone (a new password) is nothing that sync may carry.
    if (Object.keys(replicated).length > 0) this.appendChange(hlc, table, String(key), 'update', replicated);
    this.audit(`${table}.update`, { entity: table, entityId: String(key), before: previous, after: changed, reason });
    return true;
  }

  /**
   * Writes the current values of `fields` again under a new clock without changing them, so that every
   * copy elsewhere returns to them: the owner office rejecting another office's correction.
   */
  reassert<T extends ReplicatedTable>(table: T, key: string, fields: readonly (keyof Schema[T] & string)[], reason?: string): void {
    const keyColumn = REPLICATED_TABLES[table];
    const row = this.store.first(this.store.db.selectFrom(table as ReplicatedTable).selectAll().where(keyColumn as never, '=', key as never)) as Row | undefined;
    if (!row) throw new Error(`${table} ${key} does not exist`);
    const values: Row = {};
    for (const field of fields) values[field] = row[field];
    const hlc = this.clock.tick();
    this.store.run(this.store.db.updateTable(table as ReplicatedTable).set({ updated_hlc: hlc } as never).where(keyColumn as never, '=', key as never));
    this.appendChange(hlc, table, key, 'update', withoutSecrets(table, values));
    this.audit(`${table}.reassert`, { entity: table, entityId: key, after: values, reason });
  }

  /**
   * Bulk path for imports and seeding: one prepared statement per table instead of a query builder per row,
   * still with a change-log entry per row and one audit entry for the whole batch.
   */
  insertMany<T extends ReplicatedTable>(table: T, rows: readonly Omit<Insertable<Schema[T]>, 'updated_hlc'>[], reason?: string): void {
    const first = rows[0] as Row | undefined;
    if (!first) return;
    const columns = [...Object.keys(first), 'updated_hlc'];
    const insertRow = this.store.prepareInsert(table, columns);
    const insertChange = this.store.prepareInsert('change_log', ['origin', 'counter', 'hlc', 'entity', 'entity_id', 'op', 'data']);
    const keyColumn = REPLICATED_TABLES[table];
    for (const row of rows as readonly Row[]) {
      const hlc = this.clock.tick();
      insertRow(columns.map((column) => (column === 'updated_hlc' ? hlc : toSql(row[column]))));
      insertChange([this.origin, this.nextCounter++, hlc, table, String(row[keyColumn]), 'insert', changeData(withoutSecrets(table, row))]);
    }
    this.audit(`${table}.insert-many`, { entity: table, after: { count: rows.length }, reason });
  }

  audit(action: string, details: { entity?: string; entityId?: string; before?: Row; after?: Row; reason?: string | undefined }): void {
    this.store.run(
      this.store.db.insertInto('audit_log').values({
        id: randomUUID(),
        at: new Date().toISOString(),
        operator_id: this.actor.operatorId,
        action,
        entity: details.entity ?? null,
        entity_id: details.entityId ?? null,
        before: details.before ? JSON.stringify(redact(details.before)) : null,
        after: details.after ? JSON.stringify(redact(details.after)) : null,
        reason: details.reason ?? null,
      }),
    );
  }

  private appendChange(hlc: string, entity: string, entityId: string, op: 'insert' | 'update', data: Row): void {
    this.store.run(
      this.store.db.insertInto('change_log').values({
        origin: this.origin,
        counter: this.nextCounter++,
        hlc,
        entity,
        entity_id: entityId,
        op,
        data: changeData(data),
      }),
    );
  }
}

/** Binary columns (photos) travel as base64 text, not as JSON arrays of numbers. */
function changeData(row: Row): string {
  return JSON.stringify(row, (_key, value: unknown) =>
    value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)
      ? { base64: Buffer.from((value as { data: number[] }).data).toString('base64') }
      : value,
  );
}

/** The row as sync may carry it: secret columns (schema.ts SECRET_COLUMNS) never enter the change log. */
function withoutSecrets(table: ReplicatedTable, row: Row): Row {
  const secrets: readonly string[] | undefined = SECRET_COLUMNS[table];
  if (!secrets) return row;
  const copy: Row = { ...row };
  for (const column of secrets) delete copy[column];
  return copy;
}

function toSql(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as string | number;
}

/** Every secret column (schema.ts) is hidden on the audit trail as well, whatever HIDDEN_IN_AUDIT lists. */
const SECRET_NAMES = new Set<string>(Object.values(SECRET_COLUMNS).flat());

function redact(row: Row): Row {
  const copy: Row = {};
  for (const [field, value] of Object.entries(row)) {
    copy[field] = (HIDDEN_IN_AUDIT.has(field) || SECRET_NAMES.has(field)) && value !== null ? '[protected]' : value;
  }
  return copy;
}
