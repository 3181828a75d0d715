import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src-main/api/contract.ts';
import { createStateKeys, isValidMtsId, parseMtsId } from '../../../src-main/identity/index.ts';
import { selectCardIds } from '../../../src-main/printing/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { ADMIN, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type NewMember = InputOf<'registry.addMember'>['member'];

async function officeWithKeys(dir: string): Promise<TestOffice> {
  const office = await openTestOffice(dir);
  await office.call('registry.importStateKeys', { file: createStateKeys().text });
  return office;
}

/** The Pawar family with Sunita near term (LMP 270 days ago), so a birth can be recorded. */
async function pawars(office: TestOffice) {
  const form = pawarForm();
  form.members[0] = { ...form.members[0]!, lmp: daysAgo(270) };
  const saved = await office.call('registry.saveHousehold', form);
  const byName = (start: string) => saved.beneficiaries.find((b) => b.nameEn.startsWith(start))!;
  return { householdId: saved.householdId, sunita: byName('Sunita'), ganesh: byName('Ganesh'), pooja: byName('Pooja'), ids: saved.beneficiaries.map((b) => b.mtsId) };
}

const newborn = (motherId: string | null, overrides: Partial<NewMember> = {}): NewMember => ({
  nameMr: 'सई रामदास पवार',
  nameEn: 'Sai Ramdas Pawar',
  sex: 'F',
  dateOfBirth: daysAgo(3),
  relation: 'daughter',
  birthWeightKg: 2.6,
  birthPlace: 'institution',
  motherId,
  rchId: '127012345678',
  ...overrides,
});

/** Every row of every table, in a stable order: what "changes nothing" is checked against. */
function dump(dir: string, only: string[] | null = null): string {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return JSON.stringify(tables.filter((name) => !only || only.includes(name)).map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

function rows<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function problemOf(promise: Promise<unknown>): Promise<{ code: string; text: { en: string; mr: string }; fields: { field: string; message: { en: string; mr: string } }[] }> {
  try {
    await promise;
  } catch (error) {
    return (error as { problem: never }).problem;
  }
  throw new Error('expected a refusal');
}

describe('adding a member to a registered household', () => {
  it('adds a newborn with a new MTS ID of this series; the mother becomes lactating; audited and logged for sync', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, sunita, ids } = await pawars(office);
    const before = rows<{ n: number }>(dir, 'SELECT count(*) n FROM change_log')[0]!.n;

    const added = await office.call('registry.addMember', { householdId, member: newborn(sunita.id) });
    expect(isValidMtsId(added.mtsId)).toBe(true);
    const parsed = parseMtsId(added.mtsId);
    const last = parseMtsId(ids.sort().at(-1)!);
    if (!parsed.ok || !last.ok) throw new Error('MTS IDs do not parse');
    expect(parsed.parts.office).toBe('2714');
    expect(parsed.parts.series).toBe(last.parts.series);
    expect(parsed.parts.serial).toBe(last.parts.serial + 1);
    expect(added).toMatchObject({ category: 'child-0-3', motherUpdated: sunita.id, linkedTo: null });

    const profile = await office.call('registry.household', { id: householdId });
    const sai = profile.members.find((m) => m.id === added.beneficiaryId)!;
    expect(sai).toMatchObject({ rchId: '127012345678', birth: { weightKg: 2.6, place: 'institution', motherId: sunita.id }, exit: null, active: true });
    const mother = profile.members.find((m) => m.id === sunita.id)!;
    expect(mother.category).toBe('lactating');
    expect(rows<{ delivery_date: string }>(dir, 'SELECT delivery_date FROM beneficiary WHERE id = ?', sunita.id)[0]!.delivery_date).toBe(daysAgo(3));

    // One transaction: the child, the mother's delivery date and the series counter, each in the change log.
    const changes = rows<{ entity: string; entity_id: string; op: string; data: string }>(dir, 'SELECT entity, entity_id, op, data FROM change_log ORDER BY counter');
    expect(changes.length).toBe(before + 3);
    expect(changes.slice(-3).map((c) => `${c.entity}.${c.op}`).sort()).toEqual(['beneficiary.insert', 'beneficiary.update', 'installation.update']);
    expect(JSON.parse(changes.find((c) => c.entity_id === sunita.id && c.op === 'update')!.data)).toEqual({ delivery_date: daysAgo(3) });
    const audit = rows<{ action: string; entity_id: string; reason: string | null }>(dir, 'SELECT action, entity_id, reason FROM audit_log');
    expect(audit).toContainEqual(expect.objectContaining({ action: 'beneficiary.insert', entity_id: added.beneficiaryId }));
    expect(audit.find((a) => a.action === 'beneficiary.update' && a.entity_id === sunita.id)?.reason).toContain(added.mtsId);
    office.close();
  });

  it('links a newborn to a mother who died at the birth without making her lactating', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, sunita } = await pawars(office);
    await office.call('registry.recordExit', { beneficiaryId: sunita.id, reason: 'died', date: daysAgo(3) });
    const added = await office.call('registry.addMember', { householdId, member: newborn(sunita.id) });
    expect(added.motherUpdated).toBeNull();
    expect(rows(dir, 'SELECT 1 FROM beneficiary WHERE id = ? AND mother_id = ?', added.beneficiaryId, sunita.id)).toHaveLength(1);
    expect(rows<{ delivery_date: string | null }>(dir, 'SELECT delivery_date FROM beneficiary WHERE id = ?', sunita.id)[0]!.delivery_date).toBeNull();
    office.close();
  });

  it('checks duplicates as registration does: the same child again is refused until linked or overridden with a reason', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, sunita } = await pawars(office);
    await office.call('registry.addMember', { householdId, member: newborn(sunita.id) });

    const warnings = await office.call('registry.checkMemberDuplicates', { householdId, member: newborn(null) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ target: 'member', reasons: ['same-name'] });
    const before = dump(dir);
    const refused = await problemOf(office.call('registry.addMember', { householdId, member: newborn(null) }));
    expect(refused.code).toBe('possible-duplicates');
    expect(refused.text.mr).toMatch(/[\u0900-\u097F]/);
    const noReason = await problemOf(
      office.call('registry.addMember', { householdId, member: newborn(null), resolutions: [{ target: 'member', existingId: warnings[0]!.existing.beneficiaryId!, action: 'override', reason: '' }] }),
    );
    expect(noReason.code).toBe('possible-duplicates');
    expect(dump(dir)).toBe(before);

    const linked = await office.call('registry.addMember', {
      householdId,
      member: newborn(null),
      resolutions: [{ target: 'member', existingId: warnings[0]!.existing.beneficiaryId!, action: 'link', reason: '' }],
    });
    expect(linked.linkedTo).toBe(warnings[0]!.existing.beneficiaryId);
    const twins = await office.call('registry.addMember', {
      householdId,
      member: newborn(sunita.id, { rchId: '' }),
      resolutions: [{ target: 'member', existingId: warnings[0]!.existing.beneficiaryId!, action: 'override', reason: 'twin sister, same name on the MCP card' }],
    });
    expect(twins.linkedTo).toBeNull();
    // The mother's delivery date does not move for the second twin (not newer).
    expect(twins.motherUpdated).toBeNull();
    expect(rows(dir, "SELECT 1 FROM audit_log WHERE action = 'duplicate.override' AND entity_id = ?", twins.beneficiaryId)).toHaveLength(1);
    expect(rows(dir, 'SELECT 1 FROM beneficiary WHERE household_id = ?', householdId)).toHaveLength(5);
    office.close();
  });

  it('adds a new spouse: an adult with Aadhaar kept as last 4 + bucket, no birth details', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId } = await pawars(office);
    const aadhaar = aadhaarFrom('45678901234');
    const added = await office.call('registry.addMember', {
      householdId,
      member: { nameMr: 'कमल रामदास पवार', nameEn: 'Kamal Ramdas Pawar', sex: 'F', dateOfBirth: '1994-07-01', relation: 'spouse', aadhaar },
    });
    expect(added.category).toBe('woman');
    const [row] = rows<{ aadhaar_last4: string; aadhaar_sealed: string; birth_weight_kg: null; mother_id: null }>(dir, 'SELECT * FROM beneficiary WHERE id = ?', added.beneficiaryId);
    expect(row).toMatchObject({ aadhaar_last4: aadhaar.slice(8), birth_weight_kg: null, mother_id: null });
    expect(dump(dir)).not.toContain(aadhaar);
    office.close();
  });

  it('refuses a bad date, a bad RCH ID, wrong birth details or an unknown household, naming the field, and changes nothing', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, sunita, ganesh } = await pawars(office);
    const other = await office.call('registry.saveHousehold', {
      ...pawarForm({ aadhaar: '', contactNumber: '', rationCard: '', headNameMr: 'दत्तू भीमा वळवी', headNameEn: 'Dattu Bhima Valvi', nativeVillage: 'Khapar', awc: '27271400002' }),
      members: [{ nameMr: 'लता दत्तू वळवी', nameEn: 'Lata Dattu Valvi', sex: 'F', dateOfBirth: '1997-01-05', relation: 'spouse' }],
      migration: null,
    } as InputOf<'registry.saveHousehold'>);
    const before = dump(dir);
    const cases: [Promise<unknown>, string, string][] = [
      [office.call('registry.addMember', { householdId, member: newborn(sunita.id, { dateOfBirth: daysAgo(-2) }) }), 'invalid-input', 'member.dateOfBirth'],
      [office.call('registry.addMember', { householdId, member: newborn(sunita.id, { dateOfBirth: '2025-02-30' }) }), 'invalid-input', 'member.dateOfBirth'],
      [office.call('registry.addMember', { householdId, member: newborn(sunita.id, { rchId: '12701234' }) }), 'invalid-input', 'member.rchId'],
      [office.call('registry.addMember', { householdId, member: newborn(sunita.id, { rchId: '12701234567A' }) }), 'invalid-input', 'member.rchId'],
      [office.call('registry.addMember', { householdId, member: { ...newborn(null), birthWeightKg: null, birthPlace: null, dateOfBirth: '1990-01-01', sex: 'M', nameMr: 'सोमा पवार', nameEn: 'Soma Pawar', relation: 'sibling' } }), 'invalid-input', 'member.rchId'],
      [office.call('registry.addMember', { householdId, member: newborn(sunita.id, { birthWeightKg: 9 }) }), 'invalid-input', 'member.birthWeightKg'],
      [office.call('registry.addMember', { householdId, member: newborn(ganesh.id) }), 'invalid-input', 'member.motherId'],
      [office.call('registry.addMember', { householdId, member: newborn(other.beneficiaries[0]!.id) }), 'invalid-input', 'member.motherId'],
      [office.call('registry.addMember', { householdId: 'no-such-household', member: newborn(null) }), 'not-found', ''],
    ];
    for (const [call, code, field] of cases) {
      const problem = await problemOf(call);
      expect(problem.code, field).toBe(code);
      expect(problem.text.mr).toMatch(/[\u0900-\u097F]/);
      if (field) {
        expect(problem.fields.map((f) => f.field)).toContain(field);
        expect(problem.fields.find((f) => f.field === field)!.message.mr).toMatch(/[\u0900-\u097F]/);
      }
    }
    expect(dump(dir)).toBe(before);
    office.close();
  });

  it('sets, corrects (with a reason) and refuses an RCH ID', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { sunita, pooja } = await pawars(office);
    await office.call('registry.setRchId', { beneficiaryId: sunita.id, rchId: '1270 1234 5678' });
    expect(rows<{ rch_id: string }>(dir, 'SELECT rch_id FROM beneficiary WHERE id = ?', sunita.id)[0]!.rch_id).toBe('127012345678');
    const before = dump(dir);
    expect((await problemOf(office.call('registry.setRchId', { beneficiaryId: sunita.id, rchId: '127099999999' }))).fields[0]!.field).toBe('reason');
    expect((await problemOf(office.call('registry.setRchId', { beneficiaryId: sunita.id, rchId: '123' }))).fields[0]!.field).toBe('rchId');
    // Pooja is 13: no RCH ID for her.
    expect((await problemOf(office.call('registry.setRchId', { beneficiaryId: pooja.id, rchId: '127012345679' }))).fields[0]!.field).toBe('rchId');
    expect(dump(dir)).toBe(before);
    await office.call('registry.setRchId', { beneficiaryId: sunita.id, rchId: '127099999999', reason: 'misread from the MCP card' });
    expect(rows(dir, "SELECT 1 FROM audit_log WHERE entity_id = ? AND reason = 'misread from the MCP card'", sunita.id)).toHaveLength(1);
    office.close();
  });
});

describe('the RCH ID on the registration form', () => {
  it('is saved for a pregnant woman and a young child, refused for a girl of 13, and a refused form saves nothing', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const form = pawarForm();
    form.members[0] = { ...form.members[0]!, rchId: '127012345678' };
    form.members[1] = { ...form.members[1]!, rchId: '1270123456789' };
    const wrong = { ...form, members: form.members.map((m, i) => (i === 2 ? { ...m, rchId: '127012345670' } : m)) };
    const before = dump(dir);
    const refused = await problemOf(office.call('registry.saveHousehold', wrong));
    expect(refused.fields.map((f) => f.field)).toEqual(['members.2.rchId']);
    expect(refused.fields[0]!.message.mr).toContain('RCH');
    expect(dump(dir)).toBe(before);
    const saved = await office.call('registry.saveHousehold', form);
    const stored = rows<{ name_en: string; rch_id: string | null }>(dir, 'SELECT name_en, rch_id FROM beneficiary WHERE household_id = ? ORDER BY dob', saved.householdId);
    expect(stored.map((r) => r.rch_id)).toEqual(['127012345678', null, '1270123456789']);
    const profile = await office.call('registry.household', { id: saved.householdId });
    expect(profile.members.find((m) => m.nameEn.startsWith('Ganesh'))?.rchId).toBe('1270123456789');
    office.close();
  });
});

describe('a deactivated household', () => {
  it('takes no new member', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId } = await pawars(office);
    office.data.writer.write({ operatorId: null }, (batch) => batch.update('household', householdId, { status: 'deactivated', status_reason: 'duplicate record' }, 'duplicate record'));
    const before = dump(dir);
    const refused = await problemOf(office.call('registry.addMember', { householdId, member: newborn(null) }));
    expect(refused.code).toBe('household-deactivated');
    expect(refused.text.mr).toMatch(/[\u0900-\u097F]/);
    expect(dump(dir)).toBe(before);
    office.close();
  });
});

describe('a member who died or left', () => {
  it('is marked and deactivated with the date, refused twice, undone with a reason, all audited', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, pooja, ganesh } = await pawars(office);

    await office.call('registry.recordExit', { beneficiaryId: pooja.id, reason: 'left', date: daysAgo(5), note: 'married, lives in Dhadgaon' });
    let profile = await office.call('registry.household', { id: householdId });
    const marked = profile.members.find((m) => m.id === pooja.id)!;
    expect(marked).toMatchObject({ active: false, exit: { reason: 'left', date: daysAgo(5) } });
    expect(marked.statusReason).toContain(daysAgo(5));
    expect(profile.members).toHaveLength(3);

    const before = dump(dir);
    const twice = await problemOf(office.call('registry.recordExit', { beneficiaryId: pooja.id, reason: 'died', date: daysAgo(1) }));
    expect(twice.code).toBe('already-exited');
    expect(twice.text.mr).toMatch(/[\u0900-\u097F]/);
    const future = await problemOf(office.call('registry.recordExit', { beneficiaryId: ganesh.id, reason: 'died', date: daysAgo(-1) }));
    expect(future.fields[0]!.field).toBe('date');
    const beforeBirth = await problemOf(office.call('registry.recordExit', { beneficiaryId: ganesh.id, reason: 'died', date: daysAgo(800) }));
    expect(beforeBirth.fields[0]!.field).toBe('date');
    expect((await problemOf(office.call('registry.undoExit', { beneficiaryId: ganesh.id, reason: 'by mistake' }))).code).toBe('not-exited');
    expect(dump(dir)).toBe(before);

    await office.call('registry.undoExit', { beneficiaryId: pooja.id, reason: 'recorded on the wrong member' });
    profile = await office.call('registry.household', { id: householdId });
    expect(profile.members.find((m) => m.id === pooja.id)).toMatchObject({ active: true, exit: null, statusReason: null });
    await office.call('registry.recordExit', { beneficiaryId: ganesh.id, reason: 'died', date: daysAgo(2) });
    const audit = rows<{ entity_id: string; reason: string; after: string }>(dir, "SELECT entity_id, reason, after FROM audit_log WHERE action = 'beneficiary.update' ORDER BY at");
    expect(audit.map((a) => [a.entity_id, a.reason])).toEqual([
      [pooja.id, `left the household on ${daysAgo(5)}: married, lives in Dhadgaon`],
      [pooja.id, 'recorded on the wrong member'],
      [ganesh.id, `died on ${daysAgo(2)}`],
    ]);
    expect(JSON.parse(audit[2]!.after)).toMatchObject({ exit_reason: 'died', exit_date: daysAgo(2), status: 'deactivated' });
    office.close();
  });

  it('is left out of a card print selection, by the household’s ids or by AWC', async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { sunita, ganesh, pooja } = await pawars(office);
    await office.call('registry.recordExit', { beneficiaryId: ganesh.id, reason: 'died', date: daysAgo(1) });
    const all = [sunita.id, ganesh.id, pooja.id];
    const preview = await office.call('printing.preview', { selection: { beneficiaryIds: all } });
    expect(preview.count).toBe(2);
    expect(preview.rows.map((r) => r.beneficiaryId).sort()).toEqual([sunita.id, pooja.id].sort());
    expect(selectCardIds(office.data, { notPrinted: false, awcCode: null, registeredFrom: null, registeredTo: null, migrationStatus: null, destinationDistrictLgd: null, beneficiaryIds: all }).ids).not.toContain(ganesh.id);
    expect((await office.call('printing.preview', { selection: { awcCode: '27271400001' } })).rows.map((r) => r.beneficiaryId)).not.toContain(ganesh.id);
    office.close();
  });
});

describe('mts call registry.addMember', () => {
  it('adds a member from a JSON file through the real command line', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const office = await officeWithKeys(dir);
    const { householdId, sunita } = await pawars(office);
    office.close();
    const file = join(dir, 'newborn.json');
    writeFileSync(file, JSON.stringify({ householdId, member: newborn(sunita.id) }));
    // What `npm run mts -- call registry.addMember --input FILE` runs (package.json: tsx src-main/cli/main.ts).
    const env: NodeJS.ProcessEnv = { ...process.env, MTS_PASSWORD: ADMIN.password };
    delete env.MTS_DATA_DIR;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'call', 'registry.addMember', '--input', file, '--data-dir', dir], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const added = JSON.parse(run.stdout) as { mtsId: string; beneficiaryId: string; motherUpdated: string };
    expect(isValidMtsId(added.mtsId)).toBe(true);
    expect(added.motherUpdated).toBe(sunita.id);
    expect(rows(dir, 'SELECT 1 FROM beneficiary WHERE id = ? AND mts_id = ?', added.beneficiaryId, added.mtsId)).toHaveLength(1);

    // A refused file: one clear line naming the field, nothing written (the log-in itself is audited).
    const records = ['household', 'beneficiary', 'measurement', 'installation', 'change_log'];
    const before = dump(dir, records);
    writeFileSync(file, JSON.stringify({ householdId, member: newborn(sunita.id, { rchId: '1234' }) }));
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'call', 'registry.addMember', '--input', file, '--data-dir', dir], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/"member\.rchId": The RCH ID has 10 to 15 digits/);
    expect(dump(dir, records)).toBe(before);
  });
});
