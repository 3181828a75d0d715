/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that time zones and DST never shift a day. */

export interface Offset {
  readonly days?: number;
  readonly weeks?: number;
  readonly months?: number;
  readonly years?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Due lists run the schedule for thousands of people over the same few hundred dates: parse each once. */
const PARSED = new Map<string, number>();
const PARSED_LIMIT = 100_000;

function parse(iso: string): Date {
  const known = PARSED.get(iso);
  if (known !== undefined) return new Date(known);
  const d = parseUncached(iso);
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(iso, d.getTime());
  return d;
}

function parseUncached(iso: string): Date {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== iso) throw new RangeError(`not a calendar date: ${iso}`);
  return d;
}

function format(d: Date): string {
  const y = d.getUTCFullYear();
  if (y < 1000 || y > 9999) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

export function assertIsoDate(iso: string): string {
  parse(iso);
  return iso;
}

/**
 * Months and years are calendar steps clamped to the month's end (31 Jan + 1 month = 28/29 Feb), the way ages
 * "9 completed months" are counted; weeks and days are then added exactly.
 */
export function addOffset(iso: string, offset: Offset): string {
  const d = parse(iso);
  const months = (offset.years ?? 0) * 12 + (offset.months ?? 0);
  if (months !== 0) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + months;
    const day = d.getUTCDate();
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    d.setTime(Date.UTC(y, m, Math.min(day, lastDay)));
  }
  const days = (offset.weeks ?? 0) * 7 + (offset.days ?? 0);
  return format(new Date(d.getTime() + days * DAY_MS));
}

export function addDays(iso: string, days: number): string {
  return addOffset(iso, { days });
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b).getTime() - parse(a).getTime()) / DAY_MS);
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** Completed years of age on `onDate`. */
export function ageInYears(dateOfBirth: string, onDate: string): number {
  const b = parse(dateOfBirth);
  const d = parse(onDate);
  let years = d.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) years--;
  return years;
}

/** True when both dates fall in the same calendar month. */
export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/**
 * The period of `months` calendar months, counted from `start`, that holds `onDate` (`onDate` ≥ `start`):
 * first and last day. Periods step from `start` itself (each k·months after it), so a month-end start keeps
 * its clamping right (31 Aug + 6 months = 28/29 Feb, then 31 Aug again).
 */
export function periodAround(start: string, months: number, onDate: string): { from: string; until: string } {
  const s = parse(start);
  const d = parse(onDate);
  const elapsed = (d.getUTCFullYear() - s.getUTCFullYear()) * 12 + (d.getUTCMonth() - s.getUTCMonth());
  let k = Math.max(0, Math.floor(elapsed / months));
  while (k > 0 && addOffset(start, { months: k * months }) > onDate) k--;
  while (addOffset(start, { months: (k + 1) * months }) <= onDate) k++;
  return {
    from: addOffset(start, { months: k * months }),
    until: addDays(addOffset(start, { months: (k + 1) * months }), -1),
  };
}
