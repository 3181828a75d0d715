import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../../src-main/common/migration-files.ts';
import { Problem } from '../../../src-main/common/problem.ts';
import {
  hubProblemFrom,
  insertChanges,
  loadHubMigrations,
  readChanges,
  readHubStatus,
  recordBundleSeen,
  type HubDatabase,
  type HubSchema,
  type Migration,
  type StoredChange,
} from '../../../src-main/hub/store/index.ts';
import { describeOnEachBackend } from './backends.ts';

const MIGRATIONS = loadHubMigrations();
const LATEST = MIGRATIONS.at(-1)!.version;

/** Everything a refused open could have touched: the tables of the schema and the migration record. */
async function snapshot(db: Kysely<HubSchema>): Promise<unknown> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() ORDER BY table_name`.execute(db);
  const applied = await db.selectFrom('hub_schema_migration').selectAll().orderBy('version').execute();
  return { tables: tables.rows.map((row) => row.name), applied };
}

async function refusal(action: () => Promise<unknown>): Promise<Problem> {
  try {
    await action();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a refusal, but it succeeded');
}

function migration(version: number, name: string, text: string): Migration {
  return { version, name, sql: text, checksum: checksumOf(text) };
}

async function enrolOffice(db: HubDatabase, code: string): Promise<void> {
  await db
    .insertInto('office')
    .values({ code, district_lgd: 486, block_name: 'Akkalkuwa', name_mr: 'अक्कलकुवा', name_en: 'Akkalkuwa', enrolled_at: new Date() })
    .execute();
}

function change(origin: string, counter: number): StoredChange {
  return {
    origin,
    counter,
    hlc: `2026-12-03T08:00:00.000Z-${String(counter).padStart(6, '0')}-${origin}`,
    entity: 'measurement',
    entityId: `${origin}:${counter}`,
    op: 'insert',
    data: { weight_g: 9_000 + counter, tags: ['a', counter % 2 === 0 ? 'even' : 'odd'], nested: { ok: true, none: null } },
  };
}

describeOnEachBackend('hub database', (backend) => {
  describe('migrations', () => {
    it('creates every table of the first schema and records each step with its checksum', async () => {
      const db = await backend.fresh();
      const state = (await snapshot(db)) as { tables: string[]; applied: Array<{ version: number; checksum: string }> };
      expect(state.tables).toEqual([
        'aadhaar_duplicate_pair', 'aadhaar_index', 'bundle_seen', 'change', 'change_household', 'household_route', 'hub_installation', 'hub_schema_migration', 'office', 'office_ack',
        'office_key', 'origin_high_water', 'record_household', 'series_grant', 'unlinked_change',
      ]);
      expect(state.applied.map((row) => [row.version, row.checksum])).toEqual(MIGRATIONS.map((m) => [m.version, m.checksum]));
      expect((await readHubStatus(db)).schemaVersion).toBe(LATEST);
    });

    it('opening an up-to-date database again applies nothing and writes nothing', async () => {
      const schema = await backend.emptySchema();
      const first = await backend.open(schema);
      await enrolOffice(first, '2714');
      const before = await snapshot(first);
      await first.destroy();

      const again = await backend.open(schema);
      expect(await snapshot(again)).toEqual(before);
      expect((await readHubStatus(again)).counts.offices).toBe(1);
    });

    it('applies a later step on the next open, in the same transaction as its record', async () => {
      const schema = await backend.emptySchema();
      await (await backend.open(schema)).destroy();
      const next = migration(LATEST + 1, 'extra', 'CREATE TABLE extra_step (id integer PRIMARY KEY);');
      const db = await backend.open(schema, { migrations: [...MIGRATIONS, next] });
      const state = (await snapshot(db)) as { tables: string[]; applied: Array<{ version: number }> };
      expect(state.tables).toContain('extra_step');
      expect(state.applied.map((row) => row.version).at(-1)).toBe(LATEST + 1);
    });

    it('a step that fails leaves the database as it was', async () => {
      const schema = await backend.emptySchema();
      const db = await backend.open(schema);
      const before = await snapshot(db);
      const broken = migration(LATEST + 1, 'broken', 'CREATE TABLE half_done (id integer); SELECT no_such_function();');
      await expect(backend.open(schema, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/no_such_function/);
      expect(await snapshot(db)).toEqual(before);
    });

    it('refuses a database whose applied step was edited since, and changes nothing', async () => {
      const schema = await backend.emptySchema();
      const db = await backend.open(schema);
      const before = await snapshot(db);
      const edited = MIGRATIONS.map((m, index) =>
        index === 0 ? migration(m.version, m.name, `${m.sql}\n-- a comment added later\n`) : m);
      const later = migration(LATEST + 1, 'later', 'CREATE TABLE later_step (id integer);');

      const problem = await refusal(() => backend.open(schema, { migrations: [...edited, later] }));
      expect(problem.code).toBe('edited-migration');
      expect(problem.message).toBe(
        'Database schema step 0001 (hub) does not match this version of the MTS state hub (mts-hub). The database was not changed; contact the state IT cell.',
      );
      expect(problem.text.mr).toContain('0001');
      expect(await snapshot(db)).toEqual(before);
    });

    it('refuses a database written by a newer hub, and changes nothing', async () => {
      const schema = await backend.emptySchema();
      const newer = migration(LATEST + 1, 'from_the_future', 'CREATE TABLE future_table (id integer);');
      const db = await backend.open(schema, { migrations: [...MIGRATIONS, newer] });
      const before = await snapshot(db);

      const problem = await refusal(() => backend.open(schema));
      expect(problem.code).toBe('newer-database');
      expect(problem.message).toBe(
        `This database was written by a newer version of the MTS state hub (mts-hub) (schema ${LATEST + 1}; this version knows up to ${LATEST}). Install the newer version; the database was not changed.`,
      );
      expect(await snapshot(db)).toEqual(before);
    });

    it('refuses a schema holding somebody else\'s tables, and an absent hub when told it must exist', async () => {
      const schema = await backend.emptySchema();
      const empty = await refusal(() => backend.open(schema, { mustExist: true }));
      expect(empty.code).toBe('no-hub-database');

      const other = await backend.open(schema, { migrations: [migration(1, 'not_ours', 'CREATE TABLE invoices (id integer);')] });
      await sql`DROP TABLE hub_schema_migration`.execute(other);
      const foreign = await refusal(() => backend.open(schema));
      expect(foreign.code).toBe('not-a-hub-database');
      const tables = await sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(other);
      expect(tables.rows.map((row) => row.name)).toEqual(['invoices']);
    });
  });

  describe('tables', () => {
    it('stores 10,000 changes in multi-row inserts and reads them back in (origin, counter) order', async () => {
      const db = await backend.fresh();
      const origins = ['hub-001', '2714-002', '2714-001', '3301-001'];
      const changes = origins.flatMap((origin) => Array.from({ length: 2_500 }, (_, i) => change(origin, i + 1)));
      // Interleaved and reversed, so the order read back comes from the database, not from the insert.
      const shuffled = changes.map((c, i) => ({ c, key: (i * 7_919) % changes.length })).sort((a, b) => a.key - b.key).map((x) => x.c);

      const inserted = await db.transaction().execute((trx) => insertChanges(trx, shuffled, null));
      expect(inserted).toBe(10_000);

      const expected = [...changes].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.counter - b.counter));
      const stored = await readChanges(db);
      expect(stored).toHaveLength(10_000);
      expect(stored).toEqual(expected);
      expect(stored[0]!.origin).toBe('2714-001');
      expect(stored.at(-1)).toEqual(change('hub-001', 2_500));

      const tail = await readChanges(db, { origin: '2714-002', after: 2_498 });
      expect(tail.map((c) => c.counter)).toEqual([2_499, 2_500]);
      expect((await readHubStatus(db)).counts).toMatchObject({ changes: 10_000, origins: 4 });
    });

    it('a write from outside an open transaction waits for it instead of joining it', async () => {
      // PGlite is a single session: without the adapter's queue the outside insert would run inside the
      // transaction below and vanish with its rollback.
      const db = await backend.fresh();
      let entered!: () => void;
      let abandon!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (abandon = resolve));
      const transaction = db.transaction().execute(async (trx) => {
        await insertChanges(trx, [change('2714-001', 1)], null);
        entered();
        await gate;
        throw new Error('abandoned on purpose');
      });
      await inside;
      const outside = insertChanges(db, [change('2714-001', 2)], null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      abandon();
      await expect(transaction).rejects.toThrow('abandoned on purpose');
      expect(await outside).toBe(1);
      expect((await readChanges(db)).map((c) => c.counter)).toEqual([2]);
    });

    it('returns the same JavaScript values on every backend', async () => {
      const db = await backend.fresh();
      await insertChanges(db, [{ ...change('2714-001', 1), data: [1, 'दोन', { three: 3 }] }], 'a7f3c8e2-1b4d-4e6f-9a0b-2c3d4e5f6a7b');
      const row = await db.selectFrom('change').selectAll().executeTakeFirstOrThrow();
      expect(row.counter).toBe(1);
      expect(row.data).toEqual([1, 'दोन', { three: 3 }]);
      expect(row.received_at).toBeInstanceOf(Date);
      expect(row.bundle_id).toBe('a7f3c8e2-1b4d-4e6f-9a0b-2c3d4e5f6a7b');
      const count = await db.selectFrom('change').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
    });

    it('a change with an origin and counter already stored is refused with a clear error, and its batch changes nothing', async () => {
      const db = await backend.fresh();
      await insertChanges(db, [change('2714-001', 5)], null);

      const error = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('change').values({ ...row(change('2714-001', 6)) }).execute();
          await trx.insertInto('change').values({ ...row(change('2714-001', 5)) }).execute();
        })
        .then(() => undefined, (thrown: unknown) => thrown);
      expect((error as { code?: string }).code).toBe('23505');
      const problem = hubProblemFrom(error);
      expect(problem?.code).toBe('duplicate-change');
      expect(problem?.message).toBe('Change 2714-001 #5 is already stored on the hub; a change is applied at most once. Nothing was changed.');
      expect((await readChanges(db)).map((c) => c.counter)).toEqual([5]);

      // The importer's path skips what is already there instead of failing.
      expect(await insertChanges(db, [change('2714-001', 5), change('2714-001', 6)], null)).toBe(1);
      expect((await readChanges(db)).map((c) => c.counter)).toEqual([5, 6]);
    });

    it('importing the same bundle twice records it once and adds its changes once', async () => {
      const db = await backend.fresh();
      const bundle = { bundleId: '0b5e5a3e-8a51-4c5e-b3f2-5d7c9e1a2b3c', fromOffice: '2714', kind: 'changes' as const, outcome: 'applied' as const, changeCount: 3 };
      const changes = [1, 2, 3].map((n) => change('2714-001', n));
      const importOnce = () =>
        db.transaction().execute(async (trx) => {
          if (!(await recordBundleSeen(trx, bundle))) return 'already imported';
          return `${await insertChanges(trx, changes, bundle.bundleId)} new`;
        });

      expect(await importOnce()).toBe('3 new');
      const afterFirst = await readHubStatus(db);
      expect(await importOnce()).toBe('already imported');
      expect(await readHubStatus(db)).toEqual(afterFirst);
      expect(afterFirst.counts).toMatchObject({ bundlesSeen: 1, changes: 3 });
      const seen = await db.selectFrom('bundle_seen').selectAll().executeTakeFirstOrThrow();
      expect(seen).toMatchObject({ from_office: '2714', kind: 'changes', outcome: 'applied', change_count: 3 });
    });

    it('keeps acknowledgements cumulative: an ack may grow, never go down', async () => {
      const db = await backend.fresh();
      await enrolOffice(db, '2714');
      const ack = (counter: number) =>
        db
          .insertInto('office_ack')
          .values({ office_code: '2714', origin: '3301-001', counter, updated_at: new Date() })
          .onConflict((conflict) => conflict.columns(['office_code', 'origin']).doUpdateSet((eb) => ({ counter: eb.ref('excluded.counter'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      await ack(10);
      await ack(25);
      const error = await ack(7).then(() => undefined, (thrown: unknown) => thrown);
      expect(String((error as Error).message)).toContain('acknowledgement of 3301-001 by office 2714 would go down from 25 to 7');
      expect(hubProblemFrom(error)?.code).toBe('hub-constraint');
      const stored = await db.selectFrom('office_ack').select('counter').executeTakeFirstOrThrow();
      expect(stored.counter).toBe(25);
    });

    it('never grants one office the same series twice, and routes a household to an office or to the unrouted list', async () => {
      const db = await backend.fresh();
      await enrolOffice(db, '2714');
      await enrolOffice(db, '3301');
      await db.insertInto('series_grant').values({ office_code: '2714', series: 1, granted_at: new Date() }).execute();
      const again = await db
        .insertInto('series_grant')
        .values({ office_code: '2714', series: 1, granted_at: new Date() })
        .execute()
        .then(() => undefined, (thrown: unknown) => thrown);
      expect(hubProblemFrom(again)?.message).toBe('The hub database refused the write (rule series_grant_pkey on series_grant). Nothing was changed.');

      const now = new Date();
      await db.insertInto('household_route').values([
        { household_id: 'H-1', owner_office: '2714', destination_office: '3301', unrouted_reason: null, updated_at: now },
        { household_id: 'H-2', owner_office: '2714', destination_office: null, unrouted_reason: 'destination in Gujarat', updated_at: now },
      ]).execute();
      const both = await db
        .insertInto('household_route')
        .values({ household_id: 'H-3', owner_office: '2714', destination_office: '3301', unrouted_reason: 'contradiction', updated_at: now })
        .execute()
        .then(() => undefined, (thrown: unknown) => thrown);
      expect(hubProblemFrom(both)?.code).toBe('hub-constraint');
      expect((await readHubStatus(db)).counts).toMatchObject({ offices: 2, seriesGrants: 1, households: 2, householdsUnrouted: 1 });
    });
  });

});

function row(c: StoredChange) {
  return { origin: c.origin, counter: c.counter, hlc: c.hlc, entity: c.entity, entity_id: c.entityId, op: c.op, data: JSON.stringify(c.data), bundle_id: null };
}
