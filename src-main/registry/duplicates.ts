import { sql } from 'kysely';
import type { HouseholdInput } from '../api/contracts/registry.ts';
import type { FieldProblem } from '../common/problem.ts';
import { findLikelyDuplicates, type DuplicateRecord, type ProtectedAadhaar } from '../identity/index.ts';
import type { Store } from '../store/database.ts';
import { addDays } from '../common/calendar.ts';
import { nameSearchKey } from './name-key.ts';
import type { DuplicateWarning } from './types.ts';
import type { CheckedHousehold } from './validate.ts';

export interface DuplicateCandidate {
  checked: CheckedHousehold;
  input: HouseholdInput;
  headAadhaar: Pick<ProtectedAadhaar, 'last4' | 'bucket'> | null;
  memberAadhaar: (Pick<ProtectedAadhaar, 'last4' | 'bucket'> | null)[];
}

const village = (text: string) => text.trim().toLowerCase();

const REASON_TEXT = {
  'same-aadhaar-bucket': {
    en: 'same last 4 digits and same bucket: probably the same Aadhaar',
    mr: 'आधारचे शेवटचे ४ अंक व गट (बकेट) समान: बहुधा तोच आधार क्रमांक',
  },
  'same-name': { en: 'same name, sex, village and age (±1 year)', mr: 'समान नाव, लिंग, गाव व वय (±1 वर्ष)' },
  'same-mobile': { en: 'same mobile number', mr: 'समान मोबाईल क्रमांक' },
} as const;

/**
 * Likely duplicates across the office's records, found through indexes (Aadhaar last 4 + bucket, mobile,
 * village + sex + date-of-birth window) and confirmed by identity's phonetic rules.
 */
export function findDuplicates(store: Store, candidate: DuplicateCandidate): DuplicateWarning[] {
  const warnings: DuplicateWarning[] = [];
  const { input, checked } = candidate;

  const households = new Map<string, DuplicateWarning['existing'] & { reasons: Set<DuplicateWarning['reasons'][number]> }>();
  const noteHousehold = (row: { id: string; head_name_mr: string; head_name_en: string; village: string; awc_code: string }, reason: 'same-aadhaar-bucket' | 'same-mobile') => {
    const entry = households.get(row.id) ?? {
      beneficiaryId: null,
      householdId: row.id,
      mtsId: null,
      nameMr: row.head_name_mr,
      nameEn: row.head_name_en,
      dob: null,
      village: row.village,
      awcCode: row.awc_code,
      reasons: new Set(),
    };
    entry.reasons.add(reason);
    households.set(row.id, entry);
  };
  const householdColumns = ['id', 'head_name_mr', 'head_name_en', 'village', 'awc_code'] as const;
  const head = candidate.headAadhaar;
  if (head) {
    const query = store.db
      .selectFrom('household')
      .select(householdColumns)
      .where('head_aadhaar_last4', '=', head.last4)
      .where('head_aadhaar_bucket', '=', head.bucket)
      .where('status', '=', 'active');
    for (const row of store.all(query)) noteHousehold(row, 'same-aadhaar-bucket');
  }
  if (checked.mobile) {
    for (const row of store.all(store.db.selectFrom('household').select(householdColumns).where('mobile', '=', checked.mobile).where('status', '=', 'active'))) {
      noteHousehold(row, 'same-mobile');
    }
  }
  for (const { reasons, ...existing } of households.values()) {
    // The head registered as a member of their own household has an MTS ID: show it, so the operator can
    // tell the existing person from the card in hand. The warning still names the household.
    const head = store.first(
      store.db
        .selectFrom('beneficiary')
        .select('mts_id')
        .where('household_id', '=', existing.householdId)
        .where('relation', '=', 'self')
        .orderBy('created_at')
        .limit(1),
    );
    existing.mtsId = head?.mts_id ?? null;
    const list = [...reasons];
    warnings.push({ target: 'household', reasons: list, existing, message: describe(list, existing.nameEn, existing.nameMr) });
  }

  input.members.forEach((member, index) => {
    const facts = checked.members[index]!;
    const aadhaar = candidate.memberAadhaar[index] ?? null;
    const me: DuplicateRecord = {
      id: '(new)',
      aadhaarLast4: aadhaar?.last4 ?? null,
      aadhaarBucket: aadhaar?.bucket ?? null,
      nameMr: member.nameMr,
      nameEn: member.nameEn,
      sex: facts.sex,
      dob: facts.dob,
      village: village(input.nativeVillage),
    };
    // Two narrow look-ups instead of one OR: the last 4 + bucket index, and the people whose phonetic name
    // words match (full-text index), then kept to the same village, sex and a year either side of the DOB.
    // The village test is deliberately not indexable so SQLite drives the join from the name matches.
    const columns = [
      'b.id', 'b.household_id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'b.sex', 'b.dob', 'b.aadhaar_last4', 'b.aadhaar_bucket', 'h.village', 'h.awc_code',
    ] as const;
    const base = store.db
      .selectFrom('beneficiary as b')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .select(columns)
      .where('b.status', '=', 'active');
    const rows = [
      ...(aadhaar ? store.all(base.where('b.aadhaar_last4', '=', aadhaar.last4).where('b.aadhaar_bucket', '=', aadhaar.bucket)) : []),
      ...store.all(
        base
          .where(sql<boolean>`lower(h.village) = lower(${input.nativeVillage.trim()})`)
          .where(sql<boolean>`b.rowid IN (SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ${nameMatchQuery(member.nameMr, member.nameEn)})`)
          .where('b.sex', '=', facts.sex)
          .where('b.dob', '>=', addDays(facts.dob, -366))
          .where('b.dob', '<=', addDays(facts.dob, 366))
          .limit(2000),
      ),
    ];
    const records = new Map(rows.map((row) => [row.id, row]));
    const unique = [...records.values()];
    const found = findLikelyDuplicates(
      me,
      unique.map((row) => ({ id: row.id, aadhaarLast4: row.aadhaar_last4, aadhaarBucket: row.aadhaar_bucket, nameMr: row.name_mr, nameEn: row.name_en, sex: row.sex, dob: row.dob, village: village(row.village) })),
    );
    for (const match of found) {
      const row = records.get(match.id)!;
      const reasons = [...match.reasons];
      warnings.push({
        target: `members.${index}`,
        reasons,
        existing: { beneficiaryId: row.id, householdId: row.household_id, mtsId: row.mts_id, nameMr: row.name_mr, nameEn: row.name_en, dob: row.dob, village: row.village, awcCode: row.awc_code },
        message: describe(reasons, row.name_en, row.name_mr),
      });
    }
  });
  return warnings;
}

/**
 * FTS query for names that can match under identity's rule (two words in common, or a single word):
 * any pair of this person's phonetic words, so a shared surname alone does not pull in the whole village.
 */
function nameMatchQuery(nameMr: string, nameEn: string): string {
  const keys = nameSearchKey(nameMr, nameEn).split(' ').filter(Boolean).slice(0, 8).map((key) => `"${key.replace(/"/g, '')}"`);
  if (keys.length <= 1) return keys[0] ?? '""';
  const pairs: string[] = [];
  for (let i = 0; i < keys.length; i += 1) for (let j = i + 1; j < keys.length; j += 1) pairs.push(`(${keys[i]} AND ${keys[j]})`);
  return pairs.join(' OR ');
}

function describe(reasons: (keyof typeof REASON_TEXT)[], nameEn: string, nameMr: string) {
  return {
    en: `Possibly already registered: ${nameEn} (${reasons.map((r) => REASON_TEXT[r].en).join(', ')}).`,
    mr: `कदाचित आधीच नोंदलेले: ${nameMr} (${reasons.map((r) => REASON_TEXT[r].mr).join(', ')}).`,
  };
}

/** The record a warning points at: the existing beneficiary, or the household when the warning is about its head. */
export const existingIdOf = (warning: DuplicateWarning): string => warning.existing.beneficiaryId ?? warning.existing.householdId;

/** The operator's answer to one possible duplicate: the same person (link), or a different one (override, with a reason). */
export interface DuplicateAnswer {
  existingId: string;
  action: 'link' | 'override';
  reason: string;
}

/**
 * The possible duplicates a form leaves unanswered — neither linked nor overridden with a reason — as
 * problems on the field `fieldOf` names. `answerTo` finds the operator's answer to a warning.
 */
export function unansweredDuplicates(
  warnings: readonly DuplicateWarning[],
  answerTo: (warning: DuplicateWarning) => DuplicateAnswer | undefined,
  fieldOf: (warning: DuplicateWarning) => string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const warning of warnings) {
    const answer = answerTo(warning);
    if (!answer) problems.push({ field: fieldOf(warning), message: warning.message });
    else if (answer.action === 'override' && answer.reason.length < 3) {
      problems.push({ field: fieldOf(warning), message: { en: 'Give the reason for saving despite the possible duplicate.', mr: 'संभाव्य दुहेरी नोंद असूनही जतन करण्याचे कारण लिहा.' } });
    }
  }
  return problems;
}
