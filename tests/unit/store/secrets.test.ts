import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src-main/api/session.ts';
import { openOfficeData } from '../../../src-main/office/open.ts';
import { DATABASE_FILE, formatHlc, loadMigrations, openStore } from '../../../src-main/store/index.ts';
import { SECRET_COLUMNS } from '../../../src-main/store/schema.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

function rows<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every byte of the database files, as someone who copies the data folder would have them. */
function fileBytes(dir: string): string {
  return [DATABASE_FILE, `${DATABASE_FILE}-wal`]
    .map((name) => join(dir, name))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

describe('secrets and the change log', () => {
  it('declares password_hash as a secret column of operator', () => {
    expect(SECRET_COLUMNS.operator).toContain('password_hash');
  });

  it('never writes a password hash to the change log: new logins, a reset, an own change, a bulk insert', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const savita = await office.call('operators.add', { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Given2024' });
    await office.call('operators.add', { username: 'meena', fullName: 'Meena Vasave', role: 'supervisor', password: 'Given2025' });
    await office.call('operators.resetPassword', { operatorId: savita.id, password: 'Reset2026' });
    const session = new Session();
    expect((await office.api.call(session, 'session.login', { username: 'savita', password: 'Reset2026' })).ok).toBe(true);
    expect((await office.api.call(session, 'session.changePassword', { currentPassword: 'Reset2026', newPassword: 'Savita2027' })).ok).toBe(true);
    // The bulk path (imports, seeding) too.
    office.data.writer.write({ operatorId: null }, (batch) =>
      batch.insertMany('operator', [
        { id: 'bulk-1', username: 'bulk', full_name: 'Bulk Login', role: 'operator', password_hash: 'scrypt$32768$8$1$c2FsdA==$a2V5', created_at: new Date().toISOString() },
      ]),
    );
    office.close();

    const hashes = rows<{ password_hash: string }>(dir, 'SELECT password_hash FROM operator').map((row) => row.password_hash);
    expect(hashes).toHaveLength(4);
    expect(hashes.every((hash) => hash.startsWith('scrypt$'))).toBe(true);
    const changes = rows<{ entity: string; op: string; data: string }>(dir, 'SELECT entity, op, data FROM change_log');
    const operatorChanges = changes.filter((change) => change.entity === 'operator');
    // admin, savita, meena, bulk inserted; the reset left must_change_password = 1 (already 1): nothing to sync.
    expect(operatorChanges.filter((change) => change.op === 'insert')).toHaveLength(4);
    expect(JSON.parse(operatorChanges.find((change) => change.data.includes('"username":"savita"'))!.data)).toMatchObject({ username: 'savita', full_name: 'Savita Padvi' });
    for (const change of changes) {
      expect(change.data).not.toContain('password_hash');
      expect(change.data).not.toContain('scrypt$');
      for (const hash of hashes) expect(change.data).not.toContain(hash.split('$').at(-1));
    }
    // The own change flipped must_change_password to 0: that field travels, the new hash does not.
    expect(operatorChanges.some((change) => change.op === 'update' && JSON.parse(change.data).must_change_password === 0)).toBe(true);
    // The audit trail still records both password events, with the value hidden.
    const audits = rows<{ action: string; reason: string | null; after: string }>(dir, `SELECT action, reason, "after" FROM audit_log WHERE action = 'operator.update'`);
    expect(audits.map((audit) => audit.reason).sort()).toEqual(['password changed by operator', 'password reset by administrator']);
    for (const audit of audits) expect(JSON.parse(audit.after).password_hash).toBe('[protected]');
    const allAudit = rows<{ before: string | null; after: string | null }>(dir, 'SELECT "before", "after" FROM audit_log');
    for (const audit of allAudit) expect(`${audit.before}${audit.after}`).not.toContain('scrypt$');
  });

  it('scrubs password hashes that an earlier version put in the change log and audit, when the database is opened', async () => {
    const dir = tempDir();
    // A database as the versions before migration 0007 left it: the admin's insert and a password change
    // carried the hash into the change log, and an audit entry shows it too.
    const earlier = loadMigrations().filter((migration) => migration.version < 7);
    openStore({ dataDir: dir, migrations: earlier }).close();
    const old = 'scrypt$32768$8$1$T2xkU2FsdE9sZFNhbHQ=$T2xkS2V5T2xkS2V5T2xkS2V5T2xkS2V5T2xkS2V5MDA=';
    const raw = new Database(join(dir, DATABASE_FILE));
    const change = raw.prepare('INSERT INTO change_log (origin, counter, hlc, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    change.run('2714-001', 1, formatHlc(Date.now(), 1, '2714-001'), 'operator', 'op-1', 'insert', JSON.stringify({ id: 'op-1', username: 'admin', full_name: 'Rekha Gavit', role: 'admin', password_hash: old }));
    change.run('2714-001', 2, formatHlc(Date.now(), 2, '2714-001'), 'operator', 'op-1', 'update', JSON.stringify({ password_hash: `${old}2`, must_change_password: 1 }));
    change.run('2714-001', 3, formatHlc(Date.now(), 3, '2714-001'), 'awc', '27271400001', 'insert', JSON.stringify({ code: '27271400001', village: 'Molgi' }));
    raw
      .prepare('INSERT INTO audit_log (id, at, operator_id, action, entity, entity_id, "before", "after", reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('audit-1', new Date().toISOString(), null, 'operator.insert', 'operator', 'op-1', null, JSON.stringify({ username: 'admin', password_hash: old }), null);
    raw.close();
    expect(fileBytes(dir)).toContain(old);

    const data = openOfficeData(dir);
    data.store.close();

    const changes = rows<{ op: string; data: string }>(dir, `SELECT op, data FROM change_log WHERE entity = 'operator' ORDER BY counter`);
    expect(changes).toHaveLength(2);
    expect(rows<{ data: string }>(dir, `SELECT data FROM change_log WHERE entity = 'awc'`)[0]!.data).toBe('{"code":"27271400001","village":"Molgi"}');
    for (const change of changes) expect(change.data).not.toContain('password_hash');
    // Everything else the entries carried is kept.
    expect(JSON.parse(changes[0]!.data)).toMatchObject({ username: 'admin', full_name: 'Rekha Gavit', role: 'admin' });
    expect(JSON.parse(changes[1]!.data)).toEqual({ must_change_password: 1 });
    const audit = rows<{ after: string }>(dir, `SELECT "after" FROM audit_log WHERE action = 'operator.insert'`);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ username: 'admin', password_hash: '[protected]' });
    // Not even in the file's free pages: the freed bytes were overwritten.
    const bytes = fileBytes(dir);
    expect(bytes).not.toContain(old);
    expect(bytes).not.toContain('T2xkS2V5T2xkS2V5');
  });
});
