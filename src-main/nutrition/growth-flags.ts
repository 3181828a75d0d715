/**
 * Flags over a person's measurements in time, for the beneficiary page: what the AWW should look at beyond the
 * latest z-scores. Pure: the caller reads the measurements (with WHZ from `assessNutrition`) and the person.
 */
import { addOffset, isLactating, isPregnant, type ScheduleSubject } from '../schedule/index.ts';
import type { Bilingual } from './status.ts';

export type GrowthFlagCode = 'growth-faltering' | 'overweight' | 'maternal-muac-low';

export interface GrowthMeasurement {
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string;
  readonly weightKg: number | null;
  /** Weight-for-length/height z-score as `assessNutrition` gives it (0–5 years), when length was measured. */
  readonly whz?: number | null;
  readonly muacMm?: number | null;
}

/** What the flags need to know about the person: age for growth monitoring, pregnancy and delivery for MUAC. */
export type GrowthSubject = Pick<ScheduleSubject, 'dateOfBirth' | 'lmp' | 'deliveryDate'>;

export interface GrowthFlag {
  readonly code: GrowthFlagCode;
  readonly label: Bilingual;
  /** Date of the measurement that raises the flag (the latest one used). */
  readonly date: string;
}

export const GROWTH_FLAG_LABELS: Readonly<Record<GrowthFlagCode, Bilingual>> = {
  'growth-faltering': {
    mr: 'वाढ खुंटली — सलग दोन महिने वजन वाढले नाही',
    en: 'Growth faltering — no weight gain in two consecutive months',
  },
  overweight: { mr: 'अधिक वजन (WHZ +२ पेक्षा जास्त)', en: 'Overweight (WHZ above +2)' },
  'maternal-muac-low': { mr: 'मातेचा दंडघेर कमी (MUAC २३ सेंमी पेक्षा कमी)', en: 'Maternal MUAC low (below 23 cm)' },
};

/** ICDS weighs children monthly; a weighing 25–45 days after the previous one counts as "the next month". */
export const MONTHLY_GAP_DAYS = { min: 25, max: 45 } as const;
/** Growth monitoring at the AWC covers children under 6. */
export const GROWTH_MONITORING_UNTIL_YEARS = 6;
/** WHO: overweight above +2 SD weight-for-length/height. */
export const OVERWEIGHT_WHZ_ABOVE = 2;
/** MoHFW/ICDS: a pregnant or lactating woman with MUAC below 23 cm is undernourished. */
export const MATERNAL_MUAC_BELOW_MM = 230;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(iso: string, field: string): number {
  const m = ISO.exec(iso);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t).toISOString().slice(0, 10) !== iso) throw new RangeError(`${field}: not an ISO date (YYYY-MM-DD): ${iso}`);
  return t / DAY_MS;
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The flags that hold on the latest measurements, in the order growth-faltering, overweight, maternal-muac-low:
 * - growth-faltering: a child under 6 (on the latest weighing) whose last three weighings, each 25–45 days
 *   after the one before, show no gain twice running (w2 ≤ w1 and w3 ≤ w2). Each step back takes the nearest
 *   weighing at least 25 days earlier, so a re-weigh a week after a weighing stands for that month.
 * - overweight: the latest measurement with a WHZ has WHZ > +2.
 * - maternal-muac-low: the latest MUAC, taken while she was pregnant or lactating, is below 230 mm.
 * Measurements may come in any order; malformed dates throw a RangeError naming the measurement.
 */
export function growthFlags(measurements: readonly GrowthMeasurement[], subject: GrowthSubject): GrowthFlag[] {
  const rows = measurements
    .map((m, i) => ({ ...m, day: dayNumber(m.date, `measurements[${i}].date`) }))
    .sort((a, b) => a.day - b.day);
  const flags: GrowthFlag[] = [];
  const flag = (code: GrowthFlagCode, date: string): void => {
    flags.push({ code, label: GROWTH_FLAG_LABELS[code], date });
  };

  const faltering = falteringFrom(rows, subject);
  if (faltering) flag('growth-faltering', faltering);

  const latestWhz = rows.filter((r) => usable(r.whz)).at(-1);
  if (latestWhz && (latestWhz.whz as number) > OVERWEIGHT_WHZ_ABOVE) flag('overweight', latestWhz.date);

  const latestMuac = rows.filter((r) => usable(r.muacMm) && (r.muacMm as number) > 0).at(-1);
  if (
    latestMuac &&
    (latestMuac.muacMm as number) < MATERNAL_MUAC_BELOW_MM &&
    (isPregnant(subject, latestMuac.date) || isLactating(subject, latestMuac.date))
  ) {
    flag('maternal-muac-low', latestMuac.date);
  }
  return flags;
}

interface Row extends GrowthMeasurement {
  readonly day: number;
}

/** Date of the latest weighing when the last three monthly weighings show no gain twice; otherwise null. */
function falteringFrom(rows: readonly Row[], subject: GrowthSubject): string | null {
  const weighings = rows.filter((r) => usable(r.weightKg) && (r.weightKg as number) > 0);
  const w3 = weighings.at(-1);
  if (!w3 || !subject.dateOfBirth) return null;
  const born = dayNumber(subject.dateOfBirth, 'dateOfBirth');
  const sixth = dayNumber(addOffset(subject.dateOfBirth, { years: GROWTH_MONITORING_UNTIL_YEARS }), 'dateOfBirth');
  if (w3.day < born || w3.day >= sixth) return null;
  const w2 = monthBefore(weighings, w3);
  const w1 = w2 ? monthBefore(weighings, w2) : null;
  if (!w2 || !w1) return null;
  const noGain = (w2.weightKg as number) <= (w1.weightKg as number) && (w3.weightKg as number) <= (w2.weightKg as number);
  return noGain ? w3.date : null;
}

/** The nearest weighing 25–45 days before `after`. */
function monthBefore(weighings: readonly Row[], after: Row): Row | null {
  for (let i = weighings.length - 1; i >= 0; i--) {
    const r = weighings[i] as Row;
    const gap = after.day - r.day;
    if (gap < MONTHLY_GAP_DAYS.min) continue;
    return gap <= MONTHLY_GAP_DAYS.max ? r : null;
  }
  return null;
}
