// The two ways the hub reaches PostgreSQL, both behind kysely's own PostgresDialect: an embedded PGlite
// (one in-process session) or a node-postgres pool to a server. Both return the same JavaScript values
// for the same SQL, so the hub's code and tests cannot tell them apart.
import type { PGlite, Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import pg from 'pg';

const INT8 = 20;

/**
 * bigint columns (change counters, acks, count(*)) as JavaScript numbers on both backends. PGlite already
 * does this, node-postgres returns strings; a value beyond 2^53 would be silently rounded, so it is an error.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond JavaScript's safe integers`);
  return value;
}

const PGLITE_PARSERS = { [INT8]: parseInt8 };

/**
 * A PGlite instance shaped like the part of a node-postgres Pool that kysely uses. PGlite is one session,
 * so the pool lends it to one kysely connection at a time: a transaction keeps it until commit or
 * rollback, and every other query waits instead of slipping into that transaction.
 */
export class PGlitePool implements PostgresPool {
  readonly #pglite: PGlite;
  readonly #onEnd: () => Promise<void>;
  #idle: Promise<void> = Promise.resolve();

  /** `onEnd` runs when kysely is destroyed: close the instance if this pool owns it. */
  constructor(pglite: PGlite, onEnd: () => Promise<void>) {
    this.#pglite = pglite;
    this.#onEnd = onEnd;
  }

  async connect(): Promise<PostgresPoolClient> {
    const previous = this.#idle;
    let free!: () => void;
    this.#idle = new Promise<void>((resolve) => {
      free = resolve;
    });
    await previous;
    const pglite = this.#pglite;
    let released = false;
    const client = {
      query: (sql: string, parameters: ReadonlyArray<unknown>) => runQuery(pglite, sql, parameters),
      release: (discard?: boolean) => {
        if (released) return;
        released = true;
        // A connection kysely discards failed to roll back; make sure the next borrower starts clean.
        if (discard) void pglite.exec('ROLLBACK').catch(() => undefined).finally(free);
        else free();
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#idle;
    await this.#onEnd();
  }
}

/**
 * `COPY … FROM '/dev/blob'` with the rows as the query's only parameter, a Blob: PGlite reads them from
 * it (the way to COPY into PGlite; a server would take COPY FROM STDIN instead). Only on PGlite.
 */
export function copyFromBlob(copySql: string, rows: Blob): CompiledQuery {
  if (!copySql.includes("FROM '/dev/blob'")) throw new TypeError('copyFromBlob: the statement must read FROM \'/dev/blob\'');
  return CompiledQuery.raw(copySql, [rows]);
}

async function runQuery<R>(pglite: PGlite, sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
  // As in node-postgres, a query without parameters goes over the simple protocol, which allows several
  // statements in one text: that is how a migration file runs on both backends.
  const options = { rowMode: 'object' as const, parsers: PGLITE_PARSERS };
  const blob = parameters.length === 1 && parameters[0] instanceof Blob ? parameters[0] : undefined;
  const result: Results<R> | undefined = blob
    ? await pglite.query<R>(sql, [], { ...options, blob })
    : parameters.length === 0
      ? (await pglite.exec(sql, options)).at(-1) as Results<R> | undefined
      : await pglite.query<R>(sql, [...parameters], options);
  return {
    command: (result?.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
    rowCount: result?.rowCount ?? result?.affectedRows ?? 0,
    rows: result?.rows ?? [],
  };
}

export function pgliteDialect(pglite: PGlite, onEnd: () => Promise<void>, schema?: string): PostgresDialect {
  return new PostgresDialect({
    pool: new PGlitePool(pglite, onEnd),
    // One session shared over time (tests lend one PGlite to several databases): set the schema each time.
    ...(schema ? { onReserveConnection: (connection) => setSearchPath(connection, schema) } : {}),
  });
}

export function serverDialect(url: string, schema?: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server (restart, network) must not crash the hub: the next query
  // gets a fresh connection or its own clear error.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/** `schema` is checked by the caller to be a plain lower-case identifier. */
async function setSearchPath(connection: DatabaseConnection, schema: string): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(`SET search_path TO ${schema}`));
}
