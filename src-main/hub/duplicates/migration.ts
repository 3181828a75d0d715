// The schema step of the Aadhaar index. It is numbered 0010 so that it cannot collide with the core hub
// steps being written alongside it; the loader of `../migrations/` refuses gaps, so until the steps before
// it exist the file stays here and is appended by `hubMigrationsWithAadhaarIndex`. Once it has moved into
// `../migrations/`, that function returns the hub's own list unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checksumOf } from '../../common/migration-files.ts';
import { loadHubMigrations, type Migration } from '../store/index.ts';

export const AADHAAR_INDEX_MIGRATION_NAME = 'aadhaar_index';
const VERSION = 10;
const FILE = fileURLToPath(new URL('./0010_aadhaar_index.sql', import.meta.url));

export function aadhaarIndexMigration(): Migration {
  const sql = readFileSync(FILE, 'utf8').replace(/\r\n/g, '\n');
  return { version: VERSION, name: AADHAAR_INDEX_MIGRATION_NAME, sql, checksum: checksumOf(sql) };
}

/** The hub's migrations with the Aadhaar index step, whether or not it has moved into `../migrations/`. */
export function hubMigrationsWithAadhaarIndex(base: Migration[] = loadHubMigrations()): Migration[] {
  if (base.some((migration) => migration.name === AADHAAR_INDEX_MIGRATION_NAME)) return base;
  if (base.some((migration) => migration.version >= VERSION)) {
    throw new Error(`hub migrations reach ${VERSION} without ${AADHAAR_INDEX_MIGRATION_NAME}: move 0010_aadhaar_index.sql into src-main/hub/migrations/ under the next free number`);
  }
  return [...base, aadhaarIndexMigration()];
}
