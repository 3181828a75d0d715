// Migration 0006 on a database written by the previous layout (schema 0005), which kept a full HMAC-SHA256
// of each Aadhaar in the household and beneficiary rows, the change log and the double-entry snapshots.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/api/contract.ts';
import { openOfficeData } from '../../../src-main/office/open.ts';
import { checkHouseholdDuplicates } from '../../../src-main/registry/index.ts';
import { DATABASE_FILE, loadMigrations, openStore } from '../../../src-main/store/index.ts';
import { pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { AWC, databaseAt0005, stateKeys, writeOldOffice, type OldRecord } from '../../helpers/schema-0005.ts';

const tempDir = useTempDirs();
const HEX64 = /[0-9a-fA-F]{64,}/g;


function rawFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const suffix of ['', '-wal', '-shm']) {
    const path = join(dir, DATABASE_FILE + suffix);
    if (existsSync(path)) files.set(DATABASE_FILE + suffix, readFileSync(path).toString('latin1'));
  }
  return files;
}

/** Old hashes found in the raw bytes: the whole hash, or any 16 hex digits of it beyond the bucket. */
function leaks(dir: string, records: OldRecord[]): string[] {
  const found: string[] = [];
  for (const [file, bytes] of rawFiles(dir)) {
    for (const r of records) {
      if (bytes.includes(r.hash) || bytes.includes(r.hash.slice(4, 20)) || bytes.includes(r.hash.slice(40, 56))) found.push(`${file}: ${r.table} ${r.id}`);
    }
    // The only 64-hex values an office database may hold are the migrations' SHA-256 checksums.
    const rest = loadMigrations().reduce((text, m) => text.split(m.checksum).join('#'), bytes);
    for (const run of rest.match(HEX64) ?? []) found.push(`${file}: a ${run.length}-hex run`);
  }
  return found;
}

describe('migration 0006: every copy of the full Aadhaar hash becomes a 16-bit bucket', () => {
  it('converts a 0005 database left by a power cut, then VACUUMs so no file keeps an old hash, freed pages and WAL included', () => {
    const source = tempDir();
    const dir = tempDir();
    const state = stateKeys();
    databaseAt0005(source);
    const records = writeOldOffice(source, dir, state, 120, 15);
    const headHashes = records.filter((r) => r.table === 'household');

    // The old files really hold the hashes, in the main file and in the WAL.
    const before = rawFiles(dir);
    expect(records.filter((r) => before.get(DATABASE_FILE)!.includes(r.hash)).length).toBeGreaterThan(300);
    expect(records.filter((r) => before.get(`${DATABASE_FILE}-wal`)!.includes(r.hash)).length).toBeGreaterThanOrEqual(45);

    const store = openStore({ dataDir: dir });
    try {
      // Checked while the app holds the database open, and again after it closes.
      expect(leaks(dir, records)).toEqual([]);
      expect(store.pragma('integrity_check')).toBe('ok');
      expect(store.pragma('freelist_count')).toBe(0);
      expect(store.pragma('secure_delete')).toBe(1);
      expect(store.all(store.db.selectFrom('schema_vacuum_pending' as never).selectAll())).toEqual([]);
    } finally {
      store.close();
    }
    expect(leaks(dir, records)).toEqual([]);

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    try {
      const text = (sql: string) => (db.prepare(sql).all() as { t: string | null }[]).map((row) => row.t ?? '').join('\n');
      // Columns: the first 16 bits of the old hash, renamed.
      const households = db.prepare('SELECT id, head_aadhaar_last4 last4, head_aadhaar_bucket bucket FROM household').all() as { id: string; last4: string; bucket: string }[];
      const beneficiaries = db.prepare('SELECT id, aadhaar_last4 last4, aadhaar_bucket bucket FROM beneficiary').all() as { id: string; last4: string; bucket: string }[];
      const stored = new Map([...households, ...beneficiaries].map((row) => [row.id, row]));
      expect(stored.size).toBe(records.length - 1);
      for (const r of records.filter((x) => x.id !== 'deleted')) {
        expect(stored.get(r.id)).toMatchObject({ last4: r.number.slice(8), bucket: r.hash.slice(0, 4) });
      }
      const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('household')).toContain('head_aadhaar_bucket');
      expect([...columns('household'), ...columns('beneficiary')].filter((c) => c.includes('hash'))).toEqual([]);
      const indexes = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '%aadhaar%'`).all() as { name: string; sql: string }[]);
      expect(indexes.map((i) => i.name).sort()).toEqual(['beneficiary_aadhaar_bucket', 'beneficiary_aadhaar_last4', 'household_aadhaar_bucket', 'household_aadhaar_last4']);

      // Change log: the same rows under the new names, holding the bucket.
      const changes = db.prepare(`SELECT entity, entity_id id, data FROM change_log WHERE entity IN ('household', 'beneficiary')`).all() as { entity: string; id: string; data: string }[];
      expect(changes).toHaveLength(records.length - 1);
      for (const change of changes) {
        const data = JSON.parse(change.data) as Record<string, unknown>;
        const column = change.entity === 'household' ? 'head_aadhaar_bucket' : 'aadhaar_bucket';
        expect(data[column]).toBe(stored.get(change.id)!.bucket);
        expect(Object.keys(data).filter((k) => k.includes('hash'))).toEqual([]);
        expect(data['id']).toBe(change.id);
      }
      // Audit trail: the new names, '[protected]' or null, never a hash.
      const audits = db.prepare(`SELECT before, after FROM audit_log WHERE entity IN ('household', 'beneficiary')`).all() as { before: string | null; after: string | null }[];
      const payloads = audits.flatMap((a) => [a.before, a.after]).filter((p): p is string => p !== null).map((p) => JSON.parse(p) as Record<string, unknown>);
      expect(payloads.filter((p) => 'head_aadhaar_bucket' in p || 'aadhaar_bucket' in p)).toHaveLength(records.length + 1);
      for (const p of payloads) {
        expect(Object.keys(p).filter((k) => k.includes('aadhaar_hash'))).toEqual([]);
        for (const key of ['head_aadhaar_bucket', 'aadhaar_bucket']) if (key in p) expect([null, '[protected]']).toContain(p[key]);
      }
      // Double-entry snapshots: last 4 and bucket only.
      const forms = db.prepare('SELECT household_id id, first_entry, second_entry FROM form_verification').all() as { id: string; first_entry: string; second_entry: string | null }[];
      expect(forms).toHaveLength(12);
      for (const form of forms) {
        const head = stored.get(form.id)!;
        for (const entry of [form.first_entry, form.second_entry].filter((e): e is string => e !== null)) {
          expect(JSON.parse(entry)).toEqual({ awc: AWC, headNameEn: expect.stringMatching(/^Head \d+ Pawar$/), aadhaar: `last4:${head.last4};bucket:${head.bucket}`, 'members.0.nameEn': expect.any(String), 'members.0.aadhaar': '' });
        }
      }
      expect(forms.filter((f) => f.second_entry !== null)).toHaveLength(6);
      // Nowhere in any text column of these tables is a 64-hex run left.
      for (const sql of ['SELECT data t FROM change_log', 'SELECT before t FROM audit_log', 'SELECT after t FROM audit_log', 'SELECT first_entry t FROM form_verification', 'SELECT second_entry t FROM form_verification']) {
        expect(text(sql)).not.toMatch(/[0-9a-f]{64}/i);
      }
      // VACUUM kept rowids, so the external-content name index still matches its table.
      expect(() => db.prepare(`SELECT * FROM beneficiary_search WHERE beneficiary_search MATCH 'm7x1'`).all()).not.toThrow();
      expect((db.prepare(`SELECT b.name_en n FROM beneficiary_search s JOIN beneficiary b ON b.rowid = s.rowid WHERE beneficiary_search MATCH 'm7x1'`).get() as { n: string }).n).toBe('Member 7-1');
    } finally {
      db.close();
    }

    // The app itself finds the migrated records: a bucket computed today equals the migrated one.
    const data = openOfficeData(dir);
    try {
      const writable = new Database(join(dir, DATABASE_FILE));
      writable.prepare(`INSERT INTO beneficiary_search (beneficiary_search, rank) VALUES ('integrity-check', 1)`).run();
      writable.close();
      const again = headHashes[3]!;
      const form = contract['registry.checkDuplicates'].input.parse(pawarForm({ awc: AWC, aadhaar: again.number, contactNumber: '', migration: null }));
      const warnings = checkHouseholdDuplicates(data, form);
      expect(warnings.filter((w) => w.target === 'household')).toMatchObject([{ reasons: ['same-aadhaar-bucket'], existing: { householdId: again.id } }]);
    } finally {
      data.store.close();
    }
  });

  it('applies to an empty 0005 database and to a brand-new one alike, leaving nothing to VACUUM', () => {
    const old = tempDir();
    databaseAt0005(old);
    for (const dir of [old, tempDir()]) {
      const store = openStore({ dataDir: dir });
      try {
        expect(store.pragma('integrity_check')).toBe('ok');
        const applied = store.all(store.db.selectFrom('schema_migration' as never).select('version' as never)) as { version: number }[];
        expect(applied.map((m) => m.version)).toEqual(loadMigrations().map((m) => m.version));
        expect(store.all(store.db.selectFrom('schema_vacuum_pending' as never).selectAll())).toEqual([]);
      } finally {
        store.close();
      }
    }
  });

  it('retries the VACUUM at the next open when another connection held the WAL at the first', () => {
    const source = tempDir();
    const dir = tempDir();
    databaseAt0005(source);
    const records = writeOldOffice(source, dir, stateKeys(), 20, 0);
    // A reader (another program, a backup in progress) keeps a snapshot open while the app upgrades.
    const reader = new Database(join(dir, DATABASE_FILE), { readonly: true });
    reader.pragma('busy_timeout = 0');
    const snapshot = reader.prepare('SELECT count(*) n FROM beneficiary');
    reader.exec('BEGIN');
    snapshot.get();
    const first = openStore({ dataDir: dir });
    const pending = first.all(first.db.selectFrom('schema_vacuum_pending' as never).selectAll());
    first.close();
    reader.exec('COMMIT');
    reader.close();
    expect(pending).toEqual([{ version: 6 }, { version: 7 }]);

    openStore({ dataDir: dir }).close();
    expect(leaks(dir, records)).toEqual([]);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) n FROM schema_vacuum_pending').get()).toEqual({ n: 0 });
    db.close();
  });
});
