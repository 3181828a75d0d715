import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, formatHlc, loadMigrations, openStore } from '../../../src-main/store/index.ts';
import { fieldClocks } from '../../../src-main/store/received.ts';
import { ensureOfficeAgeIdentity, ensureOfficeKey, keyIdOf, OFFICE_AGE_IDENTITY_FILE, OFFICE_KEY_FILE, readOfficeAgeIdentity, type SecretProtection } from '../../../src-main/keys/index.ts';
import { keyIdOf as bundleKeyIdOf, recipientOf } from '../../../src-main/sync/index.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A stand-in for Electron's safeStorage: reversible, but not the identity. */
const XOR: SecretProtection = {
  kind: 'test-xor',
  description: { en: 'test', mr: 'test' },
  protect: (secret) => Buffer.from(secret.map((byte) => byte ^ 0x5a)),
  unprotect: (stored) => Buffer.from(stored.map((byte) => byte ^ 0x5a)),
};

describe('migration 0008: epoch and field clocks', () => {
  it('gives every installation a random epoch, including one opened after the migration', async () => {
    const office = await openTestOffice(tempDir());
    const rows = office.data.store.all(office.data.store.db.selectFrom('installation').select(['series', 'epoch']));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.epoch).toMatch(UUID);
    office.data.writer.write({ operatorId: null }, (batch) => {
      batch.insert('installation', { series: 2, opened_at: new Date().toISOString(), reason: 'restore' });
    });
    const epochs = office.data.store.all(office.data.store.db.selectFrom('installation').select('epoch')).map((row) => row.epoch);
    expect(epochs[1]).toMatch(UUID);
    expect(epochs[1]).not.toBe(epochs[0]);
    office.close();
  });

  it('keeps the newest (HLC, origin) of each field as changes are logged', async () => {
    const office = await openTestOffice(tempDir());
    const { store } = office.data;
    const change = store.first(
      store.db.selectFrom('change_log').selectAll().where('entity', '=', 'awc').where('entity_id', '=', '27271400001').orderBy('counter', 'desc'),
    )!;
    const clock = fieldClocks(store, 'awc', '27271400001');
    expect(clock.map((row) => row.field).sort()).toEqual(Object.keys(JSON.parse(change.data) as object).sort());
    for (const row of clock) expect([row.hlc, row.origin]).toEqual([change.hlc, change.origin]);
    // A record written once keeps its clocks implicit (migration 0011): no row per field of its insert.
    expect(store.all(store.db.selectFrom('field_clock').selectAll().where('entity', '=', 'awc').where('entity_id', '=', '27271400001'))).toEqual([]);

    office.data.writer.write({ operatorId: null }, (batch) => batch.update('awc', '27271400001', { village: 'Molgi Khurd' }));
    const after = new Map(fieldClocks(store, 'awc', '27271400001').map((row) => [row.field, row]));
    expect([...after.keys()].sort()).toEqual(clock.map((row) => row.field).sort());
    expect(after.get('village')!.hlc > change.hlc).toBe(true);
    expect(after.get('name_en')!.hlc).toBe(change.hlc);
    // Written out with the second change: every field of the insert now has its row.
    expect(store.all(store.db.selectFrom('field_clock').select('field').where('entity', '=', 'awc').where('entity_id', '=', '27271400001'))).toHaveLength(clock.length);
    office.close();
  });
});

describe('migration 0008 on an office that already has data', () => {
  it('gives each existing installation its own epoch and fills the field clocks from the change log', () => {
    const dir = tempDir();
    openStore({ dataDir: dir, migrations: loadMigrations().filter((migration) => migration.version < 8) }).close();
    const raw = new Database(join(dir, DATABASE_FILE));
    const installation = raw.prepare('INSERT INTO installation (series, opened_at, reason, updated_hlc) VALUES (?, ?, ?, ?)');
    installation.run(1, '2026-01-01T00:00:00.000Z', 'setup', formatHlc(1, 0, '2714-001'));
    installation.run(2, '2026-06-01T00:00:00.000Z', 'restore', formatHlc(2, 0, '2714-002'));
    const change = raw.prepare('INSERT INTO change_log (origin, counter, hlc, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Logged newest first: the clock must keep the newest whatever the row order.
    change.run('2714-002', 1, formatHlc(2_000, 0, '2714-002'), 'awc', '27271400001', 'update', JSON.stringify({ village: 'Molgi Pada' }));
    change.run('2714-001', 1, formatHlc(1_000, 0, '2714-001'), 'awc', '27271400001', 'insert', JSON.stringify({ code: '27271400001', village: 'Molgi' }));
    raw.close();

    const store = openStore({ dataDir: dir });
    const epochs = store.all(store.db.selectFrom('installation').select('epoch').orderBy('series')).map((row) => row.epoch);
    expect(epochs).toHaveLength(2);
    for (const epoch of epochs) expect(epoch).toMatch(UUID);
    expect(epochs[0]).not.toBe(epochs[1]);
    const clocks = store.all(store.db.selectFrom('field_clock').select(['field', 'origin']).orderBy('field'));
    expect(clocks).toEqual([
      { field: 'code', origin: '2714-001' },
      { field: 'village', origin: '2714-002' },
    ]);
    store.close();
  });
});

describe('the office age identity', () => {
  it('is created on first need beside the office key, protected like it, and read back the same', async () => {
    const dir = tempDir();
    const officeKey = ensureOfficeKey(dir, XOR);
    const keyFileBefore = readFileSync(join(dir, OFFICE_KEY_FILE), 'utf8');
    expect(readOfficeAgeIdentity(dir, XOR)).toBeNull();
    const created = await ensureOfficeAgeIdentity(dir, XOR);
    expect(created.recipient).toMatch(/^age1/);
    expect(await recipientOf(created.identity())).toBe(created.recipient);
    expect(statSync(join(dir, OFFICE_AGE_IDENTITY_FILE)).mode & 0o777).toBe(0o600);
    // The secret is stored protected, never as the AGE-SECRET-KEY line.
    expect(readFileSync(join(dir, OFFICE_AGE_IDENTITY_FILE), 'utf8')).not.toContain('AGE-SECRET-KEY');
    const again = await ensureOfficeAgeIdentity(dir, XOR);
    expect(again.recipient).toBe(created.recipient);
    expect(again.identity()).toBe(created.identity());
    // office-key.json is left exactly as it was.
    expect(readFileSync(join(dir, OFFICE_KEY_FILE), 'utf8')).toBe(keyFileBefore);
    expect(() => readOfficeAgeIdentity(dir)!.identity()).toThrow(/desktop app/);
    expect(bundleKeyIdOf(officeKey.privateKey())).toBe(officeKey.keyId);
    expect(keyIdOf(officeKey.publicKey)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an identity first kept unprotected is protected when the app opens the folder', async () => {
    const dir = tempDir();
    const plain = await ensureOfficeAgeIdentity(dir);
    const protectedOne = await ensureOfficeAgeIdentity(dir, XOR);
    expect(protectedOne.protectionKind).toBe('test-xor');
    expect(protectedOne.identity()).toBe(plain.identity());
  });
});
