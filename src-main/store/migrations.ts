import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Problem } from '../common/problem.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /**
   * The file holds a line `-- @vacuum-after-commit`: it removes data that must not survive in freed pages
   * (an old Aadhaar hash), so the runner rebuilds the file once the migration has committed (VACUUM cannot
   * run inside a transaction) and empties the WAL.
   */
  vacuumAfter: boolean;
}

const VACUUM_AFTER = /^-- @vacuum-after-commit[ \t]*$/m;

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** The repository's migrations/ folder; the same relative place from src-main/store and dist-main/store. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => {
      // Line endings are normalised so a checkout with CRLF (git on Windows) keeps the same checksum.
      const sql = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
        vacuumAfter: VACUUM_AFTER.test(sql),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations/ must be numbered 0001, 0002, … without gaps; found ${migration.version} at place ${index + 1}`);
    }
  });
  return migrations;
}

/**
 * Compares what a database says it has applied with the migrations this version ships. Any mismatch means
 * the file belongs to another build of the app (newer, or one whose history was edited): opening it would
 * risk silent damage, so the caller refuses before writing anything.
 */
export function checkAppliedMigrations(applied: AppliedMigration[], known: Migration[]): Migration[] {
  const newest = known.at(-1)?.version ?? 0;
  for (const row of applied) {
    if (row.version > newest) {
      throw new Problem('newer-database', {
        en: `This database was written by a newer version of MTS Block Office (schema ${row.version}; this version knows up to ${newest}). Install the newer version; the file was not changed.`,
        mr: `हा डेटाबेस MTS Block Office च्या नवीन आवृत्तीने तयार केला आहे (स्कीमा ${row.version}; ही आवृत्ती ${newest} पर्यंत ओळखते). नवीन आवृत्ती स्थापित करा; फाइल बदललेली नाही.`,
      });
    }
    const migration = known.find((m) => m.version === row.version);
    if (!migration || migration.checksum !== row.checksum) {
      throw new Problem('edited-migration', {
        en: `Database schema step ${String(row.version).padStart(4, '0')} (${row.name}) does not match this version of the app. The file was not changed; contact the state IT cell.`,
        mr: `डेटाबेस स्कीमा टप्पा ${String(row.version).padStart(4, '0')} (${row.name}) या आवृत्तीशी जुळत नाही. फाइल बदललेली नाही; राज्य आयटी कक्षाशी संपर्क साधा.`,
      });
    }
  }
  const appliedVersions = new Set(applied.map((row) => row.version));
  const missing = known.filter((m) => !appliedVersions.has(m.version));
  const lastApplied = applied.reduce((max, row) => Math.max(max, row.version), 0);
  const gap = missing.find((m) => m.version < lastApplied);
  if (gap) {
    throw new Problem('missing-migration', {
      en: `Database schema step ${String(gap.version).padStart(4, '0')} (${gap.name}) is missing from this database although later steps are present. The file was not changed; contact the state IT cell.`,
      mr: `डेटाबेसमध्ये स्कीमा टप्पा ${String(gap.version).padStart(4, '0')} (${gap.name}) नाही, पण पुढचे टप्पे आहेत. फाइल बदललेली नाही; राज्य आयटी कक्षाशी संपर्क साधा.`,
    });
  }
  return missing;
}
