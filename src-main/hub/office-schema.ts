// The office database schema version the hub speaks: the number of office migrations (/migrations), which
// is what an office writes as `schemaVersion` in its bundles. The hub refuses a bundle from a newer office
// schema (it would not know its tables) and writes this number into the bundles it sends.
import { fileURLToPath } from 'node:url';
import { loadMigrationFiles } from '../common/migration-files.ts';

export const OFFICE_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

let known: number | undefined;

export function officeSchemaVersion(): number {
  known ??= loadMigrationFiles(OFFICE_MIGRATIONS_DIR).length;
  return known;
}
