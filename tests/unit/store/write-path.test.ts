import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, parseHlc } from '../../../src-main/store/index.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

function counts(dir: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { changes: count('change_log'), audit: count('audit_log'), operators: count('operator'), awcs: count('awc'), households: count('household') };
  } finally {
    db.close();
  }
}

describe('the single write path', () => {
  it('appends a change-log entry and an audit entry for every record written', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const before = counts(dir);
    await office.call('operators.add', { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
    const after = counts(dir);
    expect(after.operators).toBe(before.operators + 1);
    expect(after.changes).toBe(before.changes + 1);
    expect(after.audit).toBe(before.audit + 1);

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const change = db.prepare(`SELECT * FROM change_log WHERE entity = 'operator' ORDER BY counter DESC LIMIT 1`).get() as Record<string, string>;
    const audit = db.prepare(`SELECT * FROM audit_log WHERE action = 'operator.insert' ORDER BY at DESC LIMIT 1`).get() as Record<string, string>;
    const row = db.prepare(`SELECT * FROM operator WHERE username = 'savita'`).get() as Record<string, string>;
    db.close();
    expect(change.origin).toBe('2714-001');
    expect(change.entity_id).toBe(row.id);
    expect(row.updated_hlc).toBe(change.hlc);
    expect(parseHlc(String(change.hlc)).node).toBe('2714-001');
    expect(audit.operator_id).toBe(office.session.operatorId);
    // The password hash stays out of both: the change log (sync) and the audit trail supervisors read.
    expect(change.data).not.toContain("password_hash");
    expect(audit.after).toContain('"password_hash":"[protected]"');
    office.close();
  });

  it('numbers changes per origin without gaps and orders them by hybrid logical clock', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('office.seed', { households: 20, seed: 7 });
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT counter, hlc FROM change_log WHERE origin = ? ORDER BY counter').all('2714-001') as { counter: number; hlc: string }[];
    db.close();
    expect(rows.map((r) => r.counter)).toEqual(rows.map((_, i) => i + 1));
    const sorted = [...rows].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    expect(sorted).toEqual(rows);
    expect(new Set(rows.map((r) => r.hlc)).size).toBe(rows.length);
    office.close();
  });

  it('leaves nothing behind when a write fails part-way', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const before = counts(dir);
    // The AWC insert succeeds, then the household points at an AWC that does not exist: both must vanish.
    expect(() =>
      office.data.writer.write({ operatorId: office.session.operatorId }, (batch) => {
        batch.insert('awc', { code: '27271400009', name_mr: 'नवी अंगणवाडी', name_en: 'New AWC', village: 'Molgi', sector: 'Sector 1', worker_name: null, worker_mobile: null });
        batch.insert('household', {
          id: 'not-a-real-household',
          awc_code: 'NO-SUCH-AWC',
          head_name_mr: 'रामदास पवार',
          head_name_en: 'Ramdas Pawar',
          mobile: null,
          village: 'Molgi',
          social_category: 'ST',
          head_aadhaar_last4: null,
          head_aadhaar_bucket: null,
          head_aadhaar_sealed: null,
          pan: null,
          ration_card: null,
          voter_id: null,
          job_card: null,
          status_reason: null,
          created_at: new Date().toISOString(),
          created_by: null,
        });
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(counts(dir)).toEqual(before);
    office.close();
  });

  it('refuses a bad AWC list as a whole and names the line and column of each error', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const before = counts(dir);
    const csv = [
      'code,name_mr,name_en,village,sector,worker_mobile',
      '27271400003,खापर अंगणवाडी,Khapar AWC,Khapar,Sector 3,9822012345',
      '2727AB,तळोदा अंगणवाडी,Taloda AWC,Taloda,Sector 3,12345',
    ].join('\n');
    await expect(office.call('awc.importCsv', { csv })).rejects.toMatchObject({
      problem: {
        code: 'awc-csv-invalid',
        fields: [
          { field: 'line 3: code', message: { en: 'AWC code must be 4 to 11 digits.' } },
          { field: 'line 3: worker_mobile', message: { en: expect.stringContaining('10 digits') } },
        ],
      },
    });
    expect(counts(dir)).toEqual(before);
    office.close();
  });
});
