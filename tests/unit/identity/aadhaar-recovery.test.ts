// Issue 9, point 2: someone who takes every file of the office's data folder (database, WAL, backups, key
// files, anything else there) must still face at least 64 candidate Aadhaar numbers for every record.
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { InputOf } from '../../../src-main/api/contract.ts';
import { createStateKeys, isVerhoeffValid } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { BucketHmac, bucketCensus } from '../../helpers/aadhaar-candidates.ts';
import { addSignedInOperator, openTestOffice } from '../../helpers/office.ts';
import { aadhaarEndingIn, daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

// Most records share one last 4, so one enumeration (8 million HMACs) answers all of them at once.
const SHARED_LAST4 = '3071';
const OTHER_LAST4 = '5164';
const SURNAMES = [
  ['पवार', 'Pawar'], ['गावित', 'Gavit'], ['वळवी', 'Valvi'], ['पाडवी', 'Padvi'], ['कोकणी', 'Kokani'],
] as const;

/** Household k: head, wife and son, each with a known Aadhaar; households 0–3 share the last 4. */
function familyForm(k: number, numbers: string[]): InputOf<'registry.saveHousehold'> {
  const [mr, en] = SURNAMES[k]!;
  return {
    awc: '27271400001',
    headNameMr: `रामदास ${mr}`,
    headNameEn: `Ramdas ${en}`,
    contactNumber: '',
    nativeVillage: `Molgi ${k}`,
    socialCategory: 'ST',
    aadhaar: numbers[0]!,
    members: [
      { nameMr: `सुनीता ${mr}`, nameEn: `Sunita ${en}`, sex: 'F', dateOfBirth: '1996-05-01', relation: 'spouse', aadhaar: `${numbers[1]!.slice(0, 4)} ${numbers[1]!.slice(4, 8)} ${numbers[1]!.slice(8)}` },
      { nameMr: `गणेश ${mr}`, nameEn: `Ganesh ${en}`, sex: 'M', dateOfBirth: daysAgo(700), relation: 'son', aadhaar: numbers[2]!, measuredOn: daysAgo(1), weightKg: 8.1, heightCm: 76.5, posture: 'lying' },
    ],
    migration: null,
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Aadhaar cannot be recovered from the data folder', () => {
  it('leaves no number and no full-length hash in any file, and at least 64 candidates for every record', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    // Whatever the app prints while it works goes into the folder as a log file would.
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
    );
    const office = await openTestOffice(dir);
    const state = createStateKeys();
    await office.call('registry.importStateKeys', { file: state.text });
    await office.call('verification.setEnabled', { enabled: true });
    const savita = await addSignedInOperator(office, { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });

    // 15 records: 12 numbers ending 3071, 3 ending 5164, all Verhoeff-valid, entered as printed or with spaces.
    const numbers = Array.from({ length: 15 }, (_, i) => aadhaarEndingIn(String(2345671 + i * 456_789), i < 12 ? SHARED_LAST4 : OTHER_LAST4));
    expect(new Set(numbers).size).toBe(15);
    const truth = new Map<string, string>(); // record id → its Aadhaar
    const forms: InputOf<'registry.saveHousehold'>[] = [];
    for (let k = 0; k < 5; k++) {
      const own = numbers.slice(3 * k, 3 * k + 3);
      const form = familyForm(k, own);
      forms.push(form);
      // Any duplicate warning (a shared bucket is possible) is overridden, as an operator would for a stranger.
      const warnings = await office.call('registry.checkDuplicates', form);
      const resolutions = warnings.map((w) => ({ target: w.target, existingId: w.existing.beneficiaryId ?? w.existing.householdId, action: 'override' as const, reason: 'Different family' }));
      const saved = await office.call('registry.saveHousehold', { ...form, resolutions });
      truth.set(saved.householdId, own[0]!);
      truth.set(saved.beneficiaries[0]!.id, own[1]!);
      truth.set(saved.beneficiaries[1]!.id, own[2]!);
    }
    // Double entry: one form keyed again the same, one with the head's number misread as another valid one.
    const misread = aadhaarEndingIn('9876543', SHARED_LAST4);
    const queue = await office.call('verification.queue', {});
    for (const [index, aadhaar] of [[0, numbers[0]!], [1, misread]] as const) {
      const item = queue.find((q) => q.headNameEn === forms[index]!.headNameEn)!;
      const reply = await office.api.call(savita, 'verification.submit', { householdId: item.householdId, form: { ...forms[index]!, aadhaar } });
      expect(reply.ok).toBe(true);
    }
    await office.call('office.backup', {});
    office.close();
    for (const spy of spies) spy.mockRestore();
    writeFileSync(join(dir, 'console.log'), printed.join('\n'));

    // (a) Every byte of every file: no number (plain or spaced) and no full-length HMAC in any encoding.
    const files = filesUnder(dir);
    expect(files.map((f) => relative(dir, f))).toEqual(expect.arrayContaining([DATABASE_FILE, 'console.log', expect.stringMatching(/^backups\/mts-2714-.*\.sqlite$/)]));
    const dedupKey = Buffer.from((JSON.parse(state.text) as { dedup_key: string }).dedup_key, 'base64');
    const needles = [...numbers, misread].flatMap((n) => {
      const hmac = createHmac('sha256', dedupKey).update(n, 'ascii').digest();
      const hex = hmac.toString('hex');
      return [n, `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`, hex, hex.toUpperCase(), hex.slice(0, 16), hmac.toString('base64'), hmac.toString('base64url'), hmac].map((needle) => ({ n, needle }));
    });
    for (const file of files) {
      const bytes = readFileSync(file);
      const found = needles.filter(({ needle }) => bytes.includes(needle)).map(({ n }) => `${relative(dir, file)} holds ${n.slice(8)}`);
      expect(found).toEqual([]);
    }

    // (b) What the files do reveal: last 4, bucket, and the bucket key in the stored state key file.
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const stolenFile = (db.prepare('SELECT file FROM state_key').get() as { file: string }).file;
    const records = [
      ...(db.prepare('SELECT id, head_aadhaar_last4 last4, head_aadhaar_bucket bucket FROM household').all() as { id: string; last4: string; bucket: string }[]),
      ...(db.prepare('SELECT id, aadhaar_last4 last4, aadhaar_bucket bucket FROM beneficiary WHERE aadhaar_last4 IS NOT NULL').all() as { id: string; last4: string; bucket: string }[]),
    ];
    db.close();
    expect(records).toHaveLength(15);
    const stolenKey = Buffer.from((JSON.parse(stolenFile) as { dedup_key: string }).dedup_key, 'base64');
    const hmac = new BucketHmac(stolenKey);
    // The hand-written HMAC agrees with node:crypto's.
    for (const n of [...numbers, '999941057058']) expect(hmac.bucketOf(n)).toBe(createHmac('sha256', stolenKey).update(n).digest().readUInt16BE(0));

    // One census per distinct last 4: every valid number with those digits, by bucket.
    const candidates = new Map<string, number>();
    const trueNumberAmongThem = new Set<string>();
    for (const last4 of new Set(records.map((r) => r.last4))) {
      const mine = records.filter((r) => r.last4 === last4);
      const wanted = new Uint8Array(65_536);
      for (const r of mine) wanted[parseInt(r.bucket, 16)] = 1;
      const byFirst8 = new Map(mine.map((r) => [Number(truth.get(r.id)!.slice(0, 8)), r]));
      const census = bucketCensus(hmac, last4, wanted, (first8, bucket) => {
        expect(isVerhoeffValid(`${String(first8).padStart(8, '0')}${last4}`)).toBe(true);
        const record = byFirst8.get(first8);
        if (record && parseInt(record.bucket, 16) === bucket) trueNumberAmongThem.add(record.id);
      });
      expect(census.total).toBe(8_000_000);
      for (const r of mine) candidates.set(r.id, census.histogram[parseInt(r.bucket, 16)]!);
    }
    expect(trueNumberAmongThem.size).toBe(15);
    for (const r of records) {
      expect(truth.get(r.id)!.slice(8)).toBe(r.last4);
      expect(candidates.get(r.id), `record ending ${r.last4}`).toBeGreaterThanOrEqual(64);
    }
  });
});
