// Runs the same hub tests on every backend, in the manner of kysely's own test suite: always on an
// embedded PGlite, and also on a real PostgreSQL server when MTS_TEST_DATABASE_URL is set (`.ci/run` starts
// one). Every database a test asks for is a fresh PostgreSQL schema, dropped afterwards, so tests never
// see each other's data. One PGlite data folder per test file: creating one (initdb) takes ~11 s.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openHubDatabase, type HubDatabase, type Migration } from '../../../src-main/hub/store/index.ts';

export const SERVER_URL_ENV = 'MTS_TEST_DATABASE_URL';

export interface HubBackend {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** A new, empty schema on this backend (nothing migrated yet). */
  emptySchema(): Promise<string>;
  /** Opens (and migrates) the hub database in `schema`; closed after the test. */
  open(schema: string, options?: { migrations?: Migration[]; mustExist?: boolean }): Promise<HubDatabase>;
  /** A fresh schema, opened and migrated with the hub's own migrations. */
  fresh(): Promise<HubDatabase>;
}

interface Engine {
  start(): Promise<void>;
  run(sql: string): Promise<void>;
  target(): { pglite: PGlite } | { url: string };
  stop(): Promise<void>;
}

function pgliteEngine(): Engine {
  let folder = '';
  let pglite: PGlite | undefined;
  return {
    async start() {
      folder = mkdtempSync(join(tmpdir(), 'mts-hub-test-'));
      pglite = await PGlite.create(join(folder, 'pgdata'));
    },
    async run(sql) {
      await pglite!.exec(sql);
    },
    target: () => ({ pglite: pglite! }),
    async stop() {
      await pglite?.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function serverEngine(url: string): Engine {
  const admin = new pg.Client({ connectionString: url });
  return {
    start: async () => {
      await admin.connect();
    },
    async run(sql) {
      await admin.query(sql);
    },
    target: () => ({ url }),
    stop: async () => {
      await admin.end();
    },
  };
}

/** Declares `body`'s tests once per available backend, each in a `describe` named after it. */
export function describeOnEachBackend(title: string, body: (backend: HubBackend) => void): void {
  const url = process.env[SERVER_URL_ENV];
  const engines: Array<[HubBackend['name'], () => Engine]> = [['PGlite', pgliteEngine]];
  if (url) engines.push(['PostgreSQL', () => serverEngine(url)]);

  for (const [name, makeEngine] of engines) {
    describe(`${title} (${name})`, () => {
      const engine = makeEngine();
      const schemas: string[] = [];
      const open: HubDatabase[] = [];

      beforeAll(() => engine.start(), 120_000);
      afterEach(async () => {
        for (const db of open.splice(0)) await db.destroy();
      });
      afterAll(async () => {
        for (const schema of schemas.splice(0)) await engine.run(`DROP SCHEMA ${schema} CASCADE`);
        await engine.stop();
      });

      const backend: HubBackend = {
        name,
        async emptySchema() {
          const schema = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
          await engine.run(`CREATE SCHEMA ${schema}`);
          schemas.push(schema);
          return schema;
        },
        async open(schema, options = {}) {
          const db = await openHubDatabase({ ...engine.target(), schema, ...options });
          open.push(db);
          return db;
        },
        async fresh() {
          return backend.open(await backend.emptySchema());
        },
      };
      body(backend);
    });
  }
}
