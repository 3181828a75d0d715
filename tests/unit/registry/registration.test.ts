import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStateKeys, groupMtsId, isValidMtsId, openSealedAadhaar, parseMtsId, parseStateKeyFile, protectAadhaar, type StateKeys } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { DUPLICATE_REASON_LABELS } from '../../../src-renderer/lib/registration-options.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { aadhaarEndingIn, aadhaarFrom, daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

async function officeWithKeys(dir: string): Promise<{ office: TestOffice; statePrivateKey: string; keys: StateKeys }> {
  const office = await openTestOffice(dir);
  const keys = createStateKeys();
  await office.call('registry.importStateKeys', { file: keys.text });
  const parsed = parseStateKeyFile(keys.text);
  if (!parsed.ok) throw new Error(parsed.message.en);
  return { office, statePrivateKey: keys.sealPrivateKeyPkcs8, keys: parsed.value };
}

function rowCounts(dir: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      households: n('SELECT count(*) n FROM household'),
      beneficiaries: n('SELECT count(*) n FROM beneficiary'),
      measurements: n('SELECT count(*) n FROM measurement'),
      migrations: n('SELECT count(*) n FROM migration'),
      changes: n('SELECT count(*) n FROM change_log'),
    };
  } finally {
    db.close();
  }
}

describe('registering a household from the paper form', () => {
  it('saves the household, members, first measurement and migration in one go and issues valid MTS IDs', async () => {
    const dir = tempDir();
    const { office } = await officeWithKeys(dir);
    const before = rowCounts(dir);
    const saved = await office.call('registry.saveHousehold', pawarForm());
    expect(saved.beneficiaries).toHaveLength(3);
    for (const b of saved.beneficiaries) {
      expect(b.mtsId).toMatch(/^\d{16}$/);
      expect(isValidMtsId(b.mtsId)).toBe(true);
      const parsed = parseMtsId(b.mtsId);
      expect(parsed.ok && parsed.parts.office).toBe('2714');
      expect(groupMtsId(b.mtsId)).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    }
    expect(new Set(saved.beneficiaries.map((b) => b.mtsId)).size).toBe(3);
    expect(saved.beneficiaries.map((b) => b.category)).toEqual(['pregnant', 'child-0-3', 'adolescent-girl']);
    expect(saved.beneficiaries[2]!.dobEstimated).toBe(true);
    const after = rowCounts(dir);
    expect(after).toMatchObject({
      households: before.households + 1,
      beneficiaries: before.beneficiaries + 3,
      measurements: before.measurements + 1,
      migrations: before.migrations + 1,
    });
    // household + 3 beneficiaries + measurement + migration + the series counter
    expect(after.changes).toBe(before.changes + 7);

    const profile = await office.call('registry.household', { id: saved.householdId });
    expect(profile.aadhaarMasked).toBe('XXXX XXXX 9012'.replace('9012', aadhaarFrom('23456789012').slice(8)));
    const ganesh = profile.members.find((m) => m.nameEn.startsWith('Ganesh'))!;
    expect(ganesh.latestNutrition?.z.waz).not.toBeNull();
    const sunita = profile.members.find((m) => m.nameEn.startsWith('Sunita'))!;
    expect(sunita.edd).toBe(daysAgo(90 - 280));
    // A departure date in the past is a plan until the departure is recorded (migration events, issue 11).
    expect(profile.migrations[0]).toMatchObject({ workSector: 'sugar_factory', status: 'planned', destinationDistrictLgd: 470 });
    expect(profile.history.some((h) => h.action === 'household.insert')).toBe(true);
    office.close();
  });

  it('refuses a form with a wrong Aadhaar check digit and an impossible date, naming each field, and saves nothing', async () => {
    const dir = tempDir();
    const { office } = await officeWithKeys(dir);
    const before = rowCounts(dir);
    const good = aadhaarFrom('23456789012');
    const wrong = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const form = pawarForm({ aadhaar: wrong });
    form.members[1] = { ...form.members[1]!, dateOfBirth: daysAgo(-30) };
    const reply = await office.api.call(office.session, 'registry.saveHousehold', form);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.problem.fields.map((f) => f.field).sort()).toEqual(['aadhaar', 'members.1.dateOfBirth']);
      expect(reply.problem.fields.every((f) => f.message.mr.length > 0 && f.message.en.length > 0)).toBe(true);
      // The message never repeats the number.
      expect(JSON.stringify(reply)).not.toContain(wrong);
    }
    expect(rowCounts(dir)).toEqual(before);
    office.close();
  });

  it('asks about a likely duplicate (spelling variant, same village) and saves only with a reason, audited', async () => {
    const dir = tempDir();
    const { office } = await officeWithKeys(dir);
    await office.call('registry.saveHousehold', pawarForm());
    const second = pawarForm({
      headNameMr: 'संतोष गावित',
      headNameEn: 'Santosh Gavit',
      contactNumber: '',
      aadhaar: '',
      migration: null,
      members: [{ nameMr: 'सुनिता रामदास पवार', nameEn: 'Suneeta Ramdas Powar', sex: 'F', dateOfBirth: '1998-09-01', relation: 'other' }],
    });
    const warnings = await office.call('registry.checkDuplicates', second);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ target: 'members.0', reasons: ['same-name'], existing: { nameEn: 'Sunita Ramdas Pawar' } });
    const refused = await office.api.call(office.session, 'registry.saveHousehold', second);
    expect(refused).toMatchObject({ ok: false, problem: { code: 'possible-duplicates' } });

    const resolution = { target: 'members.0', existingId: warnings[0]!.existing.beneficiaryId!, action: 'override' as const, reason: 'Different woman: sister-in-law with the same name' };
    const saved = await office.call('registry.saveHousehold', { ...second, resolutions: [resolution] });
    expect(saved.beneficiaries).toHaveLength(1);
    const history = await office.call('registry.beneficiary', { id: saved.beneficiaries[0]!.id });
    expect(history.history.find((h) => h.action === 'duplicate.override')?.reason).toBe(resolution.reason);
    office.close();
  });

  it('warns of probably the same Aadhaar across households through last 4 + bucket, as possible not certain', async () => {
    const dir = tempDir();
    const { office, keys } = await officeWithKeys(dir);
    await office.call('registry.saveHousehold', pawarForm());
    const form = pawarForm({ headNameMr: 'बाळू कोळी', headNameEn: 'Balu Koli', contactNumber: '', migration: null, nativeVillage: 'Dhadgaon' });
    form.members = [{ nameMr: 'मंगल कोळी', nameEn: 'Mangal Koli', sex: 'F', dateOfBirth: '1990-01-01', relation: 'spouse', aadhaar: aadhaarFrom('34567890123') }];
    const warnings = await office.call('registry.checkDuplicates', form);
    // The head (same number as the Pawar head) and the member (same as Sunita) are both flagged.
    expect(warnings.map((w) => [w.target, w.reasons])).toEqual([
      ['household', ['same-aadhaar-bucket']],
      ['members.0', ['same-aadhaar-bucket']],
    ]);
    expect(warnings[1]!.message.en).toBe('Possibly already registered: Sunita Ramdas Pawar (same last 4 digits and same bucket: probably the same Aadhaar).');
    expect(warnings[1]!.message.mr).toContain('बहुधा तोच आधार क्रमांक');
    // The duplicate dialog's label for the reason says the same, in both languages.
    expect(DUPLICATE_REASON_LABELS['same-aadhaar-bucket']).toEqual({
      en: 'Same last 4 digits and same bucket: probably the same Aadhaar',
      mr: 'आधारचे शेवटचे ४ अंक व गट (बकेट) समान: बहुधा तोच आधार क्रमांक',
    });

    // Another number with the same last 4 digits is not flagged while its bucket differs (65,535 in 65,536).
    const sunita = aadhaarFrom('34567890123');
    const bucketOf = (number: string) => protectAadhaar(number, keys).bucket;
    let other = aadhaarEndingIn('4567890', sunita.slice(8));
    for (let n = 4567891; bucketOf(other) === bucketOf(sunita); n++) other = aadhaarEndingIn(String(n), sunita.slice(8));
    form.aadhaar = '';
    form.members[0]!.aadhaar = other;
    expect(await office.call('registry.checkDuplicates', form)).toEqual([]);
    office.close();
  });

  it('stores Aadhaar as last 4 + a 4-hex bucket, and the database refuses a full-length hash', async () => {
    const dir = tempDir();
    const { office } = await officeWithKeys(dir);
    await office.call('registry.saveHousehold', pawarForm());
    const db = new Database(join(dir, DATABASE_FILE));
    try {
      const head = db.prepare('SELECT head_aadhaar_last4 last4, head_aadhaar_bucket bucket FROM household').get() as { last4: string; bucket: string };
      expect(head.last4).toBe(aadhaarFrom('23456789012').slice(8));
      expect(head.bucket).toMatch(/^[0-9a-f]{4}$/);
      const buckets = db.prepare('SELECT aadhaar_bucket b FROM beneficiary WHERE aadhaar_bucket IS NOT NULL').all() as { b: string }[];
      expect(buckets.map((r) => r.b)).toEqual([expect.stringMatching(/^[0-9a-f]{4}$/)]);
      expect(() => db.prepare('UPDATE household SET head_aadhaar_bucket = ?').run('a'.repeat(64))).toThrow(/4 lower-case hex digits/);
      expect(() => db.prepare('UPDATE beneficiary SET aadhaar_bucket = ?').run('abcd1')).toThrow(/4 lower-case hex digits/);
    } finally {
      db.close();
    }
    office.close();
  });

  it('never stores, logs or exports a full Aadhaar number; only the state can open the sealed copy', async () => {
    const dir = tempDir();
    const { office, statePrivateKey } = await officeWithKeys(dir);
    const head = aadhaarFrom('23456789012');
    const wife = aadhaarFrom('34567890123');
    const saved = await office.call('registry.saveHousehold', pawarForm());
    const results = await office.call('registry.search', { query: head.slice(8) });
    expect(results.hits.length).toBeGreaterThan(0);
    const exported = JSON.stringify([await office.call('registry.household', { id: saved.householdId }), results]);

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const sealed = db.prepare('SELECT head_aadhaar_sealed s FROM household').get() as { s: string };
    db.close();
    expect(openSealedAadhaar(sealed.s, statePrivateKey)).toBe(head);

    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    for (const number of [head, wife]) {
      for (const content of [...files, exported]) expect(content).not.toContain(number);
    }
    office.close();
  });
});

describe('data quality at entry', () => {
  it('questions a height lower than last month and a weight jump, and reports rounding by AWC', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const saved = await office.call('registry.saveHousehold', pawarForm());
    const ganesh = saved.beneficiaries.find((b) => b.nameEn.startsWith('Ganesh'))!;
    // First reading (from the form): 8.1 kg, 76.5 cm lying, yesterday. Today:
    const later = await office.call('registry.addMeasurement', {
      beneficiaryId: ganesh.id,
      measuredOn: daysAgo(0),
      weightKg: 9.5,
      heightCm: 74.0,
      posture: 'lying',
    });
    expect(later.qualityNotes.map((n) => n.code).sort()).toEqual(['height_decreased', 'weight_change_over_10_percent']);

    for (let i = 0; i < 12; i += 1) {
      await office.call('registry.addMeasurement', { beneficiaryId: ganesh.id, measuredOn: daysAgo(0), weightKg: 9 + (i % 2) * 0.5, heightCm: 77, posture: 'lying' });
    }
    const report = await office.call('registry.dataQuality', { sinceDays: 30 });
    const molgi = report.find((r) => r.awcCode === '27271400001')!;
    expect(molgi.measurements).toBe(14);
    expect(molgi.warnings.map((w) => w.code).sort()).toEqual(['rounded_heights', 'rounded_weights']);
    office.close();
  });
});

describe('photos', () => {
  const TINY_JPEG =
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAKAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCSAFUT/9k=';

  it('stores a JPEG for the card, replaces it when retaken, and refuses anything else', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const saved = await office.call('registry.saveHousehold', pawarForm());
    const id = saved.beneficiaries[0]!.id;
    expect(await office.call('registry.photo', { beneficiaryId: id })).toEqual({ jpegBase64: null });
    await office.call('registry.setPhoto', { beneficiaryId: id, jpegBase64: TINY_JPEG });
    expect(await office.call('registry.photo', { beneficiaryId: id })).toEqual({ jpegBase64: TINY_JPEG });
    await office.call('registry.setPhoto', { beneficiaryId: id, jpegBase64: TINY_JPEG });
    await expect(office.call('registry.setPhoto', { beneficiaryId: id, jpegBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') })).rejects.toThrow(/invalid-photo/);

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const change = db.prepare(`SELECT data FROM change_log WHERE entity = 'beneficiary_photo' ORDER BY counter LIMIT 1`).get() as { data: string };
    const audit = db.prepare(`SELECT after FROM audit_log WHERE action = 'beneficiary_photo.insert'`).get() as { after: string };
    db.close();
    expect(JSON.parse(change.data).jpeg).toEqual({ base64: TINY_JPEG });
    expect(JSON.parse(audit.after).jpeg).toBe('[protected]');
    office.close();
  });
});
