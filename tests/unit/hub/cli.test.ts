// `mts-hub init` and `status` as the state IT cell runs them: a real child process on a real data folder
// (PGlite), and on the PostgreSQL server when MTS_TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS_DIR, insertChanges, loadHubMigrations, openHubDatabase } from '../../../src-main/hub/store/index.ts';
import { SERVER_URL_ENV } from './backends.ts';
import { expectOneLineRefusal, mtsHub } from './cli-helpers.ts';

const LATEST = loadHubMigrations().at(-1)!.version;
const SLOW = 180_000;

describe('mts-hub init and status on a PGlite data folder', () => {
  let root = '';
  let hub = '';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mts-hub-cli-'));
    hub = join(root, 'hub');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('init creates the embedded database and prints its schema version and empty counts', async () => {
    const run = await mtsHub(['init', '--data', hub]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(status).toMatchObject({ dataDir: hub, backend: 'pglite', database: join(hub, 'pgdata'), schemaVersion: LATEST });
    expect(status.counts).toEqual({
      offices: 0, officesRevoked: 0, officeKeys: 0, seriesGrants: 0, changes: 0, origins: 0, bundlesSeen: 0, households: 0, householdsUnrouted: 0,
    });
    expect(status).toMatchObject({ offices: [], unrouted: [] });
    expect(JSON.parse(readFileSync(join(hub, 'hub.json'), 'utf8'))).toEqual({ database: 'pglite' });
    expect(existsSync(join(hub, 'hub.lock'))).toBe(false);
    expect(existsSync(join(hub, 'keys', 'hub-signing-key.pem'))).toBe(true);
    expect(readFileSync(join(hub, 'state-keys.json'), 'utf8')).toContain('"format": "mts-state-keys/1"');
  }, SLOW);

  it('keeps a second process out while the folder is open, and status counts what was stored', async () => {
    const db = await openHubDatabase({ dataDir: hub, mustExist: true });
    try {
      const appliedBefore = await db.selectFrom('hub_schema_migration').selectAll().execute();
      await db
        .insertInto('office')
        .values({ code: '2714', district_lgd: 486, block_name: 'Akkalkuwa', name_mr: 'अक्कलकुवा', name_en: 'Akkalkuwa', enrolled_at: new Date() })
        .execute();
      const changes = [1, 2, 3].map((counter) => ({
        origin: '2714-001', counter, hlc: `h${counter}`, entity: 'household', entityId: `H${counter}`, op: 'insert' as const, data: { n: counter },
      }));
      await insertChanges(db, changes, null);

      const busy = await mtsHub(['status', '--data', hub, '--json']);
      expectOneLineRefusal(busy, new RegExp(`in use by process ${process.pid}\\.`));
      expect(await db.selectFrom('hub_schema_migration').selectAll().execute()).toEqual(appliedBefore);
    } finally {
      await db.destroy();
    }

    const run = await mtsHub(['status', '--data', hub, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ offices: 1, changes: 3, origins: 1 });
  }, SLOW);

  it('takes over the lock left by a process that died, and a second init keeps the data', async () => {
    // As if a hub process had died holding the folder (power cut): its process id no longer runs.
    const dead = await mtsHub(['--help']);
    expect(dead.code).toBe(0);
    writeFileSync(join(hub, 'hub.lock'), String(dead.pid));
    const run = await mtsHub(['init', '--data', hub]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: LATEST, counts: { offices: 1, changes: 3 } });
    expect(existsSync(join(hub, 'hub.lock'))).toBe(false);
  }, SLOW);

  it('refuses, in one line, a folder without a hub, a password on the command line and a folder of another database', async () => {
    const nowhere = join(root, 'nowhere');
    expectOneLineRefusal(await mtsHub(['status', '--data', nowhere, '--json']), /no hub database in .*nowhere\. Run `mts-hub init/);
    expect(existsSync(nowhere)).toBe(false);

    const secret = randomBytes(8).toString('hex');
    const withPassword = await mtsHub(['init', '--data', join(root, 'server-hub'), '--database', `postgres://mts:${secret}@127.0.0.1:5432/mts`]);
    expectOneLineRefusal(withPassword, /password in --database .* put the URL in MTS_HUB_DATABASE_URL instead\.$/m);
    expect(withPassword.stderr).not.toContain(secret);
    expect(existsSync(join(root, 'server-hub'))).toBe(false);

    expectOneLineRefusal(
      await mtsHub(['init', '--data', hub, '--database', 'postgres://mts@127.0.0.1:5432/mts']),
      /belongs to its own embedded database, not to postgres:\/\/mts@127\.0\.0\.1:5432\/mts/,
    );
    expect((await mtsHub(['frobnicate', '--data', hub])).code).toBe(2);
  }, SLOW);
});

const serverUrl = process.env[SERVER_URL_ENV];

// Declared only when a server is configured (as in backends.ts), so a run without one skips nothing.
if (serverUrl !== undefined) {
  describe('mts-hub init and status on a PostgreSQL server', () => {
    const schema = `hub_test_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    let root = '';

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'mts-hub-cli-'));
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    });
    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
      rmSync(root, { recursive: true, force: true });
    });

    it('init takes the URL with its password from MTS_HUB_DATABASE_URL, records it without, and status finds it again', async () => {
      const url = new URL(serverUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const env = { MTS_HUB_DATABASE_URL: url.toString() };
      const hub = join(root, 'hub');

      const init = await mtsHub(['init', '--data', hub], env);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const status = JSON.parse(init.stdout);
      expect(status).toMatchObject({ backend: 'postgresql', schemaVersion: LATEST, counts: { offices: 0, changes: 0 } });
      expect(existsSync(join(hub, 'pgdata'))).toBe(false);
      const recorded = readFileSync(join(hub, 'hub.json'), 'utf8');
      if (url.password) {
        expect(init.stdout).not.toContain(url.password);
        expect(recorded).not.toContain(url.password);
      }
      const tables = await admin.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [schema]);
      // Every table the hub's migrations create (none drops one), created on the server.
      const created = readdirSync(HUB_MIGRATIONS_DIR)
        .filter((name) => name.endsWith('.sql'))
        .reduce((sum, name) => sum + (readFileSync(join(HUB_MIGRATIONS_DIR, name), 'utf8').match(/^CREATE TABLE /gm) ?? []).length, 0);
      expect(tables.rows[0].n).toBe(created + 1); // + hub_schema_migration, the runner's own

      const again = await mtsHub(['status', '--data', hub, '--json'], env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual(status);

      if (url.password) {
        expectOneLineRefusal(await mtsHub(['status', '--data', hub]), /no password was given \(set MTS_HUB_DATABASE_URL/);
      }
    }, SLOW);
  });
}
