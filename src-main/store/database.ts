import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Compilable,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { Problem } from '../common/problem.ts';
import { checkAppliedMigrations, loadMigrations, type AppliedMigration, type Migration } from './migrations.ts';
import type { Schema } from './schema.ts';

export const DATABASE_FILE = 'mts.sqlite';

type SqlValue = string | number | bigint | Buffer | null;

/**
 * The one connection to the office database. Queries are built with kysely (typed, compile-only) and run
 * synchronously on better-sqlite3, so a transaction is a plain function call that nothing can interleave
 * with, and a thrown error rolls all of it back.
 */
export interface Store {
  readonly path: string;
  /** Typed query builder; build a query here and pass it to all/first/run. Never executes by itself. */
  readonly db: Kysely<Schema>;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): { changes: number };
  /** Bulk paths (imports, seeding): one prepared statement run many times, far faster than a builder per row. */
  prepareInsert(table: keyof Schema, columns: readonly string[]): (values: readonly SqlValue[]) => void;
  /**
   * Hot paths (a sync import applies 100,000 changes): the query is compiled once; each call passes new
   * parameters in the order the builder placed them (build it with placeholder values of the same kind).
   */
  prepare<R>(query: Compilable<R>): PreparedQuery<R>;
  transaction<T>(work: () => T): T;
  /** Read-only SQL for pragmas and checks; everything else goes through the builder. */
  pragma(source: string): unknown;
  /** A consistent copy of the live database (SQLite's online backup), safe while the app keeps working. */
  backupTo(file: string): Promise<void>;
  close(): void;
}

export interface PreparedQuery<R> {
  all(parameters: readonly unknown[]): R[];
  get(parameters: readonly unknown[]): R | undefined;
  run(parameters: readonly unknown[]): { changes: number };
}

export interface OpenOptions {
  dataDir: string;
  migrations?: Migration[];
}

export function openStore({ dataDir, migrations = loadMigrations() }: OpenOptions): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  if (existsSync(path) && statSync(path).size > 0) verifyBeforeWriting(path, migrations);

  const connection = new Database(path);
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    // Deleted or overwritten content is zeroed in its page, so a freed page never keeps an old value.
    connection.pragma('secure_delete = ON');
    applyMigrations(connection, migrations);
    // A migration may have switched it for its own work; the app always runs with it on.
    connection.pragma('secure_delete = ON');
  } catch (error) {
    connection.close();
    throw error;
  }
  return wrap(connection, path);
}

/**
 * Opened read-only first: a database we must refuse is never touched, not even its header. A read-only
 * look at a WAL database makes SQLite create the -wal/-shm side files; those we created are removed again.
 */
function verifyBeforeWriting(path: string, migrations: Migration[]): void {
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let connection: Database.Database | undefined;
  try {
    connection = new Database(path, { readonly: true, fileMustExist: true });
    const hasTable = connection
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'`)
      .get();
    if (!hasTable) {
      const anyTable = connection.prepare(`SELECT 1 FROM sqlite_master LIMIT 1`).get();
      if (anyTable) throw notOurDatabase();
      return;
    }
    const applied = connection
      .prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version')
      .all() as AppliedMigration[];
    checkAppliedMigrations(applied, migrations);
  } catch (error) {
    if (error instanceof Problem) throw error;
    if (isSqliteError(error, 'SQLITE_NOTADB') || isSqliteError(error, 'SQLITE_CORRUPT')) throw corruptDatabase();
    throw error;
  } finally {
    connection?.close();
    for (const file of sideFiles) rmSync(file, { force: true });
  }
}

function applyMigrations(connection: Database.Database, migrations: Migration[]): void {
  connection.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  // Migrations that asked for a VACUUM (see Migration.vacuumAfter) and have not had it yet: written in the
  // migration's own transaction, so a crash or a failed VACUUM is retried at the next open.
  connection.exec('CREATE TABLE IF NOT EXISTS schema_vacuum_pending (version INTEGER PRIMARY KEY)');
  const applied = connection
    .prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version')
    .all() as AppliedMigration[];
  const pending = checkAppliedMigrations(applied, migrations);
  const record = connection.prepare(
    'INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const askVacuum = connection.prepare('INSERT OR IGNORE INTO schema_vacuum_pending (version) VALUES (?)');
  for (const migration of pending) {
    connection.transaction(() => {
      connection.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
      if (migration.vacuumAfter) askVacuum.run(migration.version);
    })();
  }
  vacuumIfAsked(connection);
}

/**
 * Rebuilds the file so that no free page or free space in a page keeps what a migration removed, then
 * copies everything back from the WAL and truncates it, so no old page survives there either. If another
 * connection holds the WAL or the disk is full, the request stays: the office opens anyway, and the next
 * open tries again.
 */
function vacuumIfAsked(connection: Database.Database): void {
  if (connection.prepare('SELECT 1 FROM schema_vacuum_pending LIMIT 1').get() === undefined) return;
  try {
    connection.exec('VACUUM');
    if (!checkpointed(connection)) return;
    connection.prepare('DELETE FROM schema_vacuum_pending').run();
    checkpointed(connection);
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    console.error(`[mts] VACUUM after a migration did not finish (${(error as { code: string }).code}); it is tried again at the next start`);
  }
}

function checkpointed(connection: Database.Database): boolean {
  const [result] = connection.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}

function wrap(connection: Database.Database, path: string): Store {
  const db = new Kysely<Schema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const compile = (query: Compilable<unknown>) => {
    const compiled = query.compile();
    return { statement: prepare(compiled.sql), parameters: compiled.parameters.map(toSqlValue) };
  };

  return {
    path,
    db,
    all<R>(query: Compilable<R>): R[] {
      const { statement, parameters } = compile(query);
      return statement.all(...parameters) as R[];
    },
    first<R>(query: Compilable<R>): R | undefined {
      const { statement, parameters } = compile(query);
      return statement.get(...parameters) as R | undefined;
    },
    run(query) {
      const { statement, parameters } = compile(query);
      return { changes: statement.run(...parameters).changes };
    },
    prepareInsert(table, columns) {
      const statement = connection.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      return (values) => {
        statement.run(...values);
      };
    },
    prepare<R>(query: Compilable<R>): PreparedQuery<R> {
      const compiled = query.compile();
      const statement = prepare(compiled.sql);
      if (compiled.parameters.length === 0) throw new TypeError('prepare: a query without parameters needs no preparing');
      return {
        all: (parameters) => statement.all(...parameters.map(toSqlValue)) as R[],
        get: (parameters) => statement.get(...parameters.map(toSqlValue)) as R | undefined,
        run: (parameters) => ({ changes: statement.run(...parameters.map(toSqlValue)).changes }),
      };
    },
    transaction<T>(work: () => T): T {
      // Nested calls join the outer transaction (better-sqlite3 uses savepoints), so services compose.
      return connection.transaction(work)();
    },
    pragma(source) {
      return connection.pragma(source, { simple: true });
    },
    async backupTo(file) {
      await connection.backup(file);
    },
    close() {
      statements.clear();
      if (connection.open) connection.close();
    },
  };
}

function toSqlValue(value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as SqlValue;
}

function isSqliteError(error: unknown, code?: string): boolean {
  const actual = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof actual === 'string' && (code === undefined ? actual.startsWith('SQLITE_') : actual === code);
}

function notOurDatabase(): Problem {
  return new Problem('not-an-mts-database', {
    en: 'This file is an SQLite database but not one of MTS Block Office. It was not changed.',
    mr: 'ही फाइल SQLite डेटाबेस आहे, पण MTS प्रकल्प कार्यालयाची नाही. ती बदललेली नाही.',
  });
}

function corruptDatabase(): Problem {
  return new Problem('corrupt-database', {
    en: 'The database file is damaged or is not a database. It was not changed; restore the latest backup.',
    mr: 'डेटाबेस फाइल खराब झाली आहे किंवा ती डेटाबेस नाही. ती बदललेली नाही; शेवटचा बॅकअप पुनर्संचयित करा.',
  });
}
