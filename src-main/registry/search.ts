import { sql, type RawBuilder } from 'kysely';
import { asciiDigits, maskAadhaar, nameKeyTokens, parseMtsId, suggestMtsIdCorrections } from '../identity/index.ts';
import { latestTripStatusSql } from '../migration/sql.ts';
import type { OfficeData } from '../office/service.ts';
import { beneficiaryCategory } from './category.ts';
import { addDays, todayIso } from './dates.ts';
import type { BeneficiaryCategory, SearchHit, SearchResults } from './types.ts';

export interface SearchInput {
  query: string;
  awcCode: string | null;
  category: BeneficiaryCategory | null;
  migrationStatus: 'planned' | 'departed' | 'arrived' | 'returned' | 'not_found' | 'none' | null;
  limit: number;
}

function yearsBack(today: string, years: number): string {
  const [y, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  return `${String(y - years).padStart(4, '0')}${rest === '-02-29' ? '-02-28' : rest}`;
}


/**
 * Search as you type. The query is read as what it looks like: 16 digits an MTS ID (with "did you mean"
 * for one wrong or swapped digit), 10 digits a mobile, 4 digits the Aadhaar last four (or an ID prefix),
 * 11 digits an AWC, other digits an ID prefix, anything else a name in either script matched phonetically by prefix.
 */
export function searchBeneficiaries({ store }: OfficeData, input: SearchInput, today = todayIso()): SearchResults {
  const raw = input.query.trim();
  const digits = asciiDigits(raw).replace(/[\s-]/g, '');
  const masked = /^[xX*•\s]{4,}(\d{4})$/.exec(raw);

  let query = store.db
    .selectFrom('beneficiary as b')
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .select([
      'b.id', 'b.household_id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'b.sex', 'b.dob', 'b.lmp_date', 'b.delivery_date',
      'b.aadhaar_last4', 'b.status', 'h.awc_code', 'h.village', 'h.head_name_en',
    ])
    // Rebuilt from the latest trip's events (migration/); the old status column is no longer written.
    .select(latestTripStatusSql('h.id').as('migration_status'));

  let mode: SearchResults['mode'] = 'all';
  let didYouMean: SearchResults['didYouMean'] = [];
  let problem: SearchResults['problem'] = null;

  if (masked || (/^\d+$/.test(digits) && digits.length === 4)) {
    mode = 'aadhaar-last4';
    const last4 = masked ? masked[1]! : digits;
    // Sub-selects, not an OR across the join, so each side uses its own index.
    query = query.where((eb) =>
      eb.or([
        eb('b.id', 'in', eb.selectFrom('beneficiary').select('id').where('aadhaar_last4', '=', last4)),
        eb('b.household_id', 'in', eb.selectFrom('household').select('id').where('head_aadhaar_last4', '=', last4)),
        ...(masked ? [] : [eb.and([eb('b.mts_id', '>=', last4), eb('b.mts_id', '<', `${last4}:`)])]),
      ]),
    );
  } else if (/^\d+$/.test(digits) && digits.length > 0) {
    if (digits.length === 16) {
      mode = 'mts-id';
      const parsed = parseMtsId(digits);
      if (parsed.ok) {
        query = query.where('b.mts_id', '=', digits);
      } else {
        problem = parsed.message;
        const suggestions = suggestMtsIdCorrections(digits);
        if (suggestions.length > 0) {
          didYouMean = store
            .all(store.db.selectFrom('beneficiary').select(['id', 'mts_id', 'name_mr', 'name_en']).where('mts_id', 'in', suggestions))
            .map((row) => ({ beneficiaryId: row.id, mtsId: row.mts_id, nameMr: row.name_mr, nameEn: row.name_en }));
        }
        query = query.where(sql<boolean>`0`);
      }
    } else if (digits.length === 10 && /^[6-9]/.test(digits)) {
      mode = 'mobile';
      query = query.where('h.mobile', '=', digits);
    } else if (digits.length === 11) {
      mode = 'awc';
      query = query.where('h.awc_code', '=', digits);
    } else {
      mode = 'mts-id';
      // IDs are fixed-width digit strings, so a prefix is a range and uses the unique index.
      query = query.where('b.mts_id', '>=', digits).where('b.mts_id', '<', `${digits}:`);
    }
  } else if (raw.length > 0) {
    mode = 'name';
    const keys = nameKeyTokens(raw);
    if (keys.length === 0) return { mode, hits: [], didYouMean, problem };
    const match = keys.map((key) => `"${key.replace(/"/g, '')}"*`).join(' ');
    query = query.where(sql<boolean>`b.rowid IN (SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ${match})`);
  }

  if (input.awcCode) query = query.where('h.awc_code', '=', input.awcCode);
  if (input.category) query = query.where(categoryCondition(input.category, today));
  if (input.migrationStatus === 'none') {
    query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('migration as m2').select('m2.id').whereRef('m2.household_id', '=', 'h.id'))));
  } else if (input.migrationStatus) {
    // "Arrived" covers a family that moved on to another worksite since.
    const statuses = input.migrationStatus === 'not_found' ? ['not-found'] : input.migrationStatus === 'arrived' ? ['arrived', 'moved'] : [input.migrationStatus];
    query = query.where(latestTripStatusSql('h.id'), 'in', statuses);
  }
  // Newest first; rowid follows insertion, so no sort over the whole table is needed.
  if (mode === 'all') query = query.orderBy(sql`b.rowid`, 'desc');

  const hits: SearchHit[] = store.all(query.limit(input.limit)).map((row) => ({
    beneficiaryId: row.id,
    householdId: row.household_id,
    mtsId: row.mts_id,
    nameMr: row.name_mr,
    nameEn: row.name_en,
    sex: row.sex,
    dob: row.dob,
    category: beneficiaryCategory({ sex: row.sex, dob: row.dob, lmpDate: row.lmp_date, deliveryDate: row.delivery_date }, today),
    awcCode: row.awc_code,
    village: row.village,
    headNameEn: row.head_name_en,
    aadhaarMasked: row.aadhaar_last4 ? maskAadhaar(row.aadhaar_last4) : null,
    migrationStatus: row.migration_status ?? null,
    active: row.status === 'active',
  }));
  return { mode, hits, didYouMean, problem };
}

/** The SQL form of beneficiaryCategory(), for filtering without reading every row. */
function categoryCondition(category: BeneficiaryCategory, today: string): RawBuilder<boolean> {
  // The schedule module's rules: pregnant under 42 weeks from LMP, lactating six months from delivery.
  const pregnantSince = addDays(today, -293);
  const lactatingSince = addDays(today, -182);
  switch (category) {
    case 'pregnant':
      return sql<boolean>`b.sex = 'f' AND b.lmp_date BETWEEN ${pregnantSince} AND ${today} AND (b.delivery_date IS NULL OR b.delivery_date < b.lmp_date)`;
    case 'lactating':
      return sql<boolean>`b.sex = 'f' AND b.delivery_date BETWEEN ${lactatingSince} AND ${today}`;
    case 'child-0-3':
      return sql<boolean>`b.dob > ${yearsBack(today, 3)}`;
    case 'child-3-6':
      return sql<boolean>`b.dob <= ${yearsBack(today, 3)} AND b.dob > ${yearsBack(today, 6)}`;
    case 'adolescent-girl':
      return sql<boolean>`b.sex = 'f' AND b.dob <= ${yearsBack(today, 11)} AND b.dob > ${yearsBack(today, 19)}`;
    case 'child-6-18':
      return sql<boolean>`b.dob <= ${yearsBack(today, 6)} AND b.dob > ${yearsBack(today, 18)} AND NOT (b.sex = 'f' AND b.dob <= ${yearsBack(today, 11)})`;
    case 'woman':
      return sql<boolean>`b.sex = 'f' AND b.dob <= ${yearsBack(today, 18)}`;
    case 'other':
      return sql<boolean>`b.sex <> 'f' AND b.dob <= ${yearsBack(today, 18)}`;
  }
}
