/** Pure helpers of the nutrition screens: reading typed numbers, chart ranges, axis ticks. */

export const DAYS_PER_MONTH = 30.4375;
/** Same limit as the API's; checked here first so a huge file is refused before it is read. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** A child's reading on a growth chart. */
export interface ChartPoint {
  ageDays: number;
  /** kg or cm. */
  value: number;
  voided?: boolean;
  /** ISO date of the measurement, when known. */
  date?: string | null;
  z?: number | null;
}

const DEVANAGARI_ZERO = 0x0966;

/**
 * A reading typed by an operator: Devanagari digits and a decimal comma are accepted, since both
 * come from Marathi keyboards. Empty → null; anything else unreadable → NaN.
 */
export function parseReading(text: string): number | null {
  const ascii = text
    .trim()
    .replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_ZERO))
    .replace(',', '.');
  if (ascii === '') return null;
  return /^\d+(\.\d*)?$|^\.\d+$/.test(ascii) ? Number(ascii) : Number.NaN;
}

/** Today as YYYY-MM-DD in the PC's own time zone (the date printed on the paper form). */
export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Months shown on the chart for a child of this age: the WHO chart sheets' own spans. */
export function chartSpan(indicator: 'wfa' | 'hfa', ageDays: number): { fromMonths: number; toMonths: number } {
  const months = ageDays / DAYS_PER_MONTH;
  if (months <= 24) return { fromMonths: 0, toMonths: 24 };
  if (months <= 60) return { fromMonths: 0, toMonths: 60 };
  return { fromMonths: 60, toMonths: indicator === 'wfa' ? 120 : 228 };
}

/** Round tick step (1, 2 or 5 × 10ⁿ) giving about `target` intervals. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Ticks from the first multiple of `step` at or below `min` to the first at or above `max`. */
export function ticks(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.floor(min / step + 1e-9) * step;
  for (let v = first; v <= max + step * 0.999; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/** Age tick step in months: monthly on a 2-year chart, half-yearly to 5 years, yearly beyond. */
export function ageStepMonths(spanMonths: number): number {
  if (spanMonths <= 24) return 2;
  if (spanMonths <= 60) return 6;
  return 12;
}
