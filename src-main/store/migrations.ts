import { fileURLToPath } from 'node:url';
import {
  checkAppliedMigrations as checkAppliedFiles,
  loadMigrationFiles,
  type AppliedMigration,
  type Migration as MigrationFile,
} from '../common/migration-files.ts';

export type { AppliedMigration };

export interface Migration extends MigrationFile {
  /**
   * The file holds a line `-- @vacuum-after-commit`: it removes data that must not survive in freed pages
   * (an old Aadhaar hash), so the runner rebuilds the file once the migration has committed (VACUUM cannot
   * run inside a transaction) and empties the WAL.
   */
  vacuumAfter: boolean;
}

const VACUUM_AFTER = /^-- @vacuum-after-commit[ \t]*$/m;

/** The repository's migrations/ folder; the same relative place from src-main/store and dist-main/store. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return loadMigrationFiles(dir).map((migration) => ({ ...migration, vacuumAfter: VACUUM_AFTER.test(migration.sql) }));
}

const PROGRAM = { en: 'MTS Block Office', mr: 'MTS प्रकल्प कार्यालय' };

/**
 * Compares what a database says it has applied with the migrations this version ships. Any mismatch means
 * the file belongs to another build of the app (newer, or one whose history was edited): opening it would
 * risk silent damage, so the caller refuses before writing anything.
 */
export function checkAppliedMigrations(applied: AppliedMigration[], known: Migration[]): Migration[] {
  return checkAppliedFiles(applied, known, PROGRAM);
}
