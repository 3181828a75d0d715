/**
 * WHO −3…+3 SD curves for growth charts (weight-for-age, length/height-for-age), one point per month.
 */
import { DAYS_PER_MONTH, HEIGHT_FROM_DAY, LAST_DAY_STANDARDS, LAST_MONTH_REFERENCE_2007, LAST_MONTH_WFA_2007, type GrowthReference, type Sex } from './assess.ts';
import { TABLES, lmsAt, valueAtZ, type Lms, type LmsTable } from './lms.ts';

export type CurveIndicator = 'wfa' | 'hfa';

/** z of each entry in `CurvePoint.sd`. */
export const CURVE_Z = [-3, -2, -1, 0, 1, 2, 3] as const;

export interface CurvePoint {
  ageMonths: number;
  ageDays: number;
  reference: GrowthReference;
  /** Measurement (kg or cm) at z = −3, −2, −1, 0, +1, +2, +3. */
  sd: [number, number, number, number, number, number, number];
}

function tableAt(indicator: CurveIndicator, sex: Sex, ageDays: number): { table: LmsTable; reference: GrowthReference } | null {
  const t = TABLES[sex];
  if (ageDays <= LAST_DAY_STANDARDS) {
    if (indicator === 'wfa') return { table: t.wfa, reference: 'who2006' };
    return { table: ageDays < HEIGHT_FROM_DAY ? t.lfa : t.hfa, reference: 'who2006' };
  }
  const months = ageDays / DAYS_PER_MONTH;
  if (indicator === 'wfa') return months <= LAST_MONTH_WFA_2007 ? { table: t.wfa2007, reference: 'who2007' } : null;
  return months <= LAST_MONTH_REFERENCE_2007 ? { table: t.hfa2007, reference: 'who2007' } : null;
}

function point(indicator: CurveIndicator, sex: Sex, ageDays: number, p: Lms): CurvePoint | null {
  const found = tableAt(indicator, sex, ageDays);
  if (!found) return null;
  lmsAt(found.table, ageDays, p);
  const sd = CURVE_Z.map((z) => valueAtZ(z, p)) as CurvePoint['sd'];
  return { ageMonths: ageDays / DAYS_PER_MONTH, ageDays, reference: found.reference, sd };
}

/**
 * Points at every whole month from `fromMonths` to `toMonths` (inclusive) where WHO has a curve:
 * weight-for-age 0–120 months, length/height-for-age 0–228 months; the 2007 reference from 61 months.
 * Length/height-for-age gets an extra point at 731 days so the chart shows the 0.7 cm step between
 * lying length and standing height at 24 months.
 */
export function growthCurves(indicator: CurveIndicator, sex: Sex, fromMonths = 0, toMonths = 60): CurvePoint[] {
  const p: Lms = { l: 0, m: 0, s: 0 };
  const out: CurvePoint[] = [];
  const first = Math.max(0, Math.ceil(fromMonths));
  const last = Math.min(228, Math.floor(toMonths));
  for (let month = first; month <= last; month++) {
    const pt = point(indicator, sex, month * DAYS_PER_MONTH, p);
    if (pt) out.push(pt);
    if (indicator === 'hfa' && month === 24 && 25 <= last) {
      const step = point(indicator, sex, HEIGHT_FROM_DAY, p);
      if (step) out.push(step);
    }
  }
  return out;
}
