import { addDays, addOffset, ageInYears, assertIsoDate, daysBetween, maxDate, minDate, periodAround, type Offset } from './dates.ts';
import { isLactating, isPregnant, type ScheduleOptions, type ScheduleSubject } from './subject.ts';
import { SCHEDULE, type Anchor, type Bilingual, type Recurrence, type ScheduleEntry, type ServiceKey, type ServiceKind } from './table.ts';

/** A service already given (from the service log); `key` is a schedule key such as 'PENTA-1' or 'THR'. */
export interface GivenService {
  readonly key: string;
  readonly date: string;
}

/**
 * given    — done (for entitlements: done in the current period: month, day or half-year);
 * upcoming — not yet due;
 * waiting  — the previous dose of the series has to be given first;
 * due      — within the recommended period (entitlements: not yet given this period);
 * overdue  — past the recommended period, still allowed (catch-up);
 * missed   — can no longer be given.
 */
export type ServiceStatus = 'given' | 'upcoming' | 'waiting' | 'due' | 'overdue' | 'missed';

export interface ServiceDue {
  readonly key: ServiceKey;
  readonly label: Bilingual;
  readonly kind: ServiceKind;
  readonly status: ServiceStatus;
  /**
   * First day of the recommended period, after the interval from the previous dose. Entitlements: the first day
   * of the current period (month, day, half-year), or of the entitlement while it has not started.
   */
  readonly dueDate: string;
  /** Last day of the recommended period (entitlements: last day of the current period). */
  readonly dueUntil: string;
  /** Last day the service may still be given (entitlements: last day of the entitlement). */
  readonly lastDate: string;
  readonly givenOn: string | null;
  readonly recurring: Recurrence | null;
  /** Dose number in its series (PENTA-2 → 2, VITA-5 → 5, ANC-3 → 3, OPV-0 → 0); null for boosters and entitlements. */
  readonly dose: number | null;
}

/** Vaccines of the children's schedule are listed up to the 19th birthday (Td at 16 may be caught up until then). */
const CHILD_VACCINES_UNTIL_AGE = 19;
/** Anaemia Mukt Bharat and deworming run to the 20th birthday ("10–19 years"). */
const CHILD_ENTITLEMENTS_UNTIL_AGE = 20;
const TD_BOOSTER_LOOKBACK: Offset = { years: 3 };
const HALF_YEAR_MONTHS = 6;

/**
 * The schedule of one beneficiary on `onDate`: every service that applies, with its status and dates, computed
 * from the history `given` (each record counts for the pregnancy, delivery or child it is dated in).
 * Pregnancy services apply while pregnant, post-delivery ones while lactating, the children's vaccines from birth
 * to the 19th birthday and children's entitlements to the 20th. JE is listed only with `options.jeEndemic`.
 * Entitlements are listed while running or still to come, not after they end. Results are in schedule order.
 */
export function servicesDue(
  subject: ScheduleSubject,
  given: readonly GivenService[],
  onDate: string,
  options: ScheduleOptions = {},
): ServiceDue[] {
  assertIsoDate(onDate);
  for (const g of given) assertIsoDate(g.date);
  const anchors = activeAnchors(subject, onDate);
  const childAge = anchors.has('birth') ? ageInYears(anchors.get('birth') as string, onDate) : null;
  const tdCourse = subject.tdCourse ?? deriveTdCourse(subject, given);
  const done = new Map<ServiceKey, ServiceDue>();
  const out: ServiceDue[] = [];

  for (const entry of SCHEDULE) {
    const anchorDate = anchors.get(entry.anchor);
    if (!anchorDate) continue;
    if (entry.tdCourse && entry.tdCourse !== tdCourse) continue;
    if (entry.only === 'je-endemic' && options.jeEndemic !== true) continue;
    if (entry.anchor === 'birth' && !entry.recurring && childAge !== null && childAge >= CHILD_VACCINES_UNTIL_AGE) continue;
    // A record counts for this pregnancy / this delivery / this child only if dated on or after the anchor.
    const records = given.filter((g) => g.key === entry.key && g.date >= anchorDate && g.date <= onDate);
    const result = entry.recurring
      ? entitlementStatus(entry, entry.recurring, anchorDate, records, onDate)
      : doseStatus(entry, anchorDate, records, done, onDate);
    if (!result) continue;
    // The same entitlement can come from two anchors (THR in a new pregnancy while still lactating): list it once.
    if (out.some((r) => r.key === result.key)) continue;
    done.set(result.key, result);
    out.push(result);
  }
  return out;
}

function activeAnchors(subject: ScheduleSubject, onDate: string): Map<Anchor, string> {
  const anchors = new Map<Anchor, string>();
  const dob = subject.dateOfBirth;
  if (dob && assertIsoDate(dob) <= onDate && ageInYears(dob, onDate) < CHILD_ENTITLEMENTS_UNTIL_AGE) {
    anchors.set('birth', dob);
  }
  if (subject.lmp && isPregnant(subject, assertIsoDate(onDate))) anchors.set('lmp', subject.lmp);
  if (subject.deliveryDate && isLactating(subject, onDate)) anchors.set('delivery', subject.deliveryDate);
  return anchors;
}

function deriveTdCourse(subject: ScheduleSubject, given: readonly GivenService[]): 'primary' | 'booster' {
  const lmp = subject.lmp;
  if (!lmp) return 'primary';
  const since = addOffset(lmp, { years: -(TD_BOOSTER_LOOKBACK.years ?? 0) });
  const earlier = given.filter((g) => (g.key === 'TD-PW-1' || g.key === 'TD-PW-2') && g.date >= since && g.date < lmp);
  return earlier.length >= 2 ? 'booster' : 'primary';
}

/**
 * The dose this one follows: the first of `keys` already given, else the first still possible; 'missed' when
 * every listed one is missed (the series stopped); null when none is listed (nothing to wait for).
 */
function previousDose(keys: readonly ServiceKey[], done: ReadonlyMap<ServiceKey, ServiceDue>): ServiceDue | 'missed' | null {
  const listed = keys.map((k) => done.get(k)).filter((d): d is ServiceDue => d !== undefined);
  const given = listed.find((d) => d.status === 'given');
  if (given) return given;
  const open = listed.find((d) => d.status !== 'missed');
  if (open) return open;
  return listed.length > 0 ? 'missed' : null;
}

function doseStatus(
  entry: ScheduleEntry,
  anchorDate: string,
  records: readonly GivenService[],
  done: ReadonlyMap<ServiceKey, ServiceDue>,
  onDate: string,
): ServiceDue | null {
  // A catch-up dose exists only once the dose it replaces can no longer be given.
  if (entry.replaces && done.get(entry.replaces)?.status !== 'missed') return null;
  const base = addOffset(anchorDate, entry.due);
  const windowDays = daysBetween(base, addOffset(anchorDate, entry.dueUntil));
  const lastDate = addOffset(anchorDate, entry.lastBy);
  let dueDate = base;
  let waiting = false;
  let seriesStopped = false;
  if (entry.after) {
    const previous = previousDose(entry.after.keys, done);
    if (previous === 'missed') seriesStopped = entry.after.ifMissed !== 'proceed';
    else if (previous) {
      // Planned dates chain through the series: a late dose pushes the next one back by the minimum interval.
      const from = previous.givenOn ?? previous.dueDate;
      dueDate = maxDate(base, addOffset(from, entry.after.gap));
      waiting = previous.givenOn === null;
    }
  }
  let dueUntil = minDate(addDays(dueDate, windowDays), lastDate);
  if (entry.dueUntilLatest) dueUntil = maxDate(dueDate, minDate(dueUntil, addOffset(anchorDate, entry.dueUntilLatest)));
  const first = records.reduce<string | null>((min, r) => (min === null || r.date < min ? r.date : min), null);
  let status: ServiceStatus;
  if (first !== null) status = 'given';
  else if (seriesStopped || onDate > lastDate || dueDate > lastDate) status = 'missed';
  else if (waiting) status = 'waiting';
  else if (onDate < dueDate) status = 'upcoming';
  else if (onDate <= dueUntil) status = 'due';
  else status = 'overdue';
  return result(entry, status, dueDate, dueUntil, lastDate, first, null);
}

function entitlementStatus(
  entry: ScheduleEntry,
  period: Recurrence,
  anchorDate: string,
  records: readonly GivenService[],
  onDate: string,
): ServiceDue | null {
  const start = addOffset(anchorDate, entry.due);
  const lastDate = addDays(addOffset(anchorDate, entry.lastBy), -1);
  if (onDate > lastDate) return null;
  if (onDate < start) return result(entry, 'upcoming', start, lastDate, lastDate, null, period);
  const { from, until } = currentPeriod(period, start, onDate);
  const periodFrom = maxDate(from, start);
  const periodUntil = minDate(until, lastDate);
  const current = records.filter((r) => r.date >= periodFrom && r.date <= periodUntil);
  const latest = current.reduce<string | null>((max, r) => (max === null || r.date > max ? r.date : max), null);
  return result(entry, latest !== null ? 'given' : 'due', periodFrom, periodUntil, lastDate, latest, period);
}

/** Days are calendar days, months calendar months (the AWC's monthly register); half-years count from the start. */
function currentPeriod(period: Recurrence, start: string, onDate: string): { from: string; until: string } {
  if (period === 'day') return { from: onDate, until: onDate };
  if (period === 'half-year') return periodAround(start, HALF_YEAR_MONTHS, onDate);
  const monthStart = `${onDate.slice(0, 7)}-01`;
  return { from: monthStart, until: addDays(addOffset(monthStart, { months: 1 }), -1) };
}

function result(
  entry: ScheduleEntry,
  status: ServiceStatus,
  dueDate: string,
  dueUntil: string,
  lastDate: string,
  givenOn: string | null,
  recurring: Recurrence | null,
): ServiceDue {
  return {
    key: entry.key,
    label: entry.label,
    kind: entry.kind,
    status,
    dueDate,
    dueUntil,
    lastDate,
    givenOn,
    recurring,
    dose: entry.dose ?? null,
  };
}

/** The services an AWW has to act on: overdue first, then due; each group in schedule order. */
export function actionable(services: readonly ServiceDue[]): ServiceDue[] {
  return [...services.filter((s) => s.status === 'overdue'), ...services.filter((s) => s.status === 'due')];
}
