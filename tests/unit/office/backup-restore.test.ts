import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOfficeKey, OFFICE_KEY_FILE } from '../../../src-main/keys/index.ts';
import { BACKUP_DIR, currentSchemaVersion } from '../../../src-main/office/backup.ts';
import { sha256File, SIGNATURE_SUFFIX, writeBackupSignature } from '../../../src-main/office/backup-signature.ts';
import { openOfficeData } from '../../../src-main/office/open.ts';
import { RESTORE_MARKER, RESTORE_STAGING, writeRestoreIntent } from '../../../src-main/office/restore-recovery.ts';
import { SERIES_LEDGER } from '../../../src-main/office/series-ledger.ts';
import { DATABASE_FILE } from '../../../src-main/store/database.ts';
import { loadMigrations, openStore, Writer } from '../../../src-main/store/index.ts';
import { ADMIN, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { databaseAt0005, stateKeys, writeOldOffice } from '../../helpers/schema-0005.ts';

const tempDir = useTempDirs();

const child = (name: [string, string], village: string) => ({
  awc: '27271400001',
  headNameMr: 'बाळू कोळी',
  headNameEn: 'Balu Koli',
  nativeVillage: village,
  socialCategory: 'ST' as const,
  members: [{ nameMr: name[0], nameEn: name[1], sex: 'F' as const, dateOfBirth: daysAgo(800), relation: 'daughter' as const }],
});

/** Every MTS ID in a data folder's database, read with plain SQLite. */
function idsIn(dataDir: string): string[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT mts_id FROM beneficiary').all() as { mts_id: string }[]).map((row) => row.mts_id);
  } finally {
    db.close();
  }
}

/** The live database as it is on disk (main file and WAL), to prove a refusal changed nothing. */
function liveBytes(dataDir: string): string {
  return ['', '-wal'].map((suffix) => (existsSync(join(dataDir, DATABASE_FILE + suffix)) ? sha256File(join(dataDir, DATABASE_FILE + suffix)) : '-')).join(' ');
}

function dataFolderNames(dataDir: string): string[] {
  return readdirSync(dataDir).sort();
}

async function expectRefusedAndNothingChanged(office: TestOffice, dir: string, name: string, message: RegExp): Promise<void> {
  const before = { bytes: liveBytes(dir), files: dataFolderNames(dir), status: await office.call('app.status', {}) };
  await expect(office.call('office.restore', { name, confirm: true })).rejects.toThrow(message);
  expect(liveBytes(dir)).toBe(before.bytes);
  expect(dataFolderNames(dir)).toEqual(before.files);
  expect((await office.call('app.status', {})).office?.series).toBe(before.status.office?.series);
}

function editWithSqlite(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

describe('office key', () => {
  it('is created at setup outside the database, readable by its owner only, with a fingerprint of digit groups', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const file = join(dir, OFFICE_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored).toMatchObject({ format: 'mts-office-key/1', algorithm: 'ed25519', protection: 'none' });
    const status = await office.call('office.key', {});
    expect(status.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(status.keyId).toBe(stored.key_id);
    expect(status.protectionDescription.en).toMatch(/0600/);
    expect(status.protectionDescription.mr).toMatch(/0600/);
    // The database knows nothing of the private key.
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      const rows = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      expect(rows).not.toContain(stored.private_key);
    }
    db.close();
    office.close();
  });

  it('an office set up before keys existed gets one when it is opened, and a damaged key file is refused, never replaced', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    office.close();
    rmSync(join(dir, OFFICE_KEY_FILE));
    openOfficeData(dir).store.close();
    expect(readOfficeKey(dir)?.keyId).toMatch(/^[0-9a-f]{16}$/);

    writeFileSync(join(dir, OFFICE_KEY_FILE), '{"format":"mts-office-key/1","damaged":true}');
    expect(() => openOfficeData(dir)).toThrow(/office key file/);
    expect(readFileSync(join(dir, OFFICE_KEY_FILE), 'utf8')).toContain('damaged');
  });

  it('a protection offered by the desktop app re-protects a key kept as is; the command line can then verify but not sign', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const plainBackup = await office.call('office.backup', {});
    office.close();
    const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
    const fakeOs = { kind: 'test-os', description: { en: 'test', mr: 'test' }, protect: xor, unprotect: xor };
    const desktop = openOfficeData(dir, { keyProtection: fakeOs });
    expect(JSON.parse(readFileSync(join(dir, OFFICE_KEY_FILE), 'utf8')).protection).toBe('test-os');
    desktop.store.close();

    const cli = await openTestOffice(dir, { setUp: false });
    await cli.call('session.login', { username: 'admin', password: 'Pass1234' });
    expect((await cli.call('office.backups', {}))[0]).toMatchObject({ name: plainBackup.name, signature: 'valid' });
    await expect(cli.call('office.backup', {})).rejects.toThrow(/office-key-unavailable/);
    expect(readdirSync(join(dir, BACKUP_DIR))).toHaveLength(2);
    cli.close();
  });
});

describe('signed backups', () => {
  it('each backup has a detached signature; the list says which are signed and valid', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const backup = await office.call('office.backup', {});
    expect(backup).toMatchObject({ signature: 'valid', older: false, schemaVersion: currentSchemaVersion(), problem: null });
    const sig = JSON.parse(readFileSync(join(dir, BACKUP_DIR, backup.name + SIGNATURE_SUFFIX), 'utf8'));
    expect(sig).toMatchObject({ format: 'mts-backup-signature/1', office_code: '2714', series: 1, sha256: backup.sha256, key_id: readOfficeKey(dir)!.keyId });
    expect(sha256File(join(dir, BACKUP_DIR, backup.name))).toBe(sig.sha256);

    copyFileSync(join(dir, BACKUP_DIR, backup.name), join(dir, BACKUP_DIR, 'copy-unsigned.sqlite'));
    const list = await office.call('office.backups', {});
    expect(list.map((b) => [b.name, b.signature, b.older])).toEqual(
      expect.arrayContaining([[backup.name, 'valid', false], ['copy-unsigned.sqlite', 'unsigned', true]]),
    );
    office.close();
  });

  it('refuses a backup in which an operator was made an administrator with sqlite, and changes nothing', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('operators.add', { username: 'sunita', fullName: 'Sunita Valvi', role: 'operator', password: 'Operator1234', language: 'mr' });
    const backup = await office.call('office.backup', {});
    editWithSqlite(join(dir, BACKUP_DIR, backup.name), `UPDATE operator SET role = 'admin' WHERE username = 'sunita'`);
    await expectRefusedAndNothingChanged(office, dir, backup.name, /^backup-refused: This backup file was changed after it was signed, so it cannot be restored\.$/);
    const audit = office.data.store.all(office.data.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'office.restore%'));
    expect(audit).toHaveLength(0);
    office.close();
  });

  it('refuses a backup with one byte flipped, an unsigned one, an edited signature file, a damaged file, and changes nothing', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const good = await office.call('office.backup', {});
    const goodFile = join(dir, BACKUP_DIR, good.name);

    const flipped = join(dir, BACKUP_DIR, 'flipped.sqlite');
    const bytes = readFileSync(goodFile);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0x01, bytes.length - 100);
    writeFileSync(flipped, bytes);
    copyFileSync(goodFile + SIGNATURE_SUFFIX, flipped + SIGNATURE_SUFFIX);
    await expectRefusedAndNothingChanged(office, dir, 'flipped.sqlite', /changed after it was signed/);

    copyFileSync(goodFile, join(dir, BACKUP_DIR, 'unsigned.sqlite'));
    await expectRefusedAndNothingChanged(office, dir, 'unsigned.sqlite', /not signed by the office key/);

    copyFileSync(goodFile, join(dir, BACKUP_DIR, 'edited-sig.sqlite'));
    const sig = JSON.parse(readFileSync(goodFile + SIGNATURE_SUFFIX, 'utf8'));
    writeFileSync(join(dir, BACKUP_DIR, 'edited-sig.sqlite.sig'), JSON.stringify({ ...sig, series: sig.series + 5 }));
    await expectRefusedAndNothingChanged(office, dir, 'edited-sig.sqlite', /does not match its details/);

    // Signed with the office's own key, yet no database: the checks after the signature catch it.
    const damaged = join(dir, BACKUP_DIR, 'damaged.sqlite');
    writeFileSync(damaged, Buffer.concat([Buffer.from('garbage!'), readFileSync(goodFile).subarray(8, 4096)]));
    writeBackupSignature(damaged, { sha256: sha256File(damaged), officeCode: '2714', schemaVersion: currentSchemaVersion(), series: 1, createdAt: new Date().toISOString(), keyId: readOfficeKey(dir)!.keyId }, readOfficeKey(dir)!);
    await expectRefusedAndNothingChanged(office, dir, 'damaged.sqlite', /corrupt-database/);

    const statuses = Object.fromEntries((await office.call('office.backups', {})).map((b) => [b.name, b.signature]));
    expect(statuses).toMatchObject({ 'flipped.sqlite': 'changed', 'unsigned.sqlite': 'unsigned', 'edited-sig.sqlite': 'invalid', 'damaged.sqlite': 'valid', [good.name]: 'valid' });
    office.close();
  });

  it('refuses a backup signed by another key and one of another office', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    // Another PC set up with the same office code: its own key.
    const twinDir = tempDir();
    const twin = await openTestOffice(twinDir);
    const twinBackup = await twin.call('office.backup', {});
    twin.close();
    mkdirSync(join(dir, BACKUP_DIR), { recursive: true });
    for (const suffix of ['', SIGNATURE_SUFFIX]) copyFileSync(join(twinDir, BACKUP_DIR, twinBackup.name + suffix), join(dir, BACKUP_DIR, 'twin.sqlite' + suffix));
    await expectRefusedAndNothingChanged(office, dir, 'twin.sqlite', /signed by another key/);

    const otherDir = tempDir();
    const other = await openTestOffice(otherDir, { setUp: false });
    await other.call('office.setup', {
      officeCode: '2801', districtLgd: 486, blockName: 'Taloda', nameMr: 'तळोदा प्रकल्प', nameEn: 'Taloda ICDS Project',
      awcCsv: 'code,name_mr,name_en,village,sector,worker_name,worker_mobile\n27280100001,तळोदा अंगणवाडी,Taloda AWC,Taloda,Sector 1,,',
      admin: { username: 'admin', fullName: 'Asha Naik', password: 'Pass1234', language: 'mr' },
    });
    await other.call('session.login', { username: 'admin', password: 'Pass1234' });
    const otherBackup = await other.call('office.backup', {});
    other.close();
    for (const suffix of ['', SIGNATURE_SUFFIX]) copyFileSync(join(otherDir, BACKUP_DIR, otherBackup.name + suffix), join(dir, BACKUP_DIR, otherBackup.name + suffix));
    await expectRefusedAndNothingChanged(office, dir, otherBackup.name, /belongs to office 2801, not to this office \(2714\)/);
    office.close();
  });
});

describe('restore', () => {
  it('never reissues an MTS ID after restoring an older backup: the restore opens a fresh series and is audited with the fingerprint', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const first = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    const backup = await office.call('office.backup', {});
    expect(backup.name).toMatch(/^mts-2714-.*\.sqlite$/);
    // Issued after the backup, printed on a card, then the PC's disk fails.
    const afterBackup = await office.call('registry.saveHousehold', child(['गीता कोळी', 'Geeta Koli'], 'Khapar'));

    const restored = await office.call('office.restore', { name: backup.name, confirm: true });
    expect(restored).toEqual({ series: 2, sha256: backup.sha256 });
    // Everyone logs in again after a restore.
    await expect(office.call('awc.list', {})).rejects.toThrow(/not-signed-in/);
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });

    const status = await office.call('app.status', {});
    expect(status.office?.series).toBe(2);
    const search = await office.call('registry.search', { query: 'Geeta' });
    expect(search.hits).toHaveLength(0);
    const again = await office.call('registry.saveHousehold', child(['सविता कोळी', 'Savita Koli'], 'Dhadgaon'));
    const issued = [first, afterBackup].flatMap((s) => s.beneficiaries.map((b) => b.mtsId));
    expect(issued).not.toContain(again.beneficiaries[0]!.mtsId);
    expect(again.beneficiaries[0]!.mtsId.slice(4, 7)).toBe('002');

    const audit = office.data.store.first(office.data.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'office.restore'));
    expect(audit?.operator_id).toBe(status.operator?.id);
    expect(JSON.parse(audit!.after!)).toMatchObject({ backup: backup.name, sha256: backup.sha256, series: 2, by: 'admin' });
    expect(Date.now() - Date.parse(audit!.at)).toBeLessThan(60_000);
    // Nothing of the restore's machinery is left in the data folder.
    expect(dataFolderNames(dir).filter((name) => /restore|tmp|partial|before-restore/.test(name))).toEqual([]);
    office.close();
  });

  it('a second restore of the same old backup opens yet another series', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const backup = await office.call('office.backup', {});
    await office.call('office.restore', { name: backup.name, confirm: true });
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });
    const second = await office.call('office.restore', { name: backup.name, confirm: true });
    expect(second.series).toBe(3);
    office.close();
  });

  it('finishes at start a restore that was ready when the PC stopped', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    const backup = await office.call('office.backup', {});
    await office.call('registry.saveHousehold', child(['गीता कोळी', 'Geeta Koli'], 'Khapar'));
    office.close();
    // As the restore leaves it just before the rename: a verified copy and a 'ready' marker.
    mkdirSync(join(dir, RESTORE_STAGING));
    const staged = join(dir, RESTORE_STAGING, DATABASE_FILE);
    copyFileSync(join(dir, BACKUP_DIR, backup.name), staged);
    const copy = openStore({ dataDir: join(dir, RESTORE_STAGING) });
    new Writer(copy, '2714-002').write({ operatorId: null }, (batch) => {
      batch.insert('installation', { series: 2, opened_at: new Date().toISOString(), reason: 'restore' });
    });
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.close();
    writeRestoreIntent(dir, { phase: 'ready', backup: backup.name, sha256: sha256File(staged) });

    const reopened = await openTestOffice(dir, { setUp: false });
    await reopened.call('session.login', { username: 'admin', password: 'Pass1234' });
    expect(idsIn(dir)).toHaveLength(1);
    expect(existsSync(join(dir, RESTORE_MARKER))).toBe(false);
    expect(existsSync(join(dir, RESTORE_STAGING))).toBe(false);
    expect((await reopened.call('app.status', {})).office?.series).toBe(2);
    const next = await reopened.call('registry.saveHousehold', child(['सविता कोळी', 'Savita Koli'], 'Dhadgaon'));
    expect(next.beneficiaries[0]!.mtsId.slice(4, 7)).toBe('002');
    expect(JSON.parse(readFileSync(join(dir, SERIES_LEDGER), 'utf8')).highest).toBe('{"2714":2}');
    reopened.close();
  });

  it('discards at start a restore that was still copying, or whose prepared copy does not match, and keeps the live data', async () => {
    for (const phase of ['copying', 'ready-but-damaged'] as const) {
      const dir = tempDir();
      const office = await openTestOffice(dir);
      const backup = await office.call('office.backup', {});
      await office.call('registry.saveHousehold', child(['गीता कोळी', 'Geeta Koli'], 'Khapar'));
      office.close();
      mkdirSync(join(dir, RESTORE_STAGING));
      const staged = join(dir, RESTORE_STAGING, DATABASE_FILE);
      const full = readFileSync(join(dir, BACKUP_DIR, backup.name));
      writeFileSync(staged, full.subarray(0, full.length >> 1));
      writeRestoreIntent(dir, phase === 'copying' ? { phase, backup: backup.name, sha256: null } : { phase: 'ready', backup: backup.name, sha256: sha256File(join(dir, BACKUP_DIR, backup.name)) });

      const data = openOfficeData(dir);
      expect(String(data.store.pragma('integrity_check'))).toBe('ok');
      data.store.close();
      expect(idsIn(dir)).toHaveLength(1);
      expect(existsSync(join(dir, RESTORE_MARKER))).toBe(false);
      expect(existsSync(join(dir, RESTORE_STAGING))).toBe(false);
    }
  });
});

describe('the command line: restore FILE', () => {
  it('checks the signature of a file on a USB stick before copying it anywhere, then restores a good one', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const backup = await office.call('office.backup', {});
    office.close();
    const usb = tempDir();
    for (const suffix of ['', SIGNATURE_SUFFIX]) copyFileSync(join(dir, BACKUP_DIR, backup.name + suffix), join(usb, backup.name + suffix));
    copyFileSync(join(usb, backup.name), join(usb, 'edited.sqlite'));
    editWithSqlite(join(usb, 'edited.sqlite'), `UPDATE operator SET full_name = 'Someone Else'`);
    copyFileSync(join(usb, backup.name + SIGNATURE_SUFFIX), join(usb, 'edited.sqlite' + SIGNATURE_SUFFIX));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', '--data-dir', dir, ...args], {
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('../../../', import.meta.url)),
        env: { ...process.env, MTS_PASSWORD: ADMIN.password },
      });
    const before = readdirSync(join(dir, BACKUP_DIR)).sort();
    const restoreRows = () => {
      const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare(`SELECT (SELECT count(*) FROM installation) AS series, (SELECT count(*) FROM audit_log WHERE action = 'office.restore') AS restores`).get();
      } finally {
        db.close();
      }
    };

    const refused = cli('restore', join(usb, 'edited.sqlite'));
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toMatch(/^mts: This backup file was changed after it was signed, so it cannot be restored\. \/ /);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    // Nothing copied into the data folder, no series, no restore (the CLI's log-in is on the audit trail).
    expect(readdirSync(join(dir, BACKUP_DIR)).sort()).toEqual(before);
    expect(restoreRows()).toEqual({ series: 1, restores: 0 });

    rmSync(join(dir, BACKUP_DIR), { recursive: true });
    const restored = cli('restore', join(usb, backup.name));
    expect(restored.status).toBe(0);
    expect(JSON.parse(restored.stdout)).toEqual({ series: 2, sha256: backup.sha256 });
    expect(restoreRows()).toEqual({ series: 2, restores: 1 });
  });
});

describe('series ledger', () => {
  it('a second setup on the same folder after the database was deleted opens the next series; no MTS ID repeats', async () => {
    const dir = tempDir();
    const ids: string[] = [];
    for (const expected of [1, 2, 3]) {
      const office = await openTestOffice(dir);
      expect((await office.call('app.status', {})).office?.series).toBe(expected);
      const saved = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
      ids.push(...saved.beneficiaries.map((b) => b.mtsId));
      office.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, DATABASE_FILE + suffix), { force: true });
    }
    expect(new Set(ids).size).toBe(3);
    const ledger = JSON.parse(readFileSync(join(dir, SERIES_LEDGER), 'utf8'));
    expect(ledger).toMatchObject({ format: 'mts-series-ledger/1', highest: '{"2714":3}' });
    expect(ledger.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('a ledger file written before ledgers were signed still counts: setup opens the series after it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERIES_LEDGER), JSON.stringify({ highestSeries: 4, updatedAt: '2026-06-01T00:00:00.000Z' }));
    const office = await openTestOffice(dir);
    expect((await office.call('app.status', {})).office?.series).toBe(5);
    office.close();
    expect(JSON.parse(readFileSync(join(dir, SERIES_LEDGER), 'utf8')).highest).toBe('{"2714":5,"*":4}');
  });

  it('an edited, lowered or deleted ledger file never lets a series be reused', async () => {
    const dir = tempDir();
    let office = await openTestOffice(dir);
    const backup = await office.call('office.backup', {});
    await office.call('office.restore', { name: backup.name, confirm: true });
    office.close();
    // Lowered by hand: the signature no longer holds, and the database (series 2) still counts.
    const ledger = JSON.parse(readFileSync(join(dir, SERIES_LEDGER), 'utf8'));
    writeFileSync(join(dir, SERIES_LEDGER), JSON.stringify({ ...ledger, highest: '{"2714":1}' }));
    office = await openTestOffice(dir, { setUp: false });
    expect((await office.call('app.status', {})).office?.series).toBe(2);
    office.close();
    // Ledger and database both deleted: the backups' signature files still say series 1 was used.
    rmSync(join(dir, SERIES_LEDGER));
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, DATABASE_FILE + suffix), { force: true });
    office = await openTestOffice(dir);
    expect((await office.call('app.status', {})).office?.series).toBe(2);
    office.close();
  });

  it('a database put back by hand (older than the ledger) continues in a new series', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const first = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    office.close();
    const old = tempDir();
    cpSync(join(dir, DATABASE_FILE), join(old, DATABASE_FILE));
    const again = await openTestOffice(dir, { setUp: false });
    await again.call('session.login', { username: 'admin', password: 'Pass1234' });
    const backup = await again.call('office.backup', {});
    await again.call('office.restore', { name: backup.name, confirm: true });
    again.close();
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, DATABASE_FILE + suffix), { force: true });
    copyFileSync(join(old, DATABASE_FILE), join(dir, DATABASE_FILE));

    const reopened = await openTestOffice(dir, { setUp: false });
    await reopened.call('session.login', { username: 'admin', password: 'Pass1234' });
    expect((await reopened.call('app.status', {})).office?.series).toBe(3);
    const next = await reopened.call('registry.saveHousehold', child(['गीता कोळी', 'Geeta Koli'], 'Khapar'));
    expect(first.beneficiaries[0]!.mtsId).not.toBe(next.beneficiaries[0]!.mtsId);
    expect(next.beneficiaries[0]!.mtsId.slice(4, 7)).toBe('003');
    reopened.close();
  });

  it('a restore from an old backup after more IDs were issued knows the later series; no MTS ID ever repeats', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const all: string[] = [];
    const save = async (n: number) => {
      const saved = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], `Village${n}`));
      all.push(...saved.beneficiaries.map((b) => b.mtsId));
    };
    await save(1);
    const oldest = await office.call('office.backup', {});
    await save(2);
    await office.call('office.restore', { name: oldest.name, confirm: true });
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });
    await save(3);
    await save(4);
    // The oldest backup knows only series 1; the live database knows 2; a restore must open 3.
    const restored = await office.call('office.restore', { name: oldest.name, confirm: true });
    expect(restored.series).toBe(3);
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });
    await save(5);
    expect(new Set(all).size).toBe(all.length);
    expect(all.map((id) => id.slice(4, 7))).toEqual(['001', '001', '002', '002', '003']);
    office.close();
  });
});

describe('older backups', () => {
  it('a copy kept by an earlier version\'s restore moves into the backups folder as an older backup, and re-writing it leaves no full Aadhaar hash', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    office.close();
    // What the restore of the previous version left beside the live database: the replaced database, at
    // schema 0005, holding full keyed hashes of Aadhaar numbers.
    const source = tempDir();
    const old = tempDir();
    databaseAt0005(source);
    const records = writeOldOffice(source, old, stateKeys(), 4, 0);
    editWithSqlite(join(old, DATABASE_FILE), 'PRAGMA wal_checkpoint(TRUNCATE)');
    const kept = `${DATABASE_FILE}.before-restore-2025-11-02T09-15-00-000Z`;
    copyFileSync(join(old, DATABASE_FILE), join(dir, kept));

    const reopened = await openTestOffice(dir, { setUp: false });
    await reopened.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(readdirSync(dir).filter((name) => name.includes('before-restore'))).toEqual([]);
    const name = 'mts-before-restore-2025-11-02T09-15-00-000Z.sqlite';
    expect((await reopened.call('office.backups', {})).find((b) => b.name === name)).toMatchObject({ signature: 'unsigned', older: true });

    await reopened.call('office.rewriteBackup', { name, confirm: true });
    const bytes = readFileSync(join(dir, BACKUP_DIR, name)).toString('latin1');
    for (const record of records) expect(bytes.includes(record.hash)).toBe(false);
    const db = new Database(join(dir, BACKUP_DIR, name), { readonly: true });
    const buckets = db.prepare('SELECT aadhaar_bucket AS bucket FROM beneficiary').all() as { bucket: string }[];
    db.close();
    expect(buckets.length).toBeGreaterThan(0);
    for (const { bucket } of buckets) expect(bucket).toMatch(/^[0-9a-f]{4}$/);
    reopened.close();
  });

  it('an unsigned backup at the current schema is offered for rewriting; rewritten, it is signed and restorable', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    const made = await office.call('office.backup', {});
    rmSync(join(dir, BACKUP_DIR, made.name + SIGNATURE_SUFFIX));
    expect((await office.call('office.backups', {}))[0]).toMatchObject({ name: made.name, signature: 'unsigned', older: true });
    await expect(office.call('office.rewriteBackup', { name: made.name } as never)).rejects.toThrow(/invalid-input/);

    const rewritten = await office.call('office.rewriteBackup', { name: made.name, confirm: true });
    expect(rewritten).toMatchObject({ name: made.name, signature: 'valid', older: false, schemaVersion: currentSchemaVersion() });
    expect(readdirSync(join(dir, BACKUP_DIR)).sort()).toEqual([made.name, made.name + SIGNATURE_SUFFIX]);
    expect(readdirSync(dir).filter((name) => /rewrite|partial/.test(name))).toEqual([]);
    const restored = await office.call('office.restore', { name: made.name, confirm: true });
    expect(restored.series).toBe(2);
    office.close();
  });

  it('a backup at an older schema is migrated before it is signed; a changed signed backup is never rewritten; deleting is audited', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    // Build a database at the schema before the newest migration, as an older version of the app wrote it.
    const oldDir = tempDir();
    const older = openStore({ dataDir: oldDir, migrations: loadMigrations().slice(0, -1) });
    new Writer(older, '2714-001').write({ operatorId: null }, (batch) => {
      batch.insert('office', { code: '2714', district_lgd: 486, block_name: 'Akkalkuwa', name_mr: 'अक्कलकुवा', name_en: 'Akkalkuwa', created_at: new Date().toISOString() });
      batch.insert('installation', { series: 1, opened_at: new Date().toISOString(), reason: 'setup' });
    });
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.close();
    mkdirSync(join(dir, BACKUP_DIR), { recursive: true });
    copyFileSync(join(oldDir, DATABASE_FILE), join(dir, BACKUP_DIR, 'old-schema.sqlite'));
    const rewritten = await office.call('office.rewriteBackup', { name: 'old-schema.sqlite', confirm: true });
    expect(rewritten).toMatchObject({ signature: 'valid', older: false, schemaVersion: currentSchemaVersion() });
    const db = new Database(join(dir, BACKUP_DIR, 'old-schema.sqlite'), { readonly: true });
    expect((db.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number }).v).toBe(currentSchemaVersion());
    db.close();

    const signed = await office.call('office.backup', {});
    editWithSqlite(join(dir, BACKUP_DIR, signed.name), `UPDATE operator SET role = 'operator'`);
    await expect(office.call('office.rewriteBackup', { name: signed.name, confirm: true })).rejects.toThrow(/changed after it was signed/);
    await office.call('office.deleteBackup', { name: signed.name, confirm: true });
    expect(existsSync(join(dir, BACKUP_DIR, signed.name))).toBe(false);
    expect(existsSync(join(dir, BACKUP_DIR, signed.name + SIGNATURE_SUFFIX))).toBe(false);
    const audit = office.data.store.all(office.data.store.db.selectFrom('audit_log').select(['action', 'after']).where('action', 'in', ['office.backup-rewrite', 'office.backup-delete']));
    expect(audit.map((a) => a.action).sort()).toEqual(['office.backup-delete', 'office.backup-rewrite']);
    office.close();
  });
});
