import { addOffset, ageInYears, assertIsoDate } from './dates.ts';
import { EDD_OFFSET, LACTATION_PERIOD, PREGNANCY_MAX, type Bilingual } from './table.ts';

/** What the schedule needs to know about a person; every date is ISO `YYYY-MM-DD`. */
export interface ScheduleSubject {
  readonly sex?: 'F' | 'M' | 'O' | null;
  /** Date of birth (an estimated one from a declared age is fine). */
  readonly dateOfBirth?: string | null;
  /** Last menstrual period of the current or latest pregnancy. */
  readonly lmp?: string | null;
  /** Date of the latest delivery. */
  readonly deliveryDate?: string | null;
  /**
   * Pregnancy Td course override. Left out, it is derived from the doses given: two Td doses of a pregnancy in
   * the 3 years before this LMP mean a single booster.
   */
  readonly tdCourse?: 'primary' | 'booster' | null;
}

export type BeneficiaryCategory = 'pregnant' | 'lactating' | 'child-0-6' | 'adolescent-girl' | 'child-6-18';

/** Expected delivery date (Naegele: LMP + 280 days). */
export function expectedDeliveryDate(lmp: string): string {
  return addOffset(assertIsoDate(lmp), EDD_OFFSET);
}

/** Pregnant on `onDate`: LMP passed, under 42 weeks, and no delivery recorded since that LMP. */
export function isPregnant(subject: ScheduleSubject, onDate: string): boolean {
  const { lmp, deliveryDate } = subject;
  if (!lmp || lmp > onDate) return false;
  if (onDate >= addOffset(lmp, PREGNANCY_MAX)) return false;
  return !(deliveryDate && deliveryDate >= lmp && deliveryDate <= onDate);
}

/** Lactating on `onDate`: within 6 months after the latest delivery. */
export function isLactating(subject: ScheduleSubject, onDate: string): boolean {
  const { deliveryDate } = subject;
  if (!deliveryDate || deliveryDate > onDate) return false;
  return onDate < addOffset(deliveryDate, LACTATION_PERIOD);
}

/** An age band in completed years, both ends included: {from: 14, to: 18} runs from the 14th to the 19th birthday. */
export interface AgeBand {
  readonly from: number;
  readonly to: number;
}

/** Settings of the office that change who gets what. */
export interface ScheduleOptions {
  /** The beneficiary's district runs JE vaccination (see je.ts); default false. */
  readonly jeEndemic?: boolean;
  /** Who counts as an adolescent girl; default the Scheme for Adolescent Girls' 14–18 years. */
  readonly adolescentGirlAges?: AgeBand;
}

/**
 * Scheme for Adolescent Girls under Mission Saksham Anganwadi & Poshan 2.0: girls of 14 to 18 years. Scheme
 * ages are read as completed years, the way ICDS registers count them ("children 0–6 years" are under the 6th
 * birthday, "14–18" holds while her age in completed years is 14, 15, 16, 17 or 18), so the band ends the day
 * before the 19th birthday. Anaemia Mukt Bharat reads its "10–19 years" the same way (WHO's adolescence).
 */
export const SAG_AGES: AgeBand = { from: 14, to: 18 };

function checkBand(band: AgeBand): AgeBand {
  const ok = Number.isInteger(band.from) && Number.isInteger(band.to) && band.from >= 0 && band.from <= band.to && band.to < 120;
  if (!ok) throw new RangeError(`adolescent girl ages must be whole years with from ≤ to, got ${band.from}–${band.to}`);
  return band;
}

/**
 * Every category that holds on `onDate`, most specific first. Categories are derived from dates, never typed:
 * child 0–6 is under the 6th birthday, adolescent girl is a girl in the scheme's age band (SAG 14–18 by
 * default, see SAG_AGES), child 6–18 is anyone else from 6 up to the 18th birthday.
 */
export function beneficiaryCategories(subject: ScheduleSubject, onDate: string, options: ScheduleOptions = {}): BeneficiaryCategory[] {
  assertIsoDate(onDate);
  const girls = checkBand(options.adolescentGirlAges ?? SAG_AGES);
  const out: BeneficiaryCategory[] = [];
  if (isPregnant(subject, onDate)) out.push('pregnant');
  if (isLactating(subject, onDate)) out.push('lactating');
  if (subject.dateOfBirth && subject.dateOfBirth <= onDate) {
    const age = ageInYears(subject.dateOfBirth, onDate);
    if (age < 6) out.push('child-0-6');
    else if (subject.sex === 'F' && age >= girls.from && age <= girls.to) out.push('adolescent-girl');
    else if (age < 18) out.push('child-6-18');
  }
  return out;
}

/** The category to print on a card or a list, or null when none holds (e.g. an adult man). */
export function beneficiaryCategory(subject: ScheduleSubject, onDate: string, options: ScheduleOptions = {}): BeneficiaryCategory | null {
  return beneficiaryCategories(subject, onDate, options)[0] ?? null;
}
