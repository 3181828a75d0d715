import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Schema } from '../store/schema.ts';
import { asciiDigits, maskAadhaar, nameKeyTokens, parseMtsId, suggestMtsIdCorrections } from '../identity/index.ts';
import { latestTripStatusSql } from '../migration/sql.ts';
import { measurementView } from './measurement-view.ts';
import type { OfficeData } from '../office/service.ts';
import { beneficiaryCategory } from './category.ts';
import { addDays, todayIso } from '../common/calendar.ts';
import type { BeneficiaryCategory, NutritionFilter, SearchHit, SearchResults } from './types.ts';

export interface SearchInput {
  query: string;
  awcCode: string | null;
  category: BeneficiaryCategory | null;
  migrationStatus: 'planned' | 'departed' | 'arrived' | 'returned' | 'not_found' | 'none' | null;
  /** The status of the latest (not voided) measurement. */
  nutritionStatus?: NutritionFilter | null;
  limit: number;
  /** Hits skipped before this page (paging through "50 of 1,234"). */
  offset?: number;
  /** Counting stops here (COUNT_CAP unless a test says otherwise). */
  countCap?: number;
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

  // The WHERE alone, on the beneficiary table only (household conditions are sub-selects): the total is a
  // COUNT over it without a join, and only the page joins the household for its columns.
  let query: FilteredQuery = store.db.selectFrom('beneficiary as b');

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
      query = query.where('b.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('mobile', '=', digits));
    } else if (digits.length === 11) {
      mode = 'awc';
      query = query.where('b.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('awc_code', '=', digits));
    } else {
      mode = 'mts-id';
      // IDs are fixed-width digit strings, so a prefix is a range and uses the unique index.
      query = query.where('b.mts_id', '>=', digits).where('b.mts_id', '<', `${digits}:`);
    }
  } else if (raw.length > 0) {
    mode = 'name';
    const keys = nameKeyTokens(raw);
    if (keys.length === 0) return { mode, hits: [], total: 0, totalExact: true, offset: 0, didYouMean, problem };
    const match = keys.map((key) => `"${key.replace(/"/g, '')}"*`).join(' ');
    query = query.where(sql<boolean>`b.rowid IN (SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ${match})`);
  }

  const awcCode = input.awcCode;
  if (awcCode) query = query.where('b.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('awc_code', '=', awcCode));
  if (input.category) query = query.where(categoryCondition(input.category, today));
  if (input.migrationStatus === 'none') {
    query = query.where('b.household_id', 'not in', (eb) => eb.selectFrom('migration').select('household_id'));
  } else if (input.migrationStatus) {
    // "Arrived" covers a family that moved on to another worksite since.
    const statuses = input.migrationStatus === 'not_found' ? ['not-found'] : input.migrationStatus === 'arrived' ? ['arrived', 'moved'] : [input.migrationStatus];
    // Worked out once per household with a trip, not once per person; within one AWC only for its households.
    query = query.where('b.household_id', 'in', (eb) => {
      let trips = eb.selectFrom('migration as t').select('t.household_id').distinct().where(latestTripStatusSql('t.household_id'), 'in', statuses);
      if (awcCode) trips = trips.where('t.household_id', 'in', eb.selectFrom('household').select('id').where('awc_code', '=', awcCode));
      return trips;
    });
  }
  const limit = input.limit;
  let offset = Math.max(0, input.offset ?? 0);
  // ID look-ups list in ID order (a prefix walks the ID index); everything else newest first by rowid, which
  // follows insertion, so the whole-office list walks the primary key backwards without sorting.
  const byId = mode === 'mts-id' || mode === 'aadhaar-last4';
  const order = byId ? sql`b.mts_id` : sql`b.rowid`;
  const narrowed = mode !== 'all' || !!input.awcCode || !!input.category || !!input.migrationStatus;
  let total: number;
  let totalExact = true;
  let pageQuery = query;
  if (input.nutritionStatus) {
    // Statuses are WHO z-scores worked out in code (never stored), so the measured candidates are read once
    // and judged here; without this filter the count stays in SQL.
    const matching = withNutritionStatus(store, query, order, input.nutritionStatus);
    total = matching.length;
    offset = lastPageStart(offset, total, limit);
    const pageIds = matching.slice(offset, offset + limit);
    if (pageIds.length === 0) return { mode, hits: [], total, totalExact, offset, didYouMean, problem };
    pageQuery = store.db.selectFrom('beneficiary as b').where('b.id', 'in', pageIds);
  } else {
    // The same WHERE counted, up to COUNT_CAP: past that an exact figure costs every keystroke a walk over
    // tens of thousands of rows and tells the operator nothing ("50 of more than 10,000": type more).
    if (!narrowed) {
      total = Number(store.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    } else {
      const cap = input.countCap ?? COUNT_CAP;
      const capped = query.select(sql<number>`1`.as('one')).limit(cap + 1);
      total = Number(store.first(store.db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
      if (total > cap) {
        total = cap;
        totalExact = false;
      }
    }
    offset = lastPageStart(offset, total, limit);
    // The page's rows are picked from the beneficiary table alone; only those 50 are joined to their household.
    const picked = query.select('b.id').orderBy(order, 'desc').limit(limit).offset(offset);
    pageQuery = store.db.selectFrom('beneficiary as b').where('b.id', 'in', picked);
  }

  const page = pageQuery
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .select([
      'b.id', 'b.household_id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'b.sex', 'b.dob', 'b.lmp_date', 'b.delivery_date',
      'b.aadhaar_last4', 'b.status', 'h.awc_code', 'h.village', 'h.head_name_en',
    ])
    // Rebuilt from the latest trip's events (migration/); the old status column is no longer written.
    .select(latestTripStatusSql('h.id').as('migration_status'))
    .orderBy(order, 'desc');

  const hits: SearchHit[] = store.all(page).map((row) => ({
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
  return { mode, hits, total, totalExact, offset, didYouMean, problem };
}

/** Past this many matches the total reads "more than 10,000". */
export const COUNT_CAP = 10_000;

/** A page past the end (the list shrank while paging) shows the last page instead of nothing. */
function lastPageStart(offset: number, total: number, limit: number): number {
  if (offset < total) return offset;
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

type FilteredQuery = SelectQueryBuilder<Schema & { b: Schema['beneficiary'] }, 'b', {}>;

/** The ids, newest first, of the matching beneficiaries whose latest measurement has the wanted status. */
function withNutritionStatus(store: OfficeData['store'], query: FilteredQuery, order: RawBuilder<unknown>, wanted: NutritionFilter): string[] {
  // Every kept measurement of the matching people in one ordered pass (no per-person sub-query); the last
  // row of each person is their latest.
  const all = store.all(
    query
      .innerJoin('measurement as m', 'm.beneficiary_id', 'b.id')
      .where('m.voided', '=', 0)
      .select(['b.id', 'b.sex', 'b.dob', 'm.id as m_id', 'm.measured_on', 'm.weight_kg', 'm.length_cm', 'm.measure', 'm.muac_mm', 'm.oedema'])
      .orderBy(order, 'desc')
      .orderBy('m.measured_on')
      .orderBy('m.created_at'),
  );
  const rows = all.filter((row, index) => all[index + 1]?.id !== row.id);
  return rows
    .filter((row) => {
      // A measurement's statuses depend only on it and the person's sex and birth date: remembered between
      // keystrokes, and worked out again when either changes (a corrected birth date gives a new key).
      const key = `${row.m_id}|${row.sex}|${row.dob}`;
      let statuses = statusMemo.get(key);
      if (!statuses) {
        const view = measurementView(
          { id: row.m_id, measured_on: row.measured_on, weight_kg: row.weight_kg, length_cm: row.length_cm, measure: row.measure, muac_mm: row.muac_mm, oedema: row.oedema, voided: 0, void_reason: null },
          { sex: row.sex, dob: row.dob },
        );
        statuses = view.statuses.map(({ indicator, code, severity }) => ({ indicator, code, severity }));
        if (statusMemo.size >= STATUS_MEMO_SIZE) statusMemo.clear();
        statusMemo.set(key, statuses);
      }
      return matchesNutrition(statuses, wanted);
    })
    .map((row) => row.id);
}

type StatusCodes = { indicator: string; code: string; severity: string }[];
const STATUS_MEMO_SIZE = 300_000;
const statusMemo = new Map<string, StatusCodes>();

function matchesNutrition(statuses: readonly { indicator: string; code: string; severity: string }[], wanted: NutritionFilter): boolean {
  const has = (indicator: string, ...codes: string[]) => statuses.some((s) => s.indicator === indicator && codes.includes(s.code));
  switch (wanted) {
    case 'sam':
      return has('wasting', 'sam');
    case 'mam':
      return has('wasting', 'mam');
    case 'suw':
      return has('wfa', 'suw');
    case 'muw':
      return has('wfa', 'muw');
    case 'stunted':
      return has('stunting', 'moderate', 'severe');
    case 'thin':
      return has('thinness', 'thin', 'severe');
    case 'normal':
      // Measured and nothing to worry about: every status given is normal.
      return statuses.length > 0 && statuses.every((s) => s.severity === 'normal');
  }
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
