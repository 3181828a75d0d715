/**
 * The entry screen and the server judge a registration form with one validator: the screen's
 * `formProblems` runs the backend's `checkHousehold` itself, so both name the same fields with the same
 * words. Also: the head is typed once (member 1), and pregnancy/lactation apply to women aged 15–49 only.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { validateAadhaar } from '../../../src-main/identity/aadhaar-format.ts';
import { checkHousehold, nameScriptProblem } from '../../../src-main/registry/validate.ts';
import { emptyDraft, formProblems, isVisible, newMemberBlock, sectionByKey, sexFromRelation, toSaveInput, type Draft } from '../../../src-renderer/lib/registration-form.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
const TODAY = new Date().toISOString().slice(0, 10);
const AWCS = new Set(['27271400001']);

/** DD-MM-YYYY as the operator types it, `days` before today. */
function typed(days: number): string {
  const iso = daysAgo(days);
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

/** A household keyed on the screen: the head (member 1) and his wife. */
function keyedDraft(): Draft {
  const draft = emptyDraft();
  Object.assign(draft.head, { awc: '27271400001', contactNumber: '9823012345', nativeVillage: 'Molgi', socialCategory: 'ST', aadhaar: aadhaarFrom('23456789012') });
  Object.assign(draft.members[0]!, { nameMr: 'रामदास विठ्ठल पवार', nameEn: 'Ramdas Vitthal Pawar', sex: 'M', dateOfBirth: '01-06-1990' });
  const wife = newMemberBlock(1);
  Object.assign(wife, { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '14-03-1998', lactating: true, deliveryDate: typed(40) });
  draft.members.push(wife);
  return draft;
}

/** Every module the renderer's form model pulls in, followed through relative imports. */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) {
      const spec = match[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else seen.add(spec);
    }
  };
  visit(resolve(entry));
  return [...seen];
}

describe('one round of errors: the screen runs the server’s checks', () => {
  it('finds the same problems, with the same words, as the server refusing the same form', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.importStateKeys', { file: createStateKeys().text });

    const draft = keyedDraft();
    const good = String(draft.head.aadhaar);
    draft.head.aadhaar = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    draft.members[0]!.nameMr = 'रामदास pawar';
    draft.members[1]!.dateOfBirth = typed(-30);

    const screen = formProblems(draft, TODAY, AWCS);
    expect(Object.keys(screen).sort()).toEqual(['aadhaar', 'members.0.nameMr', 'members.1.dateOfBirth']);
    expect(screen.aadhaar).toEqual((validateAadhaar(String(draft.head.aadhaar)) as { message: unknown }).message);
    expect(screen['members.0.nameMr']?.en).toMatch(/Devanagari letters only/);
    expect(screen['members.1.dateOfBirth']?.en).toBe('Date of birth cannot be in the future.');

    const { input } = toSaveInput(draft, TODAY);
    const reply = await office.api.call(office.session, 'registry.saveHousehold', input);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      const server = Object.fromEntries(reply.problem.fields.map((f) => [f.field, f.message]));
      expect(server).toEqual(screen);
    }
    office.close();
  });

  it('judges an empty or half-keyed form without failing, naming the required fields', () => {
    const empty = formProblems(emptyDraft(), TODAY, AWCS);
    expect(Object.keys(empty)).toEqual(expect.arrayContaining(['awc', 'nativeVillage', 'socialCategory', 'members.0.nameMr', 'members.0.sex', 'members.0.dateOfBirth']));
    const half = emptyDraft();
    half.migration.workSector = 'brick-kiln';
    expect(Object.keys(formProblems(half, TODAY, AWCS))).toEqual(expect.arrayContaining(['migration.departureDate', 'migration.destinationState']));
  });

  it('keeps the renderer’s validators free of node: modules (the same code runs in the browser bundle)', () => {
    const graph = importGraph('src-renderer/lib/registration-form.ts');
    expect(graph.some((file) => file.endsWith(join('src-main', 'registry', 'validate.ts')))).toBe(true);
    expect(graph.some((file) => file.endsWith(join('identity', 'aadhaar-format.ts')))).toBe(true);
    expect(graph.filter((spec) => spec.startsWith('node:') || spec === 'better-sqlite3' || spec.endsWith(join('identity', 'aadhaar.ts')))).toEqual([]);
  });

  it('takes Devanagari only in the Marathi name and Latin only in the English name', () => {
    expect(nameScriptProblem('ज्ञानोबा पाटील', 'deva')).toBeNull();
    expect(nameScriptProblem('र्‍या', 'deva')).toBeNull();
    expect(nameScriptProblem('ज्ञानोबा P', 'deva')?.en).toMatch(/remove the English letters/);
    expect(nameScriptProblem('ज्ञानोबा ३', 'deva')?.mr).toMatch(/देवनागरी/);
    expect(nameScriptProblem("Dnyanoba D'Souza-Patil", 'latn')).toBeNull();
    expect(nameScriptProblem('Dnyanoba पाटील', 'latn')?.en).toMatch(/remove the Devanagari letters/);
  });
});

describe('the head is typed once: member 1 is the head', () => {
  it('sends blank head names; the contract and the save take them from member 1', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const { input, errors } = toSaveInput(keyedDraft(), TODAY);
    expect(errors).toEqual({});
    expect(input.headNameMr).toBe('');
    expect(input.members[0]!.relation).toBe('self');
    const saved = await office.call('registry.saveHousehold', input);
    const profile = await office.call('registry.household', { id: saved.householdId });
    expect([profile.headNameMr, profile.headNameEn]).toEqual(['रामदास विठ्ठल पवार', 'Ramdas Vitthal Pawar']);
    expect(saved.beneficiaries.map((b) => b.category)).toEqual(['other', 'lactating']);
    office.close();
  });

  it('refuses a head name that differs from the "self" member, a second "self", and a form without any head', () => {
    const base = pawarForm();
    const head = { nameMr: 'रामदास विठ्ठल पवार', nameEn: 'Ramdas Vitthal Pawar', sex: 'M' as const, dateOfBirth: '1990-06-01', relation: 'self' as const };
    const asParsed = (form: object) => form as Parameters<typeof checkHousehold>[0];
    const fields = (form: object) => checkHousehold(asParsed(form), TODAY, () => true).problems.map((p) => p.field);
    const members = [head, ...base.members].map((m) => ({ declaredAgeYears: null, declaredAgeMonths: null, pregnant: false, lmp: null, lactating: false, deliveryDate: null, aadhaar: '', measuredOn: null, weightKg: null, heightCm: null, posture: null, muacMm: null, oedema: false, rchId: '', ...m }));
    expect(fields({ ...base, headNameMr: 'दत्तू पवार', headNameEn: 'Dattu Pawar', members, migration: null })).toContain('headNameMr');
    expect(fields({ ...base, members: [...members, { ...members[0]!, nameMr: 'दुसरा', nameEn: 'Dusra' }], migration: null })).toContain(`members.${members.length}.relation`);
    expect(fields({ ...base, headNameMr: '', headNameEn: '', members: members.slice(1), migration: null })).toEqual(expect.arrayContaining(['headNameMr', 'headNameEn']));
  });

  it('infers the sex from the relation where it is unambiguous', () => {
    expect(sexFromRelation('son', '')).toBe('M');
    expect(sexFromRelation('daughter-in-law', 'M')).toBe('F');
    expect(sexFromRelation('spouse', 'M')).toBe('F');
    expect(sexFromRelation('spouse', 'F')).toBe('M');
    expect(sexFromRelation('spouse', '')).toBeNull();
    expect(sexFromRelation('grandchild', 'M')).toBeNull();
    expect(newMemberBlock(0).relation).toBe('self');
    expect(newMemberBlock(1).relation).toBe('spouse');
  });
});

describe('only what applies', () => {
  const member = sectionByKey('member');
  const field = (key: string) => member.fields.find((f) => f.key === key)!;

  it('offers pregnant and lactating to women aged 15–49 only, and no measurement to an adult', () => {
    const woman = { ...newMemberBlock(1), sex: 'F', dateOfBirth: '14-03-1998' };
    expect(isVisible(field('pregnant'), member, woman, TODAY)).toBe(true);
    expect(isVisible(field('lactating'), member, { ...woman, declaredAgeYears: '', dateOfBirth: typed(60 * 365) }, TODAY)).toBe(false);
    expect(isVisible(field('pregnant'), member, { ...woman, dateOfBirth: typed(13 * 365) }, TODAY)).toBe(false);
    const man = { ...newMemberBlock(0), sex: 'M', dateOfBirth: '01-06-1990' };
    expect(isVisible(field('pregnant'), member, man, TODAY)).toBe(false);
    expect(isVisible(field('weightKg'), member, man, TODAY)).toBe(false);
    expect(isVisible(field('relation'), member, man, TODAY)).toBe(false);
  });

  it('is refused by the server for a man and for a woman of 60, naming the field', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const form = pawarForm();
    form.members = [
      { ...form.members[0]!, nameMr: 'रामदास पवार', nameEn: 'Ramdas Pawar', sex: 'M', relation: 'self' },
      { ...form.members[0]!, dateOfBirth: daysAgo(60 * 366), lactating: true, deliveryDate: daysAgo(30), pregnant: true },
    ];
    const reply = await office.api.call(office.session, 'registry.saveHousehold', { ...form, headNameMr: '', headNameEn: '' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      const byField = Object.fromEntries(reply.problem.fields.map((f) => [f.field, f.message]));
      expect(byField['members.0.pregnant']?.en).toBe('Only a woman can be recorded as pregnant.');
      expect(byField['members.1.pregnant']?.en).toMatch(/^Age 60: pregnancy is recorded for women aged 15–49 only/);
      expect(byField['members.1.lactating']?.mr).toMatch(/१५|15–49/);
    }
    office.close();
  });
});
