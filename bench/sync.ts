// Sync benchmarks (issue 10): a bundle of 100,000 changes exported by the seeded office, imported by a
// fresh office of another block and by the state hub (embedded PGlite), and the bare-SQLite bulk insert
// of the same rows for comparison.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { addPeer, enrolRequest, exportChanges, importBundle, type PeerInput } from '../src-main/exchange/index.ts';
import { enrolOffice } from '../src-main/hub/enrol.ts';
import type { Hub } from '../src-main/hub/hub.ts';
import { importOfficeBundle } from '../src-main/hub/import.ts';
import { initHubKeys, type HubKeys } from '../src-main/hub/keys.ts';
import { openHubDatabase, type HubDatabase } from '../src-main/hub/store/index.ts';
import { importStateKeys } from '../src-main/registry/index.ts';
import { ensureOfficeAgeIdentity } from '../src-main/keys/index.ts';
import { openOfficeData } from '../src-main/office/open.ts';
import { setUpOffice, type OfficeData } from '../src-main/office/service.ts';
import { DATABASE_FILE, openStore } from '../src-main/store/index.ts';
import { encodeChangesPayload, rangesOf, splitIntoChunks, type BundleChange } from '../src-main/sync/index.ts';
import { measure, type BenchResult } from './harness.ts';

export const BUNDLE_CHANGES = Number(process.env.MTS_BENCH_SYNC_CHANGES ?? 100_000);
const RUNS = 3;
// Records of the sending installation itself: logged by an import, never applied (store/received.ts).
const SENDER_ONLY = new Set(['office', 'installation', 'operator', 'setting']);

export interface SyncBench {
  results: BenchResult[];
}

export async function syncCases(seededDir: string): Promise<SyncBench> {
  const work = mkdtempSync(join(tmpdir(), 'mts-bench-sync-'));
  // One PGlite for the hub case, a fresh schema per run: creating a PGlite folder (initdb) costs ~11 s.
  const pglite = await PGlite.create(join(work, 'pgdata'));
  const opened: HubDatabase[] = [];
  try {
    const keys = await initHubKeys(join(work, 'hub'), {});
    const schemas = new Map<HubDatabase, string>();
    const hubDatabase = async () => {
      const schema = `hub_bench_${randomBytes(4).toString('hex')}`;
      await pglite.exec(`CREATE SCHEMA ${schema}`);
      const db = await openHubDatabase({ pglite, schema });
      opened.push(db);
      schemas.set(db, schema);
      return db;
    };
    const dropHubDatabase = async (hub: Hub) => {
      await pglite.exec(`DROP SCHEMA ${schemas.get(hub.db)!} CASCADE`);
    };
    const hub = { peer: 'hub', publicKey: keys.signingPublicKey, ageRecipient: keys.ageRecipient };

    // Office A: the seeded office, enrolled at the hub for real, with the hub acknowledging all but its
    // last 100,000 changes.
    const a = openOfficeData(seededDir);
    const firstHub: Hub = { db: await hubDatabase(), keys };
    await enrolAtHub(a, firstHub, keys);
    const origin = a.writer.currentOrigin!;
    const high = Number(a.store.first(a.store.db.selectFrom('change_log').select((eb) => eb.fn.max('counter').as('high')).where('origin', '=', origin))?.high ?? 0);
    a.store.run(a.store.db.insertInto('sync_peer_ack').values({ peer: 'hub', origin, high_water: Math.max(0, high - BUNDLE_CHANGES) }));
    let toHub: Uint8Array[] = [];
    const exported = await measure({
      name: 'sync.export.100k',
      runs: RUNS,
      run: async () => {
        const bundle = await exportChanges(a, 'hub');
        if (bundle.changes !== BUNDLE_CHANGES) throw new Error(`bench: exported ${bundle.changes} of ${BUNDLE_CHANGES}`);
        toHub = bundle.files;
        return bundle;
      },
    });
    const request = await enrolRequest(a);

    // The first 100,000 changes of A, as the hub would forward them to office B.
    const changes: BundleChange[] = a.store
      .all(a.store.db.selectFrom('change_log').selectAll().where('origin', '=', origin).where('counter', '<=', BUNDLE_CHANGES).orderBy('counter'))
      .map((row) => ({ origin: row.origin, counter: row.counter, hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, data: row.data }));
    a.store.close();
    // In a function of its own, and the rows handed over (splice), so that its bundle, copies and rows are
    // garbage before the hub's runs.
    const [imported, baseline] = await officeCases(work, keys, hub, changes.splice(0));

    // The hub: the same office bundle into a hub holding nothing yet but the office's enrolment. Each run
    // gets a fresh schema, the previous run's is dropped, and a checkpoint writes out what is left in
    // PGlite's buffers (PGlite has no background writer): otherwise a run would pay for writing out the
    // pages of the runs before it, which a hub importing for real does not have.
    const hubs: Hub[] = [];
    const atHub = await measure({
      name: 'hub.import.100k',
      runs: RUNS,
      prepare: async (i) => {
        if (i > 0) await dropHubDatabase(hubs[i - 1]!);
        const run: Hub = { db: await hubDatabase(), keys };
        await enrolOffice(run, request.text);
        hubs.push(run);
        await pglite.exec('CHECKPOINT');
      },
      run: async (i) => {
        const result = await importOfficeBundle(hubs[i]!, toHub);
        if (result.status !== 'imported' || result.changes !== BUNDLE_CHANGES || result.inserted !== BUNDLE_CHANGES) {
          throw new Error(`bench: hub ${result.status}, ${result.inserted} new of ${result.changes} changes, expected ${BUNDLE_CHANGES}`);
        }
        return result;
      },
    });
    return { results: [exported, imported, atHub, baseline] };
  } finally {
    for (const db of opened) await db.destroy();
    await pglite.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The office side: a fresh office of another block imports the changes, and bare SQLite inserts them. */
async function officeCases(work: string, keys: HubKeys, hub: PeerInput, changes: BundleChange[]): Promise<[BenchResult, BenchResult]> {
  // Office B: set up once, copied for every run so each import starts from the same empty office.
  const template = join(work, 'b');
  mkdirSync(template);
  const b = openOfficeData(template);
  await setUpOffice(b, {
    officeCode: '4712',
    districtLgd: 470,
    blockName: 'Parli',
    nameMr: 'परळी प्रकल्प',
    nameEn: 'Parli ICDS Project',
    series: 1,
    awcCsv: 'code,name_mr,name_en,village,sector,worker_name,worker_mobile\n27047500001,परळी अंगणवाडी,Parli AWC,Parli,Sector 1,,',
    admin: { username: 'admin', fullName: 'Bench Admin', password: 'Bench1234', language: 'en' },
  });
  addPeer(b, hub);
  const recipient = (await ensureOfficeAgeIdentity(template)).recipient;
  b.store.close();
  const files = await splitIntoChunks(
    {
      kind: 'changes',
      from: { office: 'hub', series: 1 },
      to: '4712',
      schemaVersion: 9,
      epoch: '7d3c9a1e-8f2b-4c6d-9e0a-1b2c3d4e5f60',
      ranges: rangesOf(changes),
      acks: {},
      payload: encodeChangesPayload({ changes, acks: {} }),
      signingKey: keys.signingKey,
      recipients: [recipient],
    },
    Number.MAX_SAFE_INTEGER,
  );
  const copies = Array.from({ length: RUNS }, (_unused, i) => {
    const dir = join(work, `b-${i}`);
    cpSync(template, dir, { recursive: true });
    return dir;
  });
  const imported = await measure({
    name: 'sync.import.100k',
    runs: RUNS,
    run: async (i) => {
      const data = openOfficeData(copies[i]!);
      const result = await importBundle(data, files, { operatorId: null });
      data.store.close();
      if (result.applied !== changes.length) throw new Error(`bench: applied ${result.applied} of ${changes.length}`);
      return result;
    },
  });

  // SQLite alone: the same rows into the same tables of the same schema (its triggers and foreign keys
  // included), one prepared statement per shape, one transaction.
  const bare = Array.from({ length: RUNS }, (_unused, i) => {
    const dir = join(work, `bare-${i}`);
    mkdirSync(dir);
    openStore({ dataDir: dir }).close();
    return dir;
  });
  const baseline = await measure({
    name: 'sqlite.insert.100k',
    runs: RUNS,
    run: (i) => {
      const db = new Database(join(bare[i]!, DATABASE_FILE));
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      const statements = new Map<string, Database.Statement>();
      const log = db.prepare('INSERT INTO change_log (origin, counter, hlc, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const change of changes) {
          log.run(change.origin, change.counter, change.hlc, change.entity, change.entityId, change.op, change.data);
          if (change.op !== 'insert' || SENDER_ONLY.has(change.entity)) continue;
          const row = JSON.parse(change.data) as Record<string, unknown>;
          const columns = [...Object.keys(row), 'updated_hlc'];
          const sql = `INSERT OR REPLACE INTO "${change.entity}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
          let statement = statements.get(sql);
          if (!statement) statements.set(sql, (statement = db.prepare(sql)));
          statement.run(...Object.values(row).map((v) => (typeof v === 'boolean' ? Number(v) : v ?? null)), change.hlc);
        }
      })();
      db.close();
    },
  });

  return [imported, baseline];
}

/** As an operator does it: the state key file first, then the request, the hub's answer imported. */
async function enrolAtHub(office: OfficeData, hub: Hub, keys: HubKeys): Promise<void> {
  importStateKeys(office, { operatorId: null }, keys.stateKeyFile);
  const request = await enrolRequest(office);
  const answer = await enrolOffice(hub, request.text);
  const imported = await importBundle(office, [answer.bundle], { operatorId: null });
  if (imported.status !== 'imported') throw new Error(`bench: enrolment ${imported.status}`);
}
