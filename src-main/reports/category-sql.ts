// The registry's beneficiary category (registry/category.ts) as one SQL expression, so an office-wide report
// counts 100,000 people in SQLite instead of pulling each into JavaScript. Every rule of the category is a
// threshold on one date column for a fixed report day: a completed age in years is a comparison of ISO
// strings, and pregnancy and lactation are windows found here by asking the schedule's own isPregnant and
// isLactating. tests/unit/reports/category-sql.test.ts checks both agree around every threshold.
import { sql, type RawBuilder } from 'kysely';
import { addDays } from '../common/calendar.ts';
import { isLactating, isPregnant, SAG_AGES } from '../schedule/index.ts';
import type { BeneficiaryCategory } from '../registry/types.ts';

/** The categories in the order reports show them. */
export const CATEGORY_ORDER: readonly BeneficiaryCategory[] = [
  'pregnant',
  'lactating',
  'child-0-3',
  'child-3-6',
  'child-6-18',
  'adolescent-girl',
  'woman',
  'other',
];

/** The day `years` before `on` as a string: dob <= it exactly when the person has completed `years` on `on`. */
export function completedYearsCutoff(on: string, years: number): string {
  return `${String(Number(on.slice(0, 4)) - years).padStart(4, '0')}${on.slice(4)}`;
}

/** Earliest day d ≤ on for which `holds(d)` (true from some day up to `on`, false before); null if never. */
function earliestDay(on: string, lookBackDays: number, holds: (day: string) => boolean): string | null {
  if (!holds(on)) return null;
  let lo = -lookBackDays;
  if (holds(addDays(on, lo))) return addDays(on, lo);
  // Invariant: holds is false at `lo`, true at `hi`.
  let hi = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(addDays(on, mid))) hi = mid;
    else lo = mid;
  }
  return addDays(on, hi);
}

export interface CategoryThresholds {
  on: string;
  /** Pregnant on `on` when LMP is in [pregnantFrom, on] (and no delivery since the LMP). */
  pregnantFrom: string;
  /** Lactating on `on` when the delivery is in [lactatingFrom, on]. */
  lactatingFrom: string;
  bornAfter3: string;
  bornAfter6: string;
  bornAfter18: string;
  girlsBornFrom: string;
  girlsBornBy: string;
}

export function categoryThresholds(on: string): CategoryThresholds {
  const pregnantFrom = earliestDay(on, 400, (lmp) => isPregnant({ sex: 'F', dateOfBirth: '1990-01-01', lmp, deliveryDate: null }, on));
  const lactatingFrom = earliestDay(on, 400, (deliveryDate) => isLactating({ sex: 'F', dateOfBirth: '1990-01-01', lmp: null, deliveryDate }, on));
  return {
    on,
    // Never pregnant / lactating: a window no date string can fall in.
    pregnantFrom: pregnantFrom ?? '9999-99-99',
    lactatingFrom: lactatingFrom ?? '9999-99-99',
    bornAfter3: completedYearsCutoff(on, 3),
    bornAfter6: completedYearsCutoff(on, 6),
    bornAfter18: completedYearsCutoff(on, 18),
    // SAG_AGES.from ≤ years ≤ SAG_AGES.to: born by the `from`-th cutoff, after the (to + 1)-th.
    girlsBornFrom: completedYearsCutoff(on, SAG_AGES.to + 1),
    girlsBornBy: completedYearsCutoff(on, SAG_AGES.from),
  };
}

/** beneficiaryCategory(facts, on) over columns `sex`, `dob`, `lmp_date`, `delivery_date` of table alias `b`. */
export function categorySql(t: CategoryThresholds, alias = 'b'): RawBuilder<BeneficiaryCategory> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<BeneficiaryCategory>`CASE
    WHEN ${col('sex')} = 'f' AND ${col('lmp_date')} >= ${t.pregnantFrom} AND ${col('lmp_date')} <= ${t.on}
      AND NOT (${col('delivery_date')} IS NOT NULL AND ${col('delivery_date')} >= ${col('lmp_date')} AND ${col('delivery_date')} <= ${t.on}) THEN 'pregnant'
    WHEN ${col('sex')} = 'f' AND ${col('delivery_date')} >= ${t.lactatingFrom} AND ${col('delivery_date')} <= ${t.on} THEN 'lactating'
    WHEN ${col('dob')} > ${t.bornAfter3} THEN 'child-0-3'
    WHEN ${col('dob')} > ${t.bornAfter6} THEN 'child-3-6'
    WHEN ${col('sex')} = 'f' AND ${col('dob')} > ${t.girlsBornFrom} AND ${col('dob')} <= ${t.girlsBornBy} THEN 'adolescent-girl'
    WHEN ${col('dob')} > ${t.bornAfter18} THEN 'child-6-18'
    WHEN ${col('sex')} = 'f' THEN 'woman'
    ELSE 'other' END`;
}
