import { addDays, addOffset, ageInYears, assertIsoDate, daysBetween, maxDate, minDate, sameMonth, type Offset } from './dates.ts';
import { isLactating, isPregnant, type ScheduleSubject } from './subject.ts';
import { SCHEDULE, type Anchor, type Bilingual, type ScheduleEntry, type ServiceKey, type ServiceKind } from './table.ts';

/** A service already given (from the service log); `key` is a schedule key such as 'PENTA-1' or 'THR'. */
export interface GivenService {
  readonly key: string;
  readonly date: string;
}

/**
 * given    — done (for entitlements: done in the current month, or today for HCM);
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
  /** First day of the recommended period, after the interval from the previous dose. */
  readonly dueDate: string;
  /** Last day of the recommended period (entitlements: last day of the entitlement). */
  readonly dueUntil: string;
  /** Last day the service may still be given. */
  readonly lastDate: string;
  readonly givenOn: string | null;
  readonly recurring: 'month' | 'day' | null;
}

/** Children's schedule applies up to the 19th birthday (Td at 16 may be caught up until then). */
const CHILD_SCHEDULE_UNTIL_AGE = 19;
const TD_BOOSTER_LOOKBACK: Offset = { years: 3 };

/**
 * The schedule of one beneficiary on `onDate`: every service that applies, with its status and dates.
 * Pregnancy services apply while pregnant, post-delivery ones while lactating, the children's schedule from birth
 * to the 19th birthday. Entitlements are listed while running or still to come, not after they end.
 * Results are in schedule order.
 */
export function servicesDue(subject: ScheduleSubject, given: readonly GivenService[], onDate: string): ServiceDue[] {
  assertIsoDate(onDate);
  for (const g of given) assertIsoDate(g.date);
  const anchors = activeAnchors(subject, onDate);
  const tdCourse = subject.tdCourse ?? deriveTdCourse(subject, given);
  const done = new Map<ServiceKey, ServiceDue>();
  const out: ServiceDue[] = [];

  for (const entry of SCHEDULE) {
    const anchorDate = anchors.get(entry.anchor);
    if (!anchorDate) continue;
    if (entry.tdCourse && entry.tdCourse !== tdCourse) continue;
    // A record counts for this pregnancy / this delivery / this child only if dated on or after the anchor.
    const records = given.filter((g) => g.key === entry.key && g.date >= anchorDate && g.date <= onDate);
    const result = entry.recurring
      ? entitlementStatus(entry, anchorDate, records, onDate)
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
  if (dob && assertIsoDate(dob) <= onDate && ageInYears(dob, onDate) < CHILD_SCHEDULE_UNTIL_AGE) {
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

function doseStatus(
  entry: ScheduleEntry,
  anchorDate: string,
  records: readonly GivenService[],
  done: ReadonlyMap<ServiceKey, ServiceDue>,
  onDate: string,
): ServiceDue {
  const base = addOffset(anchorDate, entry.due);
  const windowDays = daysBetween(base, addOffset(anchorDate, entry.dueUntil));
  const lastDate = addOffset(anchorDate, entry.lastBy);
  let dueDate = base;
  let waiting = false;
  if (entry.after) {
    const previous = done.get(entry.after.key);
    if (previous) {
      // Planned dates chain through the series: a late dose pushes the next one back by the minimum interval.
      const from = previous.givenOn ?? previous.dueDate;
      dueDate = maxDate(base, addOffset(from, entry.after.gap));
      waiting = previous.givenOn === null;
    }
  }
  const dueUntil = minDate(addDays(dueDate, windowDays), lastDate);
  const first = records.reduce<string | null>((min, r) => (min === null || r.date < min ? r.date : min), null);
  let status: ServiceStatus;
  if (first !== null) status = 'given';
  else if (onDate > lastDate || dueDate > lastDate) status = 'missed';
  else if (waiting) status = 'waiting';
  else if (onDate < dueDate) status = 'upcoming';
  else if (onDate <= dueUntil) status = 'due';
  else status = 'overdue';
  return result(entry, status, dueDate, dueUntil, lastDate, first, null);
}

function entitlementStatus(
  entry: ScheduleEntry,
  anchorDate: string,
  records: readonly GivenService[],
  onDate: string,
): ServiceDue | null {
  const start = addOffset(anchorDate, entry.due);
  const lastDate = addDays(addOffset(anchorDate, entry.lastBy), -1);
  if (onDate > lastDate) return null;
  const period = entry.recurring ?? 'month';
  const current = records.filter((r) => (period === 'day' ? r.date === onDate : sameMonth(r.date, onDate)));
  const latest = current.reduce<string | null>((max, r) => (max === null || r.date > max ? r.date : max), null);
  let status: ServiceStatus;
  if (onDate < start) status = 'upcoming';
  else status = latest !== null ? 'given' : 'due';
  return result(entry, status, start, lastDate, lastDate, latest, period);
}

function result(
  entry: ScheduleEntry,
  status: ServiceStatus,
  dueDate: string,
  dueUntil: string,
  lastDate: string,
  givenOn: string | null,
  recurring: 'month' | 'day' | null,
): ServiceDue {
  return { key: entry.key, label: entry.label, kind: entry.kind, status, dueDate, dueUntil, lastDate, givenOn, recurring };
}

/** The services an AWW has to act on: overdue first, then due; each group in schedule order. */
export function actionable(services: readonly ServiceDue[]): ServiceDue[] {
  return [...services.filter((s) => s.status === 'overdue'), ...services.filter((s) => s.status === 'due')];
}
