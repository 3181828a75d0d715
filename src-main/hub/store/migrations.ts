// Applies the hub's numbered SQL migrations (src-main/hub/migrations/) with the same rules as the office
// store: in order, recorded with a SHA-256 checksum, and a database from a newer build, with an edited
// step or with a gap is refused before anything is written.
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { checkAppliedMigrations, loadMigrationFiles, type AppliedMigration, type Migration } from '../../common/migration-files.ts';
import { Problem } from '../../common/problem.ts';
import type { HubSchema } from './schema.ts';

export type { Migration } from '../../common/migration-files.ts';

export const HUB_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const PROGRAM = { en: 'the MTS state hub (mts-hub)', mr: 'MTS राज्य हब (mts-hub)' };

export function loadHubMigrations(dir: string = HUB_MIGRATIONS_DIR): Migration[] {
  return loadMigrationFiles(dir);
}

export interface MigrationOutcome {
  /** Schema version after opening: the newest applied step. */
  schemaVersion: number;
  /** Steps applied by this call; empty when the database was already up to date. */
  applied: number[];
}

/**
 * One transaction for all pending steps (PostgreSQL's DDL is transactional), under an advisory lock so two
 * hub processes starting against one server do not both migrate. A refusal rolls everything back,
 * including the bookkeeping table, so a refused database is left exactly as it was found.
 */
export async function migrateHubDatabase(
  db: Kysely<HubSchema>,
  migrations: Migration[],
  { create = true }: { create?: boolean } = {},
): Promise<MigrationOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('mts-hub schema migration'))`.execute(trx);
    const bookkeeping = await sql<{ found: boolean }>`
      SELECT to_regclass('hub_schema_migration') IS NOT NULL AS found`.execute(trx);
    if (!bookkeeping.rows[0]?.found) {
      const tables = await sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() LIMIT 1`.execute(trx);
      if (tables.rows.length > 0) throw notAHubDatabase();
      if (!create) throw noHubDatabase();
      await sql`CREATE TABLE hub_schema_migration (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL)`.execute(trx);
    }
    const applied: AppliedMigration[] = await trx
      .selectFrom('hub_schema_migration')
      .select(['version', 'name', 'checksum'])
      .orderBy('version')
      .execute();
    const pending = checkAppliedMigrations(applied, migrations, PROGRAM);
    for (const migration of pending) {
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto('hub_schema_migration')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum, applied_at: new Date() })
        .execute();
    }
    const versions = [...applied.map((row) => row.version), ...pending.map((m) => m.version)];
    return { schemaVersion: Math.max(0, ...versions), applied: pending.map((m) => m.version) };
  });
}

/** The newest applied schema step of an open hub database. */
export async function hubSchemaVersion(db: Kysely<HubSchema>): Promise<number> {
  const row = await db
    .selectFrom('hub_schema_migration')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}

function notAHubDatabase(): Problem {
  return new Problem('not-a-hub-database', {
    en: 'This PostgreSQL database (schema) already holds tables that are not the MTS state hub\'s. Give the hub an empty database of its own; nothing was changed.',
    mr: 'या PostgreSQL डेटाबेसमध्ये (स्कीमा) MTS राज्य हबच्या नसलेल्या तक्त्या आधीच आहेत. हबला स्वतःचा रिकामा डेटाबेस द्या; काहीही बदललेले नाही.',
  });
}

function noHubDatabase(): Problem {
  return new Problem('no-hub-database', {
    en: 'There is no hub database here yet. Run `mts-hub init` first; nothing was changed.',
    mr: 'येथे अद्याप हब डेटाबेस नाही. आधी `mts-hub init` चालवा; काहीही बदललेले नाही.',
  });
}
