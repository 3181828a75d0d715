/**
 * Data-quality warnings shown while a measurement is entered, and the AWC-level rounding detector.
 * Pure functions: the caller passes the child's earlier measurements or the AWC's list.
 */
import { assessNutrition, DAYS_PER_MONTH, LAST_DAY_STANDARDS, LAST_MONTH_WFA_2007, type Measure, type NutritionAssessment, type NutritionInput } from './assess.ts';
import { TABLES, lmsAt, type Lms } from './lms.ts';
import type { Bilingual } from './status.ts';

export type QualityWarningCode =
  | 'implausible_waz'
  | 'implausible_haz'
  | 'implausible_whz'
  | 'implausible_baz'
  | 'standing_under_9_months'
  | 'height_decreased'
  | 'weight_change_over_10_percent'
  | 'rounded_weights'
  | 'rounded_heights';

export interface QualityWarning {
  code: QualityWarningCode;
  field: 'weight' | 'height' | 'measure';
  message: Bilingual;
}

export interface PreviousMeasurement {
  ageDays: number;
  weightKg?: number | null;
  lengthHeightCm?: number | null;
  measure?: Measure | null;
}

/** A new length/height may be this much below an earlier one before it is questioned (measurement error). */
export const HEIGHT_DECREASE_TOLERANCE_CM = 1.0;
/** Weight change, beyond expected growth, that is questioned when measurements are ≤ 31 days apart. */
export const WEIGHT_CHANGE_LIMIT = 0.1;
export const WEIGHT_CHANGE_WINDOW_DAYS = 31;

const fmt1 = (n: number): string => n.toFixed(1);

const IMPLAUSIBLE: Record<'waz' | 'haz' | 'whz' | 'baz', { code: QualityWarningCode; field: QualityWarning['field']; mr: string; en: string }> = {
  waz: {
    code: 'implausible_waz',
    field: 'weight',
    mr: 'वयाच्या मानाने वजन अशक्य वाटते (WAZ −6 पेक्षा कमी किंवा +5 पेक्षा जास्त). वजन आणि जन्मतारीख तपासा.',
    en: 'Weight is implausible for age (WAZ below −6 or above +5). Check the weight and the date of birth.',
  },
  haz: {
    code: 'implausible_haz',
    field: 'height',
    mr: 'वयाच्या मानाने उंची अशक्य वाटते (HAZ ±6 च्या बाहेर). उंची आणि जन्मतारीख तपासा.',
    en: 'Length/height is implausible for age (HAZ beyond ±6). Check the length/height and the date of birth.',
  },
  whz: {
    code: 'implausible_whz',
    field: 'weight',
    mr: 'उंचीच्या मानाने वजन अशक्य वाटते (WHZ ±5 च्या बाहेर). वजन आणि उंची पुन्हा मोजा.',
    en: 'Weight is implausible for length/height (WHZ beyond ±5). Re-measure weight and length/height.',
  },
  baz: {
    code: 'implausible_baz',
    field: 'weight',
    mr: 'BMI वयाच्या मानाने अशक्य वाटतो (BAZ ±5 च्या बाहेर). वजन आणि उंची पुन्हा मोजा.',
    en: 'BMI is implausible for age (BAZ beyond ±5). Re-measure weight and length/height.',
  },
};

/** Length/height on one scale (lying length) so lying and standing readings can be compared. */
function asLyingLength(cm: number, measure: Measure | null | undefined): number {
  return measure === 'h' ? cm + 0.7 : cm;
}

const scratch: Lms = { l: 0, m: 0, s: 0 };

/** WHO median weight at an age, or null outside the weight-for-age range (over 10 years). */
function medianWeight(sex: 'm' | 'f', ageDays: number): number | null {
  const days = Math.floor(ageDays + 0.5);
  if (days < 0) return null;
  if (days <= LAST_DAY_STANDARDS) return lmsAt(TABLES[sex].wfa, days, scratch).m;
  if (days / DAYS_PER_MONTH <= LAST_MONTH_WFA_2007) return lmsAt(TABLES[sex].wfa2007, days, scratch).m;
  return null;
}

function valid(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/**
 * Warnings for one measurement being entered: implausible z-scores, standing under 9 months,
 * length/height lower than an earlier one, weight change over 10 % within a month.
 *
 * The weight rule compares weight relative to the WHO median for age, so normal infant growth
 * (a newborn gains ~30 % in its first month) is not reported; from 10 years the raw change is used.
 */
export function qualityWarnings(
  current: NutritionInput,
  previous: readonly PreviousMeasurement[] = [],
  assessment: NutritionAssessment = assessNutrition(current),
): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  const add = (code: QualityWarningCode, field: QualityWarning['field'], mr: string, en: string): void => {
    warnings.push({ code, field, message: { mr, en } });
  };

  for (const key of ['waz', 'haz', 'whz', 'baz'] as const) {
    if (assessment.flags.includes(`${key}_implausible`)) {
      const w = IMPLAUSIBLE[key];
      add(w.code, w.field, w.mr, w.en);
    }
  }
  if (assessment.flags.includes('standing_under_9_months')) {
    add(
      'standing_under_9_months',
      'measure',
      '९ महिन्यांखालील बाळाची लांबी झोपवून मोजावी. उभ्याने घेतलेली नोंद "स्थिती माहीत नाही" म्हणून धरली आहे.',
      'Children under 9 months are measured lying down. The standing reading is treated as posture unknown.',
    );
  }

  const age = current.ageDays;
  if (valid(current.lengthHeightCm)) {
    const now = asLyingLength(current.lengthHeightCm, current.measure);
    let worst: PreviousMeasurement | null = null;
    let worstDrop = HEIGHT_DECREASE_TOLERANCE_CM;
    for (const p of previous) {
      if (!(p.ageDays < age) || !valid(p.lengthHeightCm)) continue;
      const drop = asLyingLength(p.lengthHeightCm, p.measure) - now;
      if (drop > worstDrop) {
        worstDrop = drop;
        worst = p;
      }
    }
    if (worst !== null && valid(worst.lengthHeightCm)) {
      const before = fmt1(worst.lengthHeightCm);
      add(
        'height_decreased',
        'height',
        `उंची आधीच्या नोंदीपेक्षा ${fmt1(worstDrop)} सेमी कमी आहे (आधी ${before} सेमी). उंची पुन्हा मोजा.`,
        `Length/height is ${fmt1(worstDrop)} cm lower than an earlier reading (${before} cm). Re-measure.`,
      );
    }
  }

  if (valid(current.weightKg)) {
    // The latest earlier weighing within the window.
    let last: PreviousMeasurement | null = null;
    for (const p of previous) {
      const gap = age - p.ageDays;
      if (gap > 0 && gap <= WEIGHT_CHANGE_WINDOW_DAYS && valid(p.weightKg) && (last === null || p.ageDays > last.ageDays)) last = p;
    }
    if (last !== null && valid(last.weightKg)) {
      const mNow = medianWeight(current.sex, age);
      const mBefore = medianWeight(current.sex, last.ageDays);
      const expected = mNow !== null && mBefore !== null ? mNow / mBefore : 1;
      const change = current.weightKg / (last.weightKg * expected) - 1;
      if (Math.abs(change) > WEIGHT_CHANGE_LIMIT) {
        const days = Math.round(age - last.ageDays);
        const raw = Math.round((current.weightKg / last.weightKg - 1) * 100);
        const signed = `${raw > 0 ? '+' : ''}${raw}`;
        add(
          'weight_change_over_10_percent',
          'weight',
          `${days} दिवसांत वजनात ${signed}% बदल (आधी ${last.weightKg.toFixed(1)} किलो) — अपेक्षित वाढीपेक्षा 10% पेक्षा जास्त फरक. वजन पुन्हा करा.`,
          `Weight changed by ${signed}% in ${days} days (was ${last.weightKg.toFixed(1)} kg) — more than 10% away from expected growth. Re-weigh.`,
        );
      }
    }
  }
  return warnings;
}

export interface DigitShare {
  /** Readings looked at. */
  n: number;
  /** Readings with the suspicious last digit. */
  rounded: number;
  share: number;
  /** Share expected by chance for readings to 0.1. */
  expected: number;
}

export interface AwcRoundingReport {
  weights: DigitShare;
  heights: DigitShare;
  warnings: QualityWarning[];
}

/** Fewer readings than this say nothing about digit preference. */
export const ROUNDING_MIN_READINGS = 10;
/** By chance 20 % of weights end in .0 or .5 and 10 % of heights in .0. */
export const ROUNDED_WEIGHT_SHARE_LIMIT = 0.5;
export const ROUNDED_HEIGHT_SHARE_LIMIT = 0.4;

function tenths(v: number): number {
  return ((Math.round(v * 10) % 10) + 10) % 10;
}

/**
 * The "zero SAM" detector: an AWC where most weights end in .0/.5 or most heights in .0 is
 * rounding its readings, and rounded readings can hide SAM (WHZ moves by up to ~0.5).
 */
export function roundedReadingsReport(measurements: readonly { weightKg?: number | null; lengthHeightCm?: number | null }[]): AwcRoundingReport {
  let wn = 0;
  let wr = 0;
  let hn = 0;
  let hr = 0;
  for (const m of measurements) {
    if (valid(m.weightKg)) {
      wn++;
      const d = tenths(m.weightKg);
      if (d === 0 || d === 5) wr++;
    }
    if (valid(m.lengthHeightCm)) {
      hn++;
      if (tenths(m.lengthHeightCm) === 0) hr++;
    }
  }
  const weights: DigitShare = { n: wn, rounded: wr, share: wn ? wr / wn : 0, expected: 0.2 };
  const heights: DigitShare = { n: hn, rounded: hr, share: hn ? hr / hn : 0, expected: 0.1 };
  const warnings: QualityWarning[] = [];
  if (wn >= ROUNDING_MIN_READINGS && weights.share >= ROUNDED_WEIGHT_SHARE_LIMIT) {
    warnings.push({
      code: 'rounded_weights',
      field: 'weight',
      message: {
        mr: `या अंगणवाडीतील ${wn} पैकी ${wr} वजनांच्या नोंदी .0 किंवा .5 ने संपतात. वजन अंदाजे/पूर्णांकात नोंदवले जात असावे; त्यामुळे SAM बालके सुटू शकतात. अचूक (०.१ किलो) वजन नोंदवा.`,
        en: `${wr} of ${wn} weights in this AWC end in .0 or .5. Weights seem to be rounded, which can hide SAM children. Record weights to 0.1 kg.`,
      },
    });
  }
  if (hn >= ROUNDING_MIN_READINGS && heights.share >= ROUNDED_HEIGHT_SHARE_LIMIT) {
    warnings.push({
      code: 'rounded_heights',
      field: 'height',
      message: {
        mr: `या अंगणवाडीतील ${hn} पैकी ${hr} उंचीच्या नोंदी .0 ने संपतात. उंची पूर्णांकात नोंदवली जात असावी; त्यामुळे SAM बालके सुटू शकतात. अचूक (०.१ सेमी) उंची नोंदवा.`,
        en: `${hr} of ${hn} lengths/heights in this AWC end in .0. They seem to be rounded, which can hide SAM children. Record to 0.1 cm.`,
      },
    });
  }
  return { weights, heights, warnings };
}

