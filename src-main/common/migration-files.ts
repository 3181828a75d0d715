// Numbered SQL migration files and the check of what a database says it has applied, independent of the
// database engine. The office store (SQLite) and the hub (PostgreSQL/PGlite) both use it, so both refuse the
// same things for the same reasons.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Problem, type BilingualText } from './problem.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order; versions must run 1, 2, 3 … without gaps. */
export function loadMigrationFiles(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => {
      // Line endings are normalised so a checkout with CRLF (git on Windows) keeps the same checksum.
      const sql = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      return { version: Number(match[1]), name: match[2]!, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`${dir} must be numbered 0001, 0002, … without gaps; found ${migration.version} at place ${index + 1}`);
    }
  });
  return migrations;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Compares what a database says it has applied with the migrations this build ships and returns the ones
 * still to apply. A newer, edited or gapped history means the database belongs to another build: the
 * caller must refuse before writing anything. `program` names the software in the messages.
 */
export function checkAppliedMigrations<M extends Migration>(applied: AppliedMigration[], known: M[], program: BilingualText): M[] {
  const newest = known.at(-1)?.version ?? 0;
  for (const row of applied) {
    if (row.version > newest) {
      throw new Problem('newer-database', {
        en: `This database was written by a newer version of ${program.en} (schema ${row.version}; this version knows up to ${newest}). Install the newer version; the database was not changed.`,
        mr: `हा डेटाबेस ${program.mr} च्या नवीन आवृत्तीने तयार केला आहे (स्कीमा ${row.version}; ही आवृत्ती ${newest} पर्यंत ओळखते). नवीन आवृत्ती स्थापित करा; डेटाबेस बदललेला नाही.`,
      });
    }
    const migration = known.find((m) => m.version === row.version);
    if (!migration || migration.checksum !== row.checksum) {
      throw new Problem('edited-migration', {
        en: `Database schema step ${step(row.version)} (${row.name}) does not match this version of ${program.en}. The database was not changed; contact the state IT cell.`,
        mr: `डेटाबेस स्कीमा टप्पा ${step(row.version)} (${row.name}) ${program.mr} च्या या आवृत्तीशी जुळत नाही. डेटाबेस बदललेला नाही; राज्य आयटी कक्षाशी संपर्क साधा.`,
      });
    }
  }
  const appliedVersions = new Set(applied.map((row) => row.version));
  const missing = known.filter((m) => !appliedVersions.has(m.version));
  const lastApplied = applied.reduce((max, row) => Math.max(max, row.version), 0);
  const gap = missing.find((m) => m.version < lastApplied);
  if (gap) {
    throw new Problem('missing-migration', {
      en: `Database schema step ${step(gap.version)} (${gap.name}) is missing from this database although later steps are present. The database was not changed; contact the state IT cell.`,
      mr: `डेटाबेसमध्ये स्कीमा टप्पा ${step(gap.version)} (${gap.name}) नाही, पण पुढचे टप्पे आहेत. डेटाबेस बदललेला नाही; राज्य आयटी कक्षाशी संपर्क साधा.`,
    });
  }
  return missing;
}

function step(version: number): string {
  return String(version).padStart(4, '0');
}
