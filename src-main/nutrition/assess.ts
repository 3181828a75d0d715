/**
 * One child, one visit: WHO z-scores with WHO Anthro (0–5 y) and AnthroPlus (5–19 y) rules,
 * flags and ICDS statuses.
 */
import { TABLES, lmsAt, roundZ, zFromLms, zRestricted, type Lms, type LmsTable, type SexCode } from './lms.ts';
import {
  stuntingStatus,
  thinnessStatus,
  wastingStatus,
  wfaStatus,
  type NutritionStatus,
  type ZInput,
} from './status.ts';

export type Sex = SexCode;
export type Measure = 'l' | 'h';
export type GrowthReference = 'who2006' | 'who2007';

export interface NutritionInput {
  sex: Sex;
  /** Age in days at measurement (rounded half up to whole days, as WHO Anthro does). */
  ageDays: number;
  weightKg?: number | null;
  lengthHeightCm?: number | null;
  /** 'l' = lying (recumbent length), 'h' = standing height, null/undefined = not recorded. */
  measure?: Measure | null;
  /** Bilateral pitting oedema. */
  oedema?: boolean;
  muacMm?: number | null;
}

export type NutritionFlag =
  | 'waz_implausible'
  | 'haz_implausible'
  | 'whz_implausible'
  | 'baz_implausible'
  /** Standing height under 9 months: posture treated as unknown, no +0.7 cm. */
  | 'standing_under_9_months'
  /** Oedema: weight-based z-scores (WAZ, WHZ, BAZ) are not computed. */
  | 'oedema'
  /** Length/height (after posture adjustment) outside 45–110 cm (< 731 d) or 65–120 cm (≥ 731 d). */
  | 'whz_length_out_of_range'
  /** MUAC given outside 6–59 months: not used for wasting. */
  | 'muac_age_out_of_range'
  /** Older than 19 years (228 months): no reference. */
  | 'age_out_of_range';

export interface ZScores {
  /** Weight-for-age (0–10 y). */
  waz: number | null;
  /** Length/height-for-age (0–19 y). */
  haz: number | null;
  /** Weight-for-length (< 731 d) or weight-for-height (731–1856 d). */
  whz: number | null;
  /** BMI-for-age (0–19 y). */
  baz: number | null;
}

export interface NutritionStatuses {
  wfa: NutritionStatus | null;
  /** 0–5 y only. */
  wasting: NutritionStatus | null;
  stunting: NutritionStatus | null;
  /** 5–19 y only. */
  thinness: NutritionStatus | null;
}

export interface NutritionAssessment {
  reference: GrowthReference | null;
  ageDays: number;
  ageMonths: number;
  /** Length/height used, after the ±0.7 cm posture adjustment. */
  lengthHeightCm: number | null;
  /** Posture used for the adjustment (null when unknown or ignored). */
  measureUsed: Measure | null;
  bmi: number | null;
  /** Rounded to 2 decimals, as WHO reports them. */
  z: ZScores;
  flags: NutritionFlag[];
  statuses: NutritionStatuses;
}

export const DAYS_PER_MONTH = 30.4375;
/** Last day of the WHO Child Growth Standards tables (igrowup / WHO Anthro daily tables). */
export const LAST_DAY_STANDARDS = 1856;
/** Children from 731 days are measured standing; younger ones lying. */
export const HEIGHT_FROM_DAY = 731;
/** 2007 reference ranges (AnthroPlus): up to 228 months; weight-for-age up to 120 months. */
export const LAST_MONTH_REFERENCE_2007 = 228;
export const LAST_MONTH_WFA_2007 = 120;
export const POSTURE_ADJUSTMENT_CM = 0.7;

const WFL_RANGE = [45, 110] as const;
const WFH_RANGE = [65, 120] as const;

const scratch: Lms = { l: 0, m: 0, s: 0 };

function positive(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

function roundHalfUp(days: number): number {
  return Math.floor(days + 0.5);
}

function zAt(table: LmsTable, x: number, y: number | null, restricted: boolean): number | null {
  if (y === null) return null;
  lmsAt(table, x, scratch);
  const z = restricted ? zRestricted(y, scratch) : zFromLms(y, scratch);
  return Number.isFinite(z) ? roundZ(z) : null;
}

/** Reference, adjusted length/height and z-scores for one measurement, before statuses. */
export function assessNutrition(input: NutritionInput): NutritionAssessment {
  const { sex } = input;
  if (sex !== 'm' && sex !== 'f') throw new RangeError(`sex must be 'm' or 'f', got ${String(sex)}`);
  if (!Number.isFinite(input.ageDays) || input.ageDays < 0) {
    throw new RangeError(`ageDays must be a number ≥ 0, got ${String(input.ageDays)}`);
  }
  const t = TABLES[sex];
  const ageDays = roundHalfUp(input.ageDays);
  const ageMonths = ageDays / DAYS_PER_MONTH;
  const weight = positive(input.weightKg);
  const rawLenHei = positive(input.lengthHeightCm);
  const muac = positive(input.muacMm);
  const oedema = input.oedema === true;
  const flags: NutritionFlag[] = [];
  const z: ZScores = { waz: null, haz: null, whz: null, baz: null };

  let reference: GrowthReference | null = null;
  let lenHei = rawLenHei;
  let measureUsed: Measure | null = input.measure === 'l' || input.measure === 'h' ? input.measure : null;
  let bmi: number | null = null;

  if (oedema) flags.push('oedema');

  if (ageDays <= LAST_DAY_STANDARDS) {
    reference = 'who2006';
    // WHO Anthro: a standing measure under 9 months is implausible, so posture is treated as unknown.
    if (measureUsed === 'h' && ageMonths < 9) {
      measureUsed = null;
      flags.push('standing_under_9_months');
    }
    const lying = ageDays < HEIGHT_FROM_DAY;
    if (lenHei !== null) {
      if (lying && measureUsed === 'h') lenHei += POSTURE_ADJUSTMENT_CM;
      else if (!lying && measureUsed === 'l') lenHei -= POSTURE_ADJUSTMENT_CM;
    }
    const wt = oedema ? null : weight;
    z.haz = zAt(lying ? t.lfa : t.hfa, ageDays, lenHei, false);
    z.waz = zAt(t.wfa, ageDays, wt, true);
    if (lenHei !== null) {
      const [lo, hi] = lying ? WFL_RANGE : WFH_RANGE;
      if (lenHei >= lo && lenHei <= hi) z.whz = zAt(lying ? t.wfl : t.wfh, lenHei, wt, true);
      else if (wt !== null) flags.push('whz_length_out_of_range');
      if (weight !== null) bmi = weight / ((lenHei / 100) * (lenHei / 100));
    }
    z.baz = zAt(lying ? t.bfaLength : t.bfaHeight, ageDays, oedema ? null : bmi, true);
  } else if (ageMonths <= LAST_MONTH_REFERENCE_2007) {
    // AnthroPlus: height as measured (no posture adjustment), linear interpolation by month.
    reference = 'who2007';
    measureUsed = null;
    const wt = oedema ? null : weight;
    z.haz = zAt(t.hfa2007, ageDays, lenHei, false);
    if (ageMonths <= LAST_MONTH_WFA_2007) z.waz = zAt(t.wfa2007, ageDays, wt, true);
    if (lenHei !== null && weight !== null) bmi = weight / ((lenHei / 100) * (lenHei / 100));
    z.baz = zAt(t.bfa2007, ageDays, oedema ? null : bmi, true);
  } else {
    flags.push('age_out_of_range');
    measureUsed = null;
  }

  const implausible = {
    waz: z.waz !== null && (z.waz < -6 || z.waz > 5),
    haz: z.haz !== null && Math.abs(z.haz) > 6,
    whz: z.whz !== null && Math.abs(z.whz) > 5,
    baz: z.baz !== null && Math.abs(z.baz) > 5,
  };
  if (implausible.waz) flags.push('waz_implausible');
  if (implausible.haz) flags.push('haz_implausible');
  if (implausible.whz) flags.push('whz_implausible');
  if (implausible.baz) flags.push('baz_implausible');

  const zi = (key: keyof ZScores): ZInput => ({ z: z[key], implausible: implausible[key] });
  const under5 = reference === 'who2006';
  const muacAgeOk = ageMonths >= 6 && ageMonths < 60;
  if (muac !== null && !muacAgeOk) flags.push('muac_age_out_of_range');
  const wfaInRange = under5 || (reference === 'who2007' && ageMonths <= LAST_MONTH_WFA_2007);

  const statuses: NutritionStatuses = {
    wfa: reference === null ? null : wfaStatus(zi('waz'), oedema, wfaInRange),
    wasting: under5 ? wastingStatus(zi('whz'), muacAgeOk ? muac : null, oedema) : null,
    stunting: reference === null ? null : stuntingStatus(zi('haz')),
    thinness: reference === 'who2007' ? thinnessStatus(zi('baz'), oedema) : null,
  };

  return { reference, ageDays, ageMonths, lengthHeightCm: lenHei, measureUsed, bmi, z, flags, statuses };
}
