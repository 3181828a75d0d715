import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, MIGRATIONS_DIR, loadMigrations, openStore } from '../../../src-main/store/index.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

function createDatabase(): string {
  const dir = tempDir();
  openStore({ dataDir: dir }).close();
  return dir;
}

/** A copy of the shipped migrations/ folder that a test may edit. */
function migrationsCopy(): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function applied(dir: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version').all() as { version: number; name: string; checksum: string }[];
  } finally {
    db.close();
  }
}

function expectRefusedUnchanged(dir: string, open: () => unknown, code: string) {
  const path = join(dir, DATABASE_FILE);
  const before = readFileSync(path);
  const filesBefore = readdirSync(dir).sort();
  expect(open).toThrow(expect.objectContaining({ code }));
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(filesBefore);
}

describe('opening the office database', () => {
  it('applies every shipped migration in order and records its checksum', () => {
    const dir = createDatabase();
    const shipped = loadMigrations();
    expect(shipped.length).toBeGreaterThan(0);
    expect(applied(dir)).toEqual(shipped.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
  });

  it('uses WAL, synchronous FULL and foreign keys', () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      expect(store.pragma('journal_mode')).toBe('wal');
      expect(store.pragma('synchronous')).toBe(2);
      expect(store.pragma('foreign_keys')).toBe(1);
    } finally {
      store.close();
    }
  });

  it('reopens a database created by this version without changing its history', () => {
    const dir = createDatabase();
    const first = applied(dir);
    openStore({ dataDir: dir }).close();
    expect(applied(dir)).toEqual(first);
  });

  it('applies a later migration to a database that has the earlier ones', () => {
    const dir = createDatabase();
    const migrations = migrationsCopy();
    const next = String(loadMigrations().length + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_later.sql`), 'CREATE TABLE later_table (id TEXT PRIMARY KEY);\n');
    openStore({ dataDir: dir, migrations: loadMigrations(migrations) }).close();
    expect(applied(dir).map((m) => m.version)).toEqual(loadMigrations(migrations).map((m) => m.version));
  });

  it('refuses a migrations folder with a gap in its numbering', () => {
    const migrations = migrationsCopy();
    writeFileSync(join(migrations, '0099_later.sql'), 'CREATE TABLE later_table (id TEXT PRIMARY KEY);\n');
    expect(() => loadMigrations(migrations)).toThrow(/without gaps/);
  });

  it('refuses a database whose applied migration was edited, leaving the file byte-for-byte unchanged', () => {
    const dir = createDatabase();
    const migrations = migrationsCopy();
    const first = readdirSync(migrations).sort()[0]!;
    writeFileSync(join(migrations, first), readFileSync(join(migrations, first), 'utf8') + '\n-- edited\nCREATE TABLE sneaky (id TEXT);\n');
    expectRefusedUnchanged(dir, () => openStore({ dataDir: dir, migrations: loadMigrations(migrations) }), 'edited-migration');
  });

  it('refuses a database written by a newer version, unchanged', () => {
    const dir = createDatabase();
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare('INSERT INTO schema_migration VALUES (?, ?, ?, ?)').run(999, 'from_the_future', 'x', new Date().toISOString());
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expectRefusedUnchanged(dir, () => openStore({ dataDir: dir }), 'newer-database');
  });

  it('refuses a database with a migration missing from its history, unchanged', () => {
    if (loadMigrations().length < 2) {
      // With a single shipped migration, simulate the gap with a second one in a copy.
      const migrations = migrationsCopy();
      writeFileSync(join(migrations, '0002_second.sql'), 'CREATE TABLE second_table (id TEXT PRIMARY KEY);\n');
      const dir = tempDir();
      openStore({ dataDir: dir, migrations: loadMigrations(migrations) }).close();
      const db = new Database(join(dir, DATABASE_FILE));
      db.prepare('DELETE FROM schema_migration WHERE version = 1').run();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      expectRefusedUnchanged(dir, () => openStore({ dataDir: dir, migrations: loadMigrations(migrations) }), 'missing-migration');
      return;
    }
    const dir = createDatabase();
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare('DELETE FROM schema_migration WHERE version = 1').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expectRefusedUnchanged(dir, () => openStore({ dataDir: dir }), 'missing-migration');
  });

  it('refuses a file that is not a database, or another program\'s database, unchanged', () => {
    const garbage = tempDir();
    writeFileSync(join(garbage, DATABASE_FILE), 'this is not sqlite at all, just text that someone saved here');
    expectRefusedUnchanged(garbage, () => openStore({ dataDir: garbage }), 'corrupt-database');

    const foreign = tempDir();
    const db = new Database(join(foreign, DATABASE_FILE));
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    db.close();
    expectRefusedUnchanged(foreign, () => openStore({ dataDir: foreign }), 'not-an-mts-database');
  });

  it('keeps secure_delete on, even after a migration that switched it off, and VACUUMs after a migration that asks', () => {
    const migrations = migrationsCopy();
    const next = String(loadMigrations().length + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_scrub.sql`), '-- @vacuum-after-commit\nPRAGMA secure_delete = OFF;\nCREATE TABLE scrubbed (id TEXT);\n');
    const later = loadMigrations(migrations);
    expect(later.at(-1)).toMatchObject({ name: 'scrub', vacuumAfter: true });
    expect(later.slice(0, -1).filter((m) => m.vacuumAfter).map((m) => m.name)).toEqual(['aadhaar_bucket', 'login_throttle_and_secrets']);
    const dir = createDatabase();
    const store = openStore({ dataDir: dir, migrations: later });
    try {
      expect(store.pragma('secure_delete')).toBe(1);
      expect(store.pragma('freelist_count')).toBe(0);
      expect(store.all(store.db.selectFrom('schema_vacuum_pending' as never).selectAll())).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('rolls back a migration that fails, recording nothing for it', () => {
    const migrations = migrationsCopy();
    const next = String(loadMigrations().length + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_broken.sql`), 'CREATE TABLE half_done (id TEXT);\nTHIS IS NOT SQL;\n');
    const dir = tempDir();
    expect(() => openStore({ dataDir: dir, migrations: loadMigrations(migrations) })).toThrow();
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).all();
    db.close();
    expect(tables).toEqual([]);
    expect(applied(dir).map((m) => m.version)).toEqual(loadMigrations().map((m) => m.version));
  });
});
