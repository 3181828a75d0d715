import { randomUUID } from 'node:crypto';
import type { HouseholdInput } from '../api/contracts/registry.ts';
import { Problem } from '../common/problem.ts';
import { maskAadhaar, protectAadhaar, validateAadhaar } from '../identity/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { Store } from '../store/database.ts';
import type { Actor } from '../store/write.ts';
import { updateBeneficiary, updateHousehold, type BeneficiaryChanges, type HouseholdChanges } from './edit.ts';
import { readStateKeys } from './state-keys.ts';
import type { KeyingErrorRate, Mismatch, VerificationItem } from './verification-types.ts';

export type { KeyingErrorRate, Mismatch, VerificationItem } from './verification-types.ts';

/** A keyed form as field → value, values normalised so that only real keying differences count. */
export type FormSnapshot = Record<string, string>;

const SETTING = 'double_entry';

export function doubleEntryEnabled({ store }: OfficeData): boolean {
  return store.first(store.db.selectFrom('setting').select('value').where('key', '=', SETTING))?.value === '1';
}

export function setDoubleEntry(data: OfficeData, actor: Actor, enabled: boolean): void {
  const value = enabled ? '1' : '0';
  data.writer.write(actor, (batch) => {
    if (data.store.first(data.store.db.selectFrom('setting').select('key').where('key', '=', SETTING))) batch.update('setting', SETTING, { value });
    else batch.insert('setting', { key: SETTING, value });
  });
}

/** As keyed, tidied: what a correction writes back. */
function tidy(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return 'yes';
  return String(value).normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Letter case in English names is not a keying error worth a supervisor's time. */
function comparable(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value.toLowerCase() : value;
}

/**
 * Flattens the form in paper order. Aadhaar is kept only as its last four digits and 16-bit keyed bucket,
 * as the household record keeps it: two keyings compare equal when both agree, which misses a differing
 * number only when it shares the last 4 and, by a 1 in 65,536 chance, the bucket.
 */
export function formSnapshot(data: OfficeData, input: HouseholdInput): FormSnapshot {
  const keys = readStateKeys(data);
  const aadhaar = (text: string): string => {
    if (!text) return '';
    const checked = validateAadhaar(text);
    if (!checked.ok) return 'invalid';
    if (!keys) return `last4:${checked.last4}`;
    const sealed = protectAadhaar(text, { dedupKey: keys.dedupKey, sealPublicKey: keys.sealPublicKey });
    return `last4:${sealed.last4};bucket:${sealed.bucket}`;
  };
  const snapshot: FormSnapshot = {};
  const { members, migration, resolutions: _resolutions, ...household } = input;
  for (const [key, value] of Object.entries(household)) snapshot[key] = key === 'aadhaar' ? aadhaar(value as string) : tidy(value);
  members.forEach((member, index) => {
    for (const [key, value] of Object.entries(member)) {
      snapshot[`members.${index}.${key}`] = key === 'aadhaar' ? aadhaar(value as string) : tidy(value);
    }
  });
  if (migration) for (const [key, value] of Object.entries(migration)) snapshot[`migration.${key}`] = tidy(value);
  return snapshot;
}

/** Called inside the save transaction: the form waits for its second keying. */
export function recordFirstEntry(store: Store, householdId: string, operatorId: string | null, snapshot: FormSnapshot, memberIds: (string | null)[]): void {
  if (!operatorId) return;
  store.run(
    store.db.insertInto('form_verification').values({
      household_id: householdId,
      status: 'unverified',
      first_operator: operatorId,
      first_entry: JSON.stringify(snapshot),
      member_ids: JSON.stringify(memberIds),
      second_operator: null,
      second_entry: null,
      fields_compared: null,
      created_at: new Date().toISOString(),
      verified_at: null,
      verified_by: null,
    }),
  );
}

const display = (value: string) => {
  const last4 = /^last4:(\d{4})/.exec(value);
  return last4 ? maskAadhaar(last4[1]!) : value;
};

export function compareSnapshots(first: FormSnapshot, second: FormSnapshot): { mismatches: Mismatch[]; compared: number } {
  const fields = [...new Set([...Object.keys(first), ...Object.keys(second)])];
  const mismatches = fields
    .filter((field) => comparable(first[field] ?? '') !== comparable(second[field] ?? ''))
    .map((field) => ({ field, first: display(first[field] ?? ''), second: display(second[field] ?? '') }));
  return { mismatches, compared: fields.filter((field) => (first[field] ?? '') !== '' || (second[field] ?? '') !== '').length };
}

function requireItem({ store }: OfficeData, householdId: string) {
  const row = store.first(store.db.selectFrom('form_verification').selectAll().where('household_id', '=', householdId));
  if (!row) throw new Problem('not-found', { en: 'This form is not waiting for verification.', mr: 'हा अर्ज पडताळणीसाठी प्रलंबित नाही.' });
  return row;
}

export function verificationQueue(data: OfficeData): VerificationItem[] {
  const { store } = data;
  return store
    .all(
      store.db
        .selectFrom('form_verification as v')
        .innerJoin('household as h', 'h.id', 'v.household_id')
        .select(['v.household_id', 'v.status', 'v.first_operator', 'v.second_operator', 'v.created_at', 'v.first_entry', 'v.second_entry', 'h.awc_code', 'h.head_name_mr', 'h.head_name_en'])
        .where('v.status', '<>', 'verified')
        .orderBy('v.created_at'),
    )
    .map((row) => ({
      householdId: row.household_id,
      awcCode: row.awc_code,
      headNameMr: row.head_name_mr,
      headNameEn: row.head_name_en,
      status: row.status,
      firstOperator: row.first_operator,
      secondOperator: row.second_operator,
      createdAt: row.created_at,
      mismatches: row.second_entry ? compareSnapshots(JSON.parse(row.first_entry), JSON.parse(row.second_entry)).mismatches : [],
    }));
}

/** The second, blind keying. Only another operator may do it; the first keying is never shown to them. */
export function submitSecondEntry(data: OfficeData, actor: Actor, householdId: string, input: HouseholdInput): { mismatches: Mismatch[]; verified: boolean } {
  const item = requireItem(data, householdId);
  if (item.status === 'verified') throw new Problem('already-verified', { en: 'This form is already verified.', mr: 'हा अर्ज आधीच पडताळला आहे.' });
  if (!actor.operatorId || actor.operatorId === item.first_operator) {
    throw new Problem('same-operator', { en: 'The second keying must be done by another operator.', mr: 'दुसरी नोंद दुसऱ्या ऑपरेटरनेच करावी.' });
  }
  const second = formSnapshot(data, input);
  const { mismatches, compared } = compareSnapshots(JSON.parse(item.first_entry), second);
  const verified = mismatches.length === 0;
  data.store.transaction(() => {
    data.store.run(
      data.store.db
        .updateTable('form_verification')
        .set({
          status: verified ? 'verified' : 'mismatch',
          second_operator: actor.operatorId,
          second_entry: JSON.stringify(second),
          fields_compared: compared,
          verified_at: verified ? new Date().toISOString() : null,
          verified_by: verified ? actor.operatorId : null,
        })
        .where('household_id', '=', householdId),
    );
    data.writer.auditOnly(actor, verified ? 'verification.match' : 'verification.mismatch', {
      entity: 'household',
      entityId: householdId,
      after: { fields: compared, mismatches: mismatches.map((m) => m.field) },
    });
  });
  return { mismatches, verified };
}

const HOUSEHOLD_FIELDS: Record<string, keyof HouseholdChanges> = {
  headNameMr: 'headNameMr',
  headNameEn: 'headNameEn',
  contactNumber: 'contactNumber',
  nativeVillage: 'nativeVillage',
  socialCategory: 'socialCategory',
  awc: 'awc',
};
const MEMBER_FIELDS: Record<string, keyof BeneficiaryChanges> = {
  nameMr: 'nameMr',
  nameEn: 'nameEn',
  sex: 'sex',
  dateOfBirth: 'dateOfBirth',
  relation: 'relation',
  lmp: 'lmp',
  deliveryDate: 'deliveryDate',
};

/**
 * The supervisor decides, field by field, which keying matches the paper. Where the second keying was right,
 * the saved record is corrected through the normal edit path (audited); the operator who keyed the wrong
 * value gets a keying error. Fields the edit path cannot change are returned to be corrected by hand.
 */
export function resolveMismatches(
  data: OfficeData,
  actor: Actor,
  householdId: string,
  choices: { field: string; correct: 'first' | 'second' }[],
): { corrected: string[]; correctByHand: string[] } {
  const item = requireItem(data, householdId);
  if (item.status !== 'mismatch' || !item.second_entry || !item.second_operator) {
    throw new Problem('nothing-to-resolve', { en: 'This form has no differences to resolve.', mr: 'या अर्जात सोडवायचे फरक नाहीत.' });
  }
  const first = JSON.parse(item.first_entry) as FormSnapshot;
  const second = JSON.parse(item.second_entry) as FormSnapshot;
  const { mismatches } = compareSnapshots(first, second);
  const missing = mismatches.filter((m) => !choices.some((c) => c.field === m.field));
  if (missing.length > 0) {
    throw new Problem(
      'choices-missing',
      { en: 'Decide every differing field.', mr: 'प्रत्येक फरक असलेल्या क्षेत्राचा निर्णय घ्या.' },
      missing.map((m) => ({ field: m.field, message: { en: 'Choose the value that matches the paper form.', mr: 'कागदी अर्जाशी जुळणारी नोंद निवडा.' } })),
    );
  }
  const memberIds = JSON.parse(item.member_ids) as (string | null)[];
  const corrected: string[] = [];
  const correctByHand: string[] = [];
  const householdChanges: HouseholdChanges = {};
  const memberChanges = new Map<string, BeneficiaryChanges>();
  const reason = 'double-entry verification';
  const raw = (field: string) => second[field] ?? '';

  for (const mismatch of mismatches) {
    const choice = choices.find((c) => c.field === mismatch.field)!;
    if (choice.correct === 'first') continue;
    const [head, index, key] = mismatch.field.split('.');
    if (index === undefined && HOUSEHOLD_FIELDS[head!] && !raw(mismatch.field).startsWith('last4:')) {
      (householdChanges as Record<string, string>)[HOUSEHOLD_FIELDS[head!]!] = raw(mismatch.field);
      corrected.push(mismatch.field);
    } else if (head === 'members' && key && MEMBER_FIELDS[key] && memberIds[Number(index)]) {
      const id = memberIds[Number(index)]!;
      const changes = memberChanges.get(id) ?? {};
      const value = raw(mismatch.field) || null;
      (changes as Record<string, unknown>)[MEMBER_FIELDS[key]!] = value;
      memberChanges.set(id, changes);
      corrected.push(mismatch.field);
    } else {
      correctByHand.push(mismatch.field);
    }
  }

  data.store.transaction(() => {
    if (Object.keys(householdChanges).length > 0) updateHousehold(data, actor, householdId, householdChanges, reason);
    for (const [id, changes] of memberChanges) updateBeneficiary(data, actor, id, changes, reason);
    const now = new Date().toISOString();
    for (const mismatch of mismatches) {
      const choice = choices.find((c) => c.field === mismatch.field)!;
      data.store.run(
        data.store.db.insertInto('keying_error').values({
          id: randomUUID(),
          household_id: householdId,
          operator_id: choice.correct === 'first' ? item.second_operator! : item.first_operator,
          field: mismatch.field,
          at: now,
        }),
      );
    }
    data.store.run(
      data.store.db.updateTable('form_verification').set({ status: 'verified', verified_at: now, verified_by: actor.operatorId }).where('household_id', '=', householdId),
    );
    data.writer.auditOnly(actor, 'verification.resolve', { entity: 'household', entityId: householdId, after: { corrected, correctByHand } });
  });
  return { corrected, correctByHand };
}

export function keyingErrorRates({ store }: OfficeData): KeyingErrorRate[] {
  const operators = store.all(store.db.selectFrom('operator').select(['id', 'full_name']));
  const forms = store.all(store.db.selectFrom('form_verification').select(['first_operator', 'second_operator', 'fields_compared']).where('fields_compared', 'is not', null));
  const errors = store.all(store.db.selectFrom('keying_error').select(['operator_id']));
  return operators
    .map((operator) => {
      const keyed = forms.filter((f) => f.first_operator === operator.id || f.second_operator === operator.id);
      const fieldsKeyed = keyed.reduce((sum, f) => sum + (f.fields_compared ?? 0), 0);
      const count = errors.filter((e) => e.operator_id === operator.id).length;
      return {
        operatorId: operator.id,
        fullName: operator.full_name,
        forms: keyed.length,
        fieldsKeyed,
        errors: count,
        ratePercent: fieldsKeyed === 0 ? 0 : Math.round((count / fieldsKeyed) * 10_000) / 100,
      };
    })
    .filter((rate) => rate.forms > 0);
}
