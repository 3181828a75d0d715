import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isVerhoeffValid } from '../../../src-main/identity/verhoeff.ts';
import { AWC_MAX_LENGTH, parseAwcCsv } from '../../../src-main/office/awc-csv.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { aadhaarFrom } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
const HEADER = 'code,name_mr,name_en,village,sector,worker_name,worker_mobile,notes';
const GOOD = '27271400003,खापर अंगणवाडी,Khapar AWC,Khapar,Sector 3,Kamal Padvi,9822012345,new in 2026';

function snapshot(dir: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return {
      awcs: db.prepare('SELECT * FROM awc ORDER BY code').all(),
      changes: (db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/** Imports through the handler map as the administrator; returns the refusal's fields (line: column → English). */
async function refusal(dir: string, csv: string): Promise<Record<string, string>> {
  const office = await openTestOffice(dir);
  const before = snapshot(dir);
  const reply = await office.api.call(office.session, 'awc.importCsv', { csv });
  office.close();
  // Nothing is imported when any row is bad: not the good rows either.
  expect(snapshot(dir)).toEqual(before);
  expect(reply).toMatchObject({ ok: false, problem: { code: 'awc-csv-invalid' } });
  if (reply.ok) return {};
  for (const field of reply.problem.fields) expect(field.message.mr.length).toBeGreaterThan(0);
  return Object.fromEntries(reply.problem.fields.map((field) => [field.field, field.message.en]));
}

describe('AWC list import', () => {
  it('refuses a cell starting with = + - @ tab or carriage return in any column, naming line and column', async () => {
    const csv = [
      HEADER,
      GOOD,
      '=HYPERLINK("http://x.example"),तळोदा अंगणवाडी,Taloda AWC,Taloda,Sector 3,,,',
      '27271400005,मोड अंगणवाडी,+Mod AWC,Mod,Sector 4,-Rani,,',
      '27271400006,रोषमाळ अंगणवाडी,Roshmal AWC,Roshmal,"\tSector 5",,,@SUM(A1)',
      '27271400007,बिलगाव अंगणवाडी,Bilgaon AWC,Bilgaon,Sector 5,"\r=1+1",,',
      '27271400008,काठी अंगणवाडी,Kathi AWC,Kathi,Sector 5,, =cmd ,',
    ].join('\n');
    const fields = await refusal(tempDir(), csv);
    expect(fields).toEqual({
      'line 3: code': expect.stringContaining('starts with "="'),
      'line 4: name_en': expect.stringContaining('starts with "+"'),
      'line 4: worker_name': expect.stringContaining('starts with "-"'),
      'line 5: sector': expect.stringContaining('starts with a tab'),
      'line 5: notes': expect.stringContaining('starts with "@"'),
      'line 6: worker_name': expect.stringContaining('starts with a carriage return'),
      'line 7: worker_mobile': expect.stringContaining('starts with "="'),
    });
    expect(fields['line 3: code']).toContain('formula');
  });

  it('refuses a 12-digit Aadhaar-looking number in any cell, with or without spaces, pointing out it does not belong there', async () => {
    const aadhaar = aadhaarFrom('34567890123');
    const spaced = aadhaar.replace(/(\d{4})(?=\d)/g, '$1 ');
    // Twelve digits that fail Verhoeff are some other number and pass.
    const notAadhaar = `${aadhaar.slice(0, 11)}${(Number(aadhaar[11]) + 1) % 10}`;
    expect(isVerhoeffValid(notAadhaar)).toBe(false);
    const csv = [
      HEADER,
      GOOD,
      `27271400004,तळोदा अंगणवाडी,Taloda AWC,Taloda,Sector 3,Sunita ${spaced},,`,
      `27271400005,मोड अंगणवाडी,Mod AWC,Mod,Sector 4,,,${aadhaar}`,
      `27271400006,रोषमाळ अंगणवाडी,Roshmal AWC,Roshmal,Sector 5,,,ref ${notAadhaar}`,
    ].join('\n');
    const fields = await refusal(tempDir(), csv);
    expect(Object.keys(fields)).toEqual(['line 3: worker_name', 'line 4: notes']);
    expect(fields['line 3: worker_name']).toBe('This looks like an Aadhaar number. Aadhaar does not belong in the AWC list; remove it.');
    // The MTS ID (16 digits) and the AWC code are not mistaken for Aadhaar.
    expect(parseAwcCsv([HEADER, `${GOOD.replace('new in 2026', '2714 0010 0000 0421')}`].join('\n')).errors).toEqual([]);
  });

  it('limits the length of names, village, sector and worker name, and the formats of code and mobile', async () => {
    const long = (n: number) => 'A'.repeat(n);
    const csv = [
      HEADER,
      GOOD,
      `27271400004,${'त'.repeat(AWC_MAX_LENGTH.name_mr + 1)},${long(AWC_MAX_LENGTH.name_en + 1)},${long(AWC_MAX_LENGTH.village + 1)},${long(AWC_MAX_LENGTH.sector + 1)},${long(AWC_MAX_LENGTH.worker_name + 1)},98220123456,`,
      `2727140000512,मोड अंगणवाडी,Mod AWC,Mod,Sector 4,,,`,
    ].join('\n');
    const fields = await refusal(tempDir(), csv);
    expect(fields).toEqual({
      'line 3: name_mr': `Too long: ${AWC_MAX_LENGTH.name_mr + 1} characters, at most ${AWC_MAX_LENGTH.name_mr}.`,
      'line 3: name_en': `Too long: ${AWC_MAX_LENGTH.name_en + 1} characters, at most ${AWC_MAX_LENGTH.name_en}.`,
      'line 3: village': expect.stringMatching(/^Too long/),
      'line 3: sector': expect.stringMatching(/^Too long/),
      'line 3: worker_name': expect.stringMatching(/^Too long/),
      'line 3: worker_mobile': expect.stringContaining('10 digits'),
      'line 4: code': 'AWC code must be 4 to 11 digits.',
    });
    // At the limit is fine.
    const atLimit = `27271400004,${'त'.repeat(AWC_MAX_LENGTH.name_mr)},${long(AWC_MAX_LENGTH.name_en)},${long(AWC_MAX_LENGTH.village)},${long(AWC_MAX_LENGTH.sector)},${long(AWC_MAX_LENGTH.worker_name)},9822012345,`;
    expect(parseAwcCsv([HEADER, atLimit].join('\n')).errors).toEqual([]);
  });

  it('imports a clean list', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    expect(await office.call('awc.importCsv', { csv: [HEADER, GOOD].join('\n') })).toEqual({ added: 1, updated: 0 });
    expect((await office.call('awc.list', {})).map((awc) => awc.code)).toContain('27271400003');
    office.close();
  });
});
