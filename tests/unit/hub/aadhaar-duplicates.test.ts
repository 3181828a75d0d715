import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createStateKeys, parseStateKeyFile, protectAadhaar, verhoeffCheckDigit, formatMtsId, type AadhaarKeys } from '../../../src-main/identity/index.ts';
import { HybridClock } from '../../../src-main/store/hlc.ts';
import {
  findAadhaarDuplicates,
  type AadhaarDuplicateResult,
  type AadhaarVaultKeys,
} from '../../../src-main/hub/duplicates/index.ts';
import { insertChanges, readChanges, type HubDatabase, type JsonValue, type StoredChange } from '../../../src-main/hub/store/index.ts';
import { describeOnEachBackend, type HubBackend } from './backends.ts';

// The state's key set, as offices receive its public half and the hub holds its private half.
const state = createStateKeys();
const stateFile = parseStateKeyFile(state.text);
if (!stateFile.ok) throw new Error('test state key file does not parse');
const officeKeys: AadhaarKeys = { dedupKey: stateFile.value.dedupKey, sealPublicKey: stateFile.value.sealPublicKey };
const vault: AadhaarVaultKeys = { sealPrivateKey: state.sealPrivateKey, aadhaarHashKey: new Uint8Array(randomBytes(32)) };

/** A Verhoeff-valid 12-digit number, first digit 2–9, different for each `n`. */
function aadhaarNumber(n: number): string {
  const payload = `${2 + (n % 8)}${String(4_730_019_001 + n * 7_919).padStart(10, '0')}`;
  return payload + String(verhoeffCheckDigit(payload));
}
const N = aadhaarNumber(1);
const M = aadhaarNumber(2);
const K = aadhaarNumber(3);
const ALL_NUMBERS = [N, M, K];

/**
 * One block office's change log, written the way registry/save.ts and registry/edit.ts write it; `data`
 * parsed, as the hub's import stores it.
 */
class Office {
  private counter = 0;
  private serial = 0;
  readonly clock: HybridClock;
  constructor(readonly code: string, now: () => number = Date.now) {
    this.clock = new HybridClock(`${code}-001`, now);
  }
  get origin(): string {
    return `${this.code}-001`;
  }
  private change(entity: string, entityId: string, op: 'insert' | 'update', data: { [field: string]: JsonValue }): StoredChange {
    return { origin: this.origin, counter: ++this.counter, hlc: this.clock.tick(), entity, entityId, op, data };
  }
  household(number: string | null, sealKeys: AadhaarKeys = officeKeys): { id: string; change: StoredChange } {
    const id = randomUUID();
    const aadhaar = number === null ? null : protectAadhaar(number, sealKeys);
    return {
      id,
      change: this.change('household', id, 'insert', {
        id, awc_code: `${this.code}0001`, head_name_mr: 'सुनीता पवार', head_name_en: 'Sunita Pawar', head_name_key: 'snt pwr',
        mobile: null, village: 'Molgi', social_category: 'st',
        head_aadhaar_last4: aadhaar?.last4 ?? null, head_aadhaar_bucket: aadhaar?.bucket ?? null, head_aadhaar_sealed: aadhaar?.sealed ?? null,
        pan: null, ration_card: null, voter_id: null, job_card: null, status_reason: null, created_at: new Date().toISOString(), created_by: null,
      }),
    };
  }
  beneficiary(householdId: string, number: string | null): { id: string; mtsId: string; change: StoredChange } {
    const id = randomUUID();
    const mtsId = formatMtsId({ office: this.code, series: 1, serial: ++this.serial });
    const aadhaar = number === null ? null : protectAadhaar(number, officeKeys);
    return {
      id,
      mtsId,
      change: this.change('beneficiary', id, 'insert', {
        id, household_id: householdId, mts_id: mtsId, name_mr: 'आशा पवार', name_en: 'Asha Pawar', name_key: 'as pwr', sex: 'f',
        dob: '1998-04-01', dob_estimated: 0, relation: 'wife', lmp_date: null, delivery_date: null,
        aadhaar_last4: aadhaar?.last4 ?? null, aadhaar_bucket: aadhaar?.bucket ?? null, aadhaar_sealed: aadhaar?.sealed ?? null,
        status_reason: null, created_at: new Date().toISOString(), created_by: null,
      }),
    };
  }
  /** An edit of the Aadhaar alone: an update carries only the fields that changed. */
  editAadhaar(entity: 'household' | 'beneficiary', id: string, number: string | null): StoredChange {
    const aadhaar = number === null ? null : protectAadhaar(number, officeKeys);
    const prefix = entity === 'household' ? 'head_aadhaar' : 'aadhaar';
    return this.change(entity, id, 'update', {
      [`${prefix}_last4`]: aadhaar?.last4 ?? null, [`${prefix}_bucket`]: aadhaar?.bucket ?? null, [`${prefix}_sealed`]: aadhaar?.sealed ?? null,
    });
  }
}

const FOUND_AT = new Date('2026-12-03T10:00:00.000Z');

/** One bundle's worth: the changes stored, then the hook, in one transaction (as the importer does). */
async function importChanges(db: HubDatabase, changes: StoredChange[]): Promise<AadhaarDuplicateResult> {
  return db.transaction().execute(async (tx) => {
    await insertChanges(tx, changes, null);
    return findAadhaarDuplicates(tx, changes, vault, { now: FOUND_AT });
  });
}

async function notices(db: HubDatabase): Promise<StoredChange[]> {
  return (await readChanges(db, { origin: 'hub-001' })).filter((change) => change.entity === 'duplicate_notice');
}

async function indexOf(db: HubDatabase, entity: string, id: string): Promise<{ hash: string | null; office_code: string } | undefined> {
  const rows = await sql<{ hash: string | null; office_code: string }>`
    SELECT hash, office_code FROM aadhaar_index WHERE entity = ${entity} AND entity_id = ${id}`.execute(db);
  return rows.rows[0];
}

const hashOf = (number: string): string => createHmac('sha256', vault.aadhaarHashKey).update(number, 'ascii').digest('hex');

/** Every row of every table of the hub's schema, as PostgreSQL prints it. */
async function dumpAsText(db: HubDatabase): Promise<string> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ line: string }>`SELECT t::text AS line FROM ${sql.table(name)} t`.execute(db);
    parts.push(`-- ${name}`, ...rows.rows.map((row) => row.line));
  }
  return parts.join('\n');
}

async function freshHub(backend: HubBackend): Promise<HubDatabase> {
  return backend.fresh();
}

describeOnEachBackend('statewide Aadhaar duplicates', (backend) => {
  it('the same number in two offices gives one notice to each office, naming the other side', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const headA = a.household(N);
    const householdB = b.household(null);
    const memberB = b.beneficiary(householdB.id, N);

    const first = await importChanges(db, [headA.change]);
    expect(first).toMatchObject({ records: 1, indexed: 1, duplicatePairs: 0, unopenedAadhaar: 0 });
    const second = await importChanges(db, [householdB.change, memberB.change]);
    expect(second).toMatchObject({ records: 1, indexed: 1, duplicatePairs: 1, unopenedAadhaar: 0 });

    const stored = await notices(db);
    expect(stored.map((n) => [n.origin, n.counter, n.op])).toEqual([['hub-001', 1, 'insert'], ['hub-001', 2, 'insert']]);
    expect(stored.every((n) => n.hlc.endsWith('.hub-001') && n.hlc > memberB.change.hlc)).toBe(true);
    const byOffice = Object.fromEntries(stored.map((n) => [(n.data as { household_id: string }).household_id, n]));
    const toA = byOffice[headA.id]!;
    const toB = byOffice[householdB.id]!;
    expect(toA.data).toEqual({
      id: toA.entityId, household_id: headA.id, entity: 'household', entity_id: headA.id,
      other_office: '3021', other_household_id: householdB.id, other_entity: 'beneficiary', other_entity_id: memberB.id,
      other_mts_id: memberB.mtsId, found_at: FOUND_AT.toISOString(),
    });
    expect(toB.data).toEqual({
      id: toB.entityId, household_id: householdB.id, entity: 'beneficiary', entity_id: memberB.id,
      other_office: '2714', other_household_id: headA.id, other_entity: 'household', other_entity_id: headA.id,
      other_mts_id: null, found_at: FOUND_AT.toISOString(),
    });
    expect(second.notices).toEqual(stored);
  });

  it('finds every pair in a large bundle, within it and against what the hub holds, in batches', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const heads = Array.from({ length: 2_400 }, (_, i) => a.household(aadhaarNumber(100 + i)));
    expect((await importChanges(db, heads.map((h) => h.change))).duplicatePairs).toBe(0);
    // B's bundle: three matches with A's records (one past each batch of 1,000) and one pair of its own.
    const matches = [5, 1_005, 2_399].map((i) => b.household(aadhaarNumber(100 + i)));
    const twins = [b.household(K), b.household(K)];
    const result = await importChanges(db, [...matches, ...twins].map((h) => h.change));
    expect(result).toMatchObject({ records: 5, indexed: 5, duplicatePairs: 4 });
    const pairs = new Set((await notices(db)).map((n) => {
      const data = n.data as { entity_id: string; other_entity_id: string };
      return `${data.entity_id}>${data.other_entity_id}`;
    }));
    for (const [i, match] of [5, 1_005, 2_399].entries()) {
      expect(pairs).toContain(`${heads[match]!.id}>${matches[i]!.id}`);
      expect(pairs).toContain(`${matches[i]!.id}>${heads[match]!.id}`);
    }
    expect(pairs).toContain(`${twins[0]!.id}>${twins[1]!.id}`);
    expect(pairs.size).toBe(8);
  });

  it('different numbers give no notice (data as JSON text, as offices send it, reads the same)', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const asText = (change: StoredChange): StoredChange => ({ ...change, data: JSON.stringify(change.data) });
    const result = await importChanges(db, [a.household(N).change, b.household(M).change, b.household(K).change].map(asText));
    expect(result).toMatchObject({ records: 3, indexed: 3, duplicatePairs: 0 });
    expect(await notices(db)).toEqual([]);
  });

  it('never reports a pair twice: the same changes again, or the same number keyed again, write no notice', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const headA = a.household(N);
    const headB = b.household(N);
    await importChanges(db, [headA.change, headB.change]);
    expect(await notices(db)).toHaveLength(2);

    const again = await importChanges(db, [headA.change, headB.change]);
    expect(again).toMatchObject({ records: 0, duplicatePairs: 0, notices: [] });
    // A correction that types the same number again seals it anew (another ciphertext), same hash.
    const rekeyed = await importChanges(db, [a.editAadhaar('household', headA.id, N)]);
    expect(rekeyed).toMatchObject({ records: 1, indexed: 1, duplicatePairs: 0, notices: [] });
    expect(await notices(db)).toHaveLength(2);
  });

  it('an edit that changes the number moves the entry: new matches for the new number, none for the old', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const c = new Office('4102');
    const headA = a.household(N);
    const headB = b.household(N);
    await importChanges(db, [headA.change, headB.change]);

    await importChanges(db, [a.editAadhaar('household', headA.id, M)]);
    expect((await indexOf(db, 'household', headA.id))?.hash).toBe(hashOf(M));

    const headC = c.household(N);
    const headD = c.household(M);
    const result = await importChanges(db, [headC.change, headD.change]);
    expect(result.duplicatePairs).toBe(2);
    const pairs = (await notices(db)).map((n) => {
      const data = n.data as { entity_id: string; other_entity_id: string };
      return [data.entity_id, data.other_entity_id];
    });
    expect(pairs).toEqual(expect.arrayContaining([[headB.id, headC.id], [headC.id, headB.id], [headA.id, headD.id], [headD.id, headA.id]]));
    expect(pairs).not.toContainEqual([headA.id, headC.id]);
    expect((await readChanges(db, { origin: 'hub-001' })).map((n) => n.counter)).toEqual([1, 2, 3, 4, 5, 6]);

    // Removing the number removes the record from the index; its old matches stay reported, no new ones.
    await importChanges(db, [a.editAadhaar('household', headA.id, null)]);
    expect((await indexOf(db, 'household', headA.id))?.hash).toBeNull();
    expect((await importChanges(db, [b.household(M).change])).duplicatePairs).toBe(1);
  });

  it('an older change arriving after a newer one does not bring the old number back', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const headA = a.household(N);
    const toM = a.editAadhaar('household', headA.id, M);
    const toK = a.editAadhaar('household', headA.id, K);
    await importChanges(db, [headA.change, toK.hlc > toM.hlc ? toK : toM]);
    const late = await importChanges(db, [toM]);
    expect(late.records).toBe(0);
    expect((await indexOf(db, 'household', headA.id))?.hash).toBe(hashOf(K));
  });

  it('a seal that does not open is counted, indexes nothing, and the bundle still imports', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const otherState = createStateKeys();
    const parsed = parseStateKeyFile(otherState.text);
    if (!parsed.ok) throw new Error('unreachable');
    const foreign = a.household(N, { dedupKey: parsed.value.dedupKey, sealPublicKey: parsed.value.sealPublicKey });
    const damaged = a.household(null);
    const sealed = protectAadhaar(N, officeKeys).sealed;
    const body = sealed.slice('mtsa1.'.length);
    const flipped = `mtsa1.${body.slice(0, 50)}${body[50] === 'A' ? 'B' : 'A'}${body.slice(51)}`;
    damaged.change.data = { ...(damaged.change.data as { [field: string]: JsonValue }), head_aadhaar_sealed: flipped };
    const sameNumber = new Office('3021').household(N);

    const result = await importChanges(db, [foreign.change, damaged.change, sameNumber.change]);
    expect(result).toMatchObject({ records: 3, indexed: 1, unopenedAadhaar: 2, duplicatePairs: 0 });
    expect(await readChanges(db)).toHaveLength(3);
    expect(await indexOf(db, 'household', foreign.id)).toBeUndefined();

    // A record indexed before whose new value does not open no longer matches on its old number.
    const edit = new Office('3021');
    const indexed = edit.household(M);
    await importChanges(db, [indexed.change]);
    const unreadable = edit.editAadhaar('household', indexed.id, K);
    unreadable.data = { ...(unreadable.data as { [field: string]: JsonValue }), head_aadhaar_sealed: flipped };
    expect(await importChanges(db, [unreadable])).toMatchObject({ records: 1, indexed: 0, unopenedAadhaar: 1 });
    expect((await indexOf(db, 'household', indexed.id))?.hash).toBeNull();
    expect((await importChanges(db, [new Office('4102').household(M).change])).duplicatePairs).toBe(0);
  });

  it('an Aadhaar edit from an office that does not own the household does not move the entry', async () => {
    const db = await freshHub(backend);
    const owner = new Office('2714');
    const destination = new Office('3021');
    const head = owner.household(N);
    await importChanges(db, [head.change]);
    const result = await importChanges(db, [destination.editAadhaar('household', head.id, M)]);
    expect(result).toMatchObject({ records: 0, notFromOwner: 1 });
    expect(await indexOf(db, 'household', head.id)).toEqual({ hash: hashOf(N), office_code: '2714' });
  });

  it('a head listed again as a member of their own household is one person, not a duplicate', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const head = a.household(N);
    const self = a.beneficiary(head.id, N);
    const result = await importChanges(db, [head.change, self.change]);
    expect(result).toMatchObject({ indexed: 2, duplicatePairs: 0 });
  });

  it('the hub database holds no Aadhaar number in any table, and no sealed value outside the change log', async () => {
    const db = await freshHub(backend);
    const a = new Office('2714');
    const b = new Office('3021');
    const headA = a.household(N);
    const headB = b.household(N);
    const member = b.beneficiary(headB.id, M);
    await importChanges(db, [headA.change]);
    await importChanges(db, [headB.change, member.change]);
    await importChanges(db, [a.editAadhaar('household', headA.id, K)]);
    expect(await notices(db)).toHaveLength(2);

    const dump = await dumpAsText(db);
    expect(dump).toContain('-- aadhaar_index');
    for (const number of ALL_NUMBERS) expect(dump).not.toContain(number);
    expect(dump).not.toContain(Buffer.from(vault.aadhaarHashKey).toString('hex'));
    expect(dump).not.toContain(Buffer.from(vault.aadhaarHashKey).toString('base64'));
    const outsideChangeLog = dump.slice(0, dump.indexOf('-- change')) + dump.slice(dump.indexOf('-- household_route'));
    expect(outsideChangeLog).not.toContain('mtsa1.');
  });
});
