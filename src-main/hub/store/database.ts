// Opens the hub database and brings its schema up to date: PGlite in `<dataDir>/pgdata` by default, a
// PostgreSQL server when given a `postgres://` URL. The result is a plain `Kysely<HubSchema>`; closing it
// (`db.destroy()`) ends the pool or closes PGlite and releases the data folder.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { Problem } from '../../common/problem.ts';
import { pgliteDialect, serverDialect } from './connection.ts';
import { connectionProblemFrom } from './errors.ts';
import { loadHubMigrations, migrateHubDatabase, type Migration } from './migrations.ts';
import type { HubSchema } from './schema.ts';

export const PGLITE_FOLDER = 'pgdata';
const LOCK_FILE = 'hub.lock';

export type HubDatabaseTarget =
  /** Embedded PGlite in `<dataDir>/pgdata`, created on first open. */
  | { dataDir: string }
  /** A PostgreSQL server: `postgres://user[:password]@host[:port]/database`. */
  | { url: string }
  /** An open PGlite owned by the caller, which stays open after `destroy()` (tests share one initdb). */
  | { pglite: PGlite };

export type OpenHubDatabaseOptions = HubDatabaseTarget & {
  /**
   * PostgreSQL schema to use instead of `public`: a plain lower-case identifier that must already exist.
   * Tests give every run a fresh schema so they never see each other's data.
   */
  schema?: string;
  /** Refuse (instead of creating) a database that has no hub schema yet; for commands other than init. */
  mustExist?: boolean;
  migrations?: Migration[];
};

export type HubDatabase = Kysely<HubSchema>;

export async function openHubDatabase(options: OpenHubDatabaseOptions): Promise<HubDatabase> {
  const { schema, mustExist = false, migrations = loadHubMigrations() } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`openHubDatabase: schema must be a plain lower-case identifier, not ${JSON.stringify(schema)}`);
  }
  const { db, where } = await connect(options, schema, mustExist);
  try {
    await migrateHubDatabase(db, migrations, { create: !mustExist });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw connectionProblemFrom(error, where) ?? error;
  }
  return db;
}

async function connect(
  target: HubDatabaseTarget,
  schema: string | undefined,
  mustExist: boolean,
): Promise<{ db: HubDatabase; where: string }> {
  if ('url' in target) {
    const where = describeServer(target.url);
    return { db: new Kysely<HubSchema>({ dialect: serverDialect(target.url, schema) }), where };
  }
  if ('pglite' in target) {
    return { db: new Kysely<HubSchema>({ dialect: pgliteDialect(target.pglite, async () => undefined, schema) }), where: 'PGlite' };
  }
  const dataDir = resolve(target.dataDir);
  const folder = join(dataDir, PGLITE_FOLDER);
  if (mustExist && !existsSync(join(folder, 'PG_VERSION'))) throw noHubHere(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(folder);
  } catch (error) {
    unlock();
    throw unreadablePglite(dataDir, error);
  }
  const close = async () => {
    try {
      await pglite.close();
    } finally {
      unlock();
    }
  };
  return { db: new Kysely<HubSchema>({ dialect: pgliteDialect(pglite, close, schema) }), where: folder };
}

/**
 * PGlite is a database engine inside this process: a second process opening the same folder would corrupt
 * it. A lock file holding our process id keeps others out; one left by a process that died is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Problem('hub-busy', {
        en: `The hub data folder ${dataDir} is in use by process ${holder}. Stop it first (or wait for it to finish).`,
        mr: `हब डेटा फोल्डर ${dataDir} प्रक्रिया ${holder} वापरत आहे. आधी ती थांबवा (किंवा ती संपेपर्यंत थांबा).`,
      });
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `postgres://user@host:port/database` without the password, safe to print. */
export function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

function noHubHere(dataDir: string): Problem {
  return new Problem('no-hub-database', {
    en: `There is no hub database in ${dataDir}. Run \`mts-hub init --data ${dataDir}\` first; nothing was changed.`,
    mr: `${dataDir} मध्ये हब डेटाबेस नाही. आधी \`mts-hub init --data ${dataDir}\` चालवा; काहीही बदललेले नाही.`,
  });
}

function unreadablePglite(dataDir: string, error: unknown): Problem {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new Problem('hub-database-unreadable', {
    en: `The hub database in ${join(dataDir, PGLITE_FOLDER)} cannot be opened (${reason}). Restore it from a backup copy of the folder.`,
    mr: `${join(dataDir, PGLITE_FOLDER)} मधील हब डेटाबेस उघडता येत नाही (${reason}). फोल्डरच्या बॅकअप प्रतीतून तो पुनर्संचयित करा.`,
  });
}
