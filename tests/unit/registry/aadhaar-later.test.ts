import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStateKeys, openSealedAadhaar } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as { problem: { code: string; text: { en: string; mr: string }; fields: { field: string; message: { en: string; mr: string } }[] } }).problem;
  }
  throw new Error('expected a refusal');
}

/** Every file of the data folder (database, WAL, anything else), as one byte string. */
function folderBytes(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

async function pawarsWithoutGanesh(dir: string) {
  const office: TestOffice = await openTestOffice(dir);
  const keys = createStateKeys();
  await office.call('registry.importStateKeys', { file: keys.text });
  const saved = await office.call('registry.saveHousehold', pawarForm());
  const ganesh = saved.beneficiaries.find((b) => b.nameEn.startsWith('Ganesh'))!;
  return { office, keys, householdId: saved.householdId, ganesh, pooja: saved.beneficiaries.find((b) => b.nameEn.startsWith('Pooja'))! };
}

describe('an Aadhaar added after registration (registry.setAadhaar)', () => {
  it('keeps only last 4, bucket and sealed number, audits it, and replicates it sealed', async () => {
    const dir = tempDir();
    const { office, keys, ganesh } = await pawarsWithoutGanesh(dir);
    const aadhaar = aadhaarFrom('56789012345');
    const result = await office.call('registry.setAadhaar', { target: 'beneficiary', id: ganesh.id, aadhaar: `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`, reason: '', duplicateReason: '' });
    expect(result.aadhaarMasked).toBe(`XXXX XXXX ${aadhaar.slice(8)}`);
    expect((await office.call('registry.beneficiary', { id: ganesh.id })).member.aadhaarMasked).toBe(`XXXX XXXX ${aadhaar.slice(8)}`);
    const hits = await office.call('registry.search', { query: aadhaar.slice(8) });
    expect(hits.hits.find((hit) => hit.beneficiaryId === ganesh.id)?.aadhaarMasked).toBe(`XXXX XXXX ${aadhaar.slice(8)}`);
    office.close();

    const [row] = query<{ aadhaar_last4: string; aadhaar_bucket: string; aadhaar_sealed: string }>(dir, 'SELECT aadhaar_last4, aadhaar_bucket, aadhaar_sealed FROM beneficiary WHERE id = ?', ganesh.id);
    expect(row!.aadhaar_last4).toBe(aadhaar.slice(8));
    expect(row!.aadhaar_bucket).toMatch(/^[0-9a-f]{4}$/);
    expect(openSealedAadhaar(row!.aadhaar_sealed, keys.sealPrivateKey)).toBe(aadhaar);

    const audit = query<{ action: string; entity_id: string; reason: string | null }>(dir, "SELECT * FROM audit_log WHERE action = 'beneficiary.update' AND entity_id = ?", ganesh.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('Aadhaar added after registration');

    const [change] = query<{ data: string }>(dir, "SELECT data FROM change_log WHERE entity = 'beneficiary' AND entity_id = ? AND op = 'update'", ganesh.id);
    const replicated = JSON.parse(change!.data) as Record<string, string>;
    expect(replicated.aadhaar_last4).toBe(aadhaar.slice(8));
    expect(openSealedAadhaar(replicated.aadhaar_sealed!, keys.sealPrivateKey)).toBe(aadhaar);

    // Nowhere in the folder's bytes, grouped or not.
    const bytes = folderBytes(dir);
    expect(bytes).not.toContain(aadhaar);
    expect(bytes).not.toContain(aadhaar.slice(0, 8));
  });

  it('refuses a bad check digit, a number on another record and a silent replacement, changing nothing', async () => {
    const dir = tempDir();
    const { office, householdId, ganesh, pooja } = await pawarsWithoutGanesh(dir);
    const good = aadhaarFrom('56789012345');
    const wrongDigit = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    const before = query(dir, 'SELECT * FROM beneficiary ORDER BY id');

    const bad = await problemOf(office.call('registry.setAadhaar', { target: 'beneficiary', id: ganesh.id, aadhaar: wrongDigit, reason: '', duplicateReason: '' }));
    expect(bad.fields[0]).toMatchObject({ field: 'aadhaar', message: { en: expect.stringContaining('not valid') } });
    expect(bad.fields[0]!.message.mr).toContain('वैध नाही');

    // The head's number (from registration) on a second person: probably the same Aadhaar.
    const head = pawarForm().aadhaar!;
    const dup = await problemOf(office.call('registry.setAadhaar', { target: 'beneficiary', id: ganesh.id, aadhaar: head, reason: '', duplicateReason: '' }));
    expect(dup.code).toBe('possible-duplicates');
    expect(dup.fields[0]!.message.en).toContain('household head');
    expect(query(dir, 'SELECT * FROM beneficiary ORDER BY id')).toEqual(before);

    await office.call('registry.setAadhaar', { target: 'beneficiary', id: pooja.id, aadhaar: good, reason: '', duplicateReason: '' });
    const replace = await problemOf(office.call('registry.setAadhaar', { target: 'beneficiary', id: pooja.id, aadhaar: aadhaarFrom('67890123456'), reason: '', duplicateReason: '' }));
    expect(replace.fields[0]!.field).toBe('reason');

    // The household head's own number can be set on the household record too.
    const other = aadhaarFrom('78901234567');
    await office.call('registry.setAadhaar', { target: 'household', id: householdId, aadhaar: other, reason: 'card brought, number corrected', duplicateReason: '' });
    expect((await office.call('registry.household', { id: householdId })).aadhaarMasked).toBe(`XXXX XXXX ${other.slice(8)}`);
    office.close();
  });

  it('says why when no state key file has been imported', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const form = pawarForm({ aadhaar: '' });
    form.members = form.members.map((member) => ({ ...member, aadhaar: '' }));
    const saved = await office.call('registry.saveHousehold', form);
    const problem = await problemOf(office.call('registry.setAadhaar', { target: 'beneficiary', id: saved.beneficiaries[0]!.id, aadhaar: aadhaarFrom('56789012345'), reason: '', duplicateReason: '' }));
    expect(problem.code).toBe('state-keys-missing');
    expect(problem.text.mr).toContain('की फाइल');
    office.close();
  });
});
