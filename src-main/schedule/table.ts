import type { Offset } from './dates.ts';

/**
 * India's Universal Immunisation Programme schedule and the ICDS/NHM services around it, as one table.
 * Sources:
 *  - MoHFW National Immunization Schedule (NIS) for infants, children and pregnant women, as revised in 2023
 *    (third fIPV dose at 9 months with MR-1): "when to give" and "maximum age" columns. For RVV, fIPV and PCV
 *    the 2023 table gives "initiation – 1 yr, completion – 2 yrs": the first dose by the first birthday, the
 *    series may then be completed until the second.
 *  - Immunization Handbook for Medical Officers (MoHFW) and the table of upper age limits it gives (reproduced
 *    in Health Policy and Planning 36(4), 2021, table 1): BCG, pentavalent 1 year; OPV 1–3, MR 5 years;
 *    DPT boosters 7 years; JE-1/JE-2 15 years; pregnancy Td "even in labour" (NIS: "give Td-2 or booster
 *    before 36 weeks; give Td even in labour if not received").
 *  - Catch-up: the series is never restarted, each dose comes at least its minimum interval after the
 *    previous one (4 weeks between pentavalent, OPV, RVV and fIPV doses; 8 weeks between PCV doses). A child
 *    who can no longer get pentavalent (after the first birthday) gets DPT instead, until the 7th birthday.
 *  - MCP card (ANC contacts, IFA and calcium from the second trimester); ICDS entitlements (THR for 6 months–
 *    3 years, pregnant and lactating women; hot cooked meal 3–6 years).
 *  - Anaemia Mukt Bharat (MoHFW 2018): IFA syrup twice a week 6–59 months, weekly IFA pink tablet 5–9 years,
 *    weekly IFA blue tablet 10–19 years; National Deworming Day: albendazole every 6 months, 1–19 years.
 * JE is given only in endemic districts (see je.ts).
 *
 * Each entry is placed relative to an anchor date:
 *   due      — first day of the recommended period,
 *   dueUntil — last day of the recommended period; after it, a dose not yet given is overdue,
 *   dueUntilLatest — the recommended period never runs past this, however late the previous dose was,
 *   lastBy   — last day the dose may still be given (catch-up limit); after it, missed,
 *   after    — previous dose of the series (the first of `keys` that applies) and the minimum interval from it;
 *              when the previous dose is missed, so is this one (unless `ifMissed: 'proceed'`),
 *   replaces — a catch-up dose listed only once the dose it replaces is missed (DPT-n for pentavalent-n),
 *   recurring — an entitlement given every month (THR, IFA, calcium), every day (HCM) or every half-year
 *               counted from `due` (deworming), from `due` until the day before `lastBy`.
 */

export interface Bilingual {
  readonly mr: string;
  readonly en: string;
}

export type Anchor = 'birth' | 'lmp' | 'delivery';
export type ServiceKind = 'vaccine' | 'vitamin-a' | 'anc' | 'supplement' | 'nutrition';
export type Recurrence = 'month' | 'day' | 'half-year';

export type ServiceKey =
  | 'BCG'
  | 'HEPB-0'
  | 'OPV-0' | 'OPV-1' | 'OPV-2' | 'OPV-3' | 'OPV-B'
  | 'PENTA-1' | 'PENTA-2' | 'PENTA-3'
  | 'DPT-1' | 'DPT-2' | 'DPT-3'
  | 'RVV-1' | 'RVV-2' | 'RVV-3'
  | 'FIPV-1' | 'FIPV-2' | 'FIPV-3'
  | 'PCV-1' | 'PCV-2' | 'PCV-B'
  | 'MR-1' | 'MR-2'
  | 'JE-1' | 'JE-2'
  | 'DPT-B1' | 'DPT-B2'
  | 'VITA-1' | 'VITA-2' | 'VITA-3' | 'VITA-4' | 'VITA-5' | 'VITA-6' | 'VITA-7' | 'VITA-8' | 'VITA-9'
  | 'TD-10' | 'TD-16'
  | 'TD-PW-1' | 'TD-PW-2' | 'TD-PW-B'
  | 'ANC-1' | 'ANC-2' | 'ANC-3' | 'ANC-4'
  | 'IFA' | 'CALCIUM' | 'THR' | 'HCM' | 'DEWORMING';

export interface ScheduleEntry {
  readonly key: ServiceKey;
  readonly label: Bilingual;
  readonly kind: ServiceKind;
  readonly anchor: Anchor;
  readonly due: Offset;
  readonly dueUntil: Offset;
  readonly dueUntilLatest?: Offset;
  readonly lastBy: Offset;
  /** Dose number within its series (OPV-0 is 0); left out for boosters and entitlements. */
  readonly dose?: number;
  readonly after?: {
    readonly keys: readonly ServiceKey[];
    readonly gap: Offset;
    /** 'proceed': a missed previous dose does not stop this one (Td at 16 is given even without Td at 10). */
    readonly ifMissed?: 'stop' | 'proceed';
  };
  readonly replaces?: ServiceKey;
  readonly recurring?: Recurrence;
  /** Pregnancy Td: two primary doses, or one booster after two doses in a pregnancy within the last 3 years. */
  readonly tdCourse?: 'primary' | 'booster';
  /** Given only where the programme runs it: JE in endemic districts. */
  readonly only?: 'je-endemic';
}

const DEVANAGARI_DIGITS = '०१२३४५६७८९';
const mrNum = (n: number): string => String(n).replace(/\d/g, (d) => DEVANAGARI_DIGITS[Number(d)] ?? d);

const W = (weeks: number): Offset => ({ weeks });
const M = (months: number): Offset => ({ months });
const Y = (years: number): Offset => ({ years });
const D = (days: number): Offset => ({ days });

/** Minimum interval between doses of the infant primary series (pentavalent, OPV, RVV, fIPV). */
const PRIMARY_GAP = W(4);

/**
 * Three doses at 6, 10 and 14 weeks, 4 weeks apart at least. `firstBy` is the age by which the series must be
 * started, `completeBy` the age by which doses 2 and 3 may still be given.
 */
function series(prefix: 'OPV' | 'PENTA' | 'RVV', mr: string, en: string, firstBy: Offset, completeBy: Offset): ScheduleEntry[] {
  return [6, 10, 14].map((week, i) => {
    const n = i + 1;
    const entry: ScheduleEntry = {
      key: `${prefix}-${n}` as ServiceKey,
      label: { mr: `${mr} ${mrNum(n)}`, en: `${en}-${n}` },
      kind: 'vaccine',
      anchor: 'birth',
      due: W(week),
      dueUntil: W(week + 4),
      lastBy: n === 1 ? firstBy : completeBy,
      dose: n,
      ...(n > 1 ? { after: { keys: [`${prefix}-${n - 1}` as ServiceKey], gap: PRIMARY_GAP } } : {}),
    };
    return entry;
  });
}

/**
 * DPT catch-up for a child who can no longer get pentavalent (after the first birthday): the missing primary
 * doses as DPT, 4 weeks apart, counted from the last pentavalent or DPT dose, until the 7th birthday.
 */
function dptCatchUp(): ScheduleEntry[] {
  return [1, 2, 3].map((n) => ({
    key: `DPT-${n}` as ServiceKey,
    label: { mr: `डीपीटी ${mrNum(n)} (पेंटाव्हॅलेंटऐवजी)`, en: `DPT-${n} (catch-up for Pentavalent-${n})` },
    kind: 'vaccine' as const,
    anchor: 'birth' as const,
    due: Y(1),
    dueUntil: { years: 1, weeks: 4 },
    lastBy: Y(7),
    dose: n,
    replaces: `PENTA-${n}` as ServiceKey,
    ...(n > 1 ? { after: { keys: [`PENTA-${n - 1}`, `DPT-${n - 1}`] as ServiceKey[], gap: PRIMARY_GAP } } : {}),
  }));
}

function vitaminA(): ScheduleEntry[] {
  // Dose 1 with MR-1 at 9 months, dose 2 with the 16-month boosters, then every 6 months until the 5th birthday.
  const entries: ScheduleEntry[] = [];
  for (let n = 1; n <= 9; n++) {
    const dueMonths = n === 1 ? 9 : 16 + 6 * (n - 2);
    entries.push({
      key: `VITA-${n}` as ServiceKey,
      label: { mr: `जीवनसत्त्व अ — मात्रा ${mrNum(n)}`, en: `Vitamin A dose ${n}` },
      kind: 'vitamin-a',
      anchor: 'birth',
      due: M(dueMonths),
      dueUntil: M(n === 1 ? 12 : dueMonths + 2),
      lastBy: Y(5),
      dose: n,
      ...(n > 1 ? { after: { keys: [`VITA-${n - 1}` as ServiceKey], gap: M(6) } } : {}),
    });
  }
  return entries;
}

function anc(n: number, due: Offset, dueUntil: Offset, lastBy: Offset): ScheduleEntry {
  return {
    key: `ANC-${n}` as ServiceKey,
    label: { mr: `प्रसूतीपूर्व तपासणी ${mrNum(n)}`, en: `ANC visit ${n}` },
    kind: 'anc',
    anchor: 'lmp',
    due,
    dueUntil,
    lastBy,
    dose: n,
  };
}

/** Pregnancy runs at most 42 weeks from LMP; entitlements tied to it stop there or at delivery. */
export const PREGNANCY_MAX: Offset = W(42);
/** ICDS counts a mother as lactating for 6 months after delivery. */
export const LACTATION_PERIOD: Offset = M(6);
/** Expected delivery date by Naegele's rule: LMP + 280 days. */
export const EDD_OFFSET: Offset = D(280);
/** NIS: Td-2 or the booster should be given before 36 weeks; after that it is late, yet still given. */
const TD_RECOMMENDED_BY: Offset = W(36);
/** Anaemia Mukt Bharat and National Deworming Day count adolescents as 10–19 years: up to the 20th birthday. */
export const AMB_UNTIL: Offset = Y(20);

const IFA_LABEL: Bilingual = { mr: 'लोह व फॉलिक ॲसिड गोळ्या (IFA)', en: 'Iron-folic acid tablets (IFA)' };

export const SCHEDULE: readonly ScheduleEntry[] = [
  // Birth doses
  { key: 'BCG', label: { mr: 'बीसीजी', en: 'BCG' }, kind: 'vaccine', anchor: 'birth', due: D(0), dueUntil: D(14), lastBy: Y(1) },
  {
    key: 'HEPB-0',
    label: { mr: 'हिपॅटायटिस बी (जन्मतः मात्रा)', en: 'Hepatitis B birth dose' },
    kind: 'vaccine',
    anchor: 'birth',
    due: D(0),
    dueUntil: D(1),
    lastBy: D(1),
    dose: 0,
  },
  {
    key: 'OPV-0',
    label: { mr: 'पोलिओ (ओपीव्ही) ०', en: 'OPV-0' },
    kind: 'vaccine',
    anchor: 'birth',
    due: D(0),
    dueUntil: D(15),
    lastBy: D(15),
    dose: 0,
  },
  // 6, 10 and 14 weeks
  ...series('OPV', 'पोलिओ (ओपीव्ही)', 'OPV', Y(5), Y(5)),
  ...series('PENTA', 'पेंटाव्हॅलेंट', 'Pentavalent', Y(1), Y(1)),
  ...dptCatchUp(),
  ...series('RVV', 'रोटाव्हायरस', 'Rotavirus', Y(1), Y(2)),
  { key: 'FIPV-1', label: { mr: 'एफआयपीव्ही १', en: 'fIPV-1' }, kind: 'vaccine', anchor: 'birth', due: W(6), dueUntil: W(10), lastBy: Y(1), dose: 1 },
  {
    key: 'FIPV-2',
    label: { mr: 'एफआयपीव्ही २', en: 'fIPV-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: W(14),
    dueUntil: W(18),
    lastBy: Y(2),
    dose: 2,
    after: { keys: ['FIPV-1'], gap: PRIMARY_GAP },
  },
  { key: 'PCV-1', label: { mr: 'पीसीव्ही १', en: 'PCV-1' }, kind: 'vaccine', anchor: 'birth', due: W(6), dueUntil: W(10), lastBy: Y(1), dose: 1 },
  {
    key: 'PCV-2',
    label: { mr: 'पीसीव्ही २', en: 'PCV-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: W(14),
    dueUntil: W(18),
    lastBy: Y(2),
    dose: 2,
    after: { keys: ['PCV-1'], gap: W(8) },
  },
  // 9–12 months
  {
    key: 'PCV-B',
    label: { mr: 'पीसीव्ही बूस्टर', en: 'PCV booster' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(9),
    dueUntil: M(12),
    lastBy: Y(2),
    after: { keys: ['PCV-2'], gap: W(8) },
  },
  { key: 'MR-1', label: { mr: 'गोवर-रुबेला (एमआर) १', en: 'MR-1' }, kind: 'vaccine', anchor: 'birth', due: M(9), dueUntil: M(12), lastBy: Y(5), dose: 1 },
  {
    key: 'FIPV-3',
    label: { mr: 'एफआयपीव्ही ३', en: 'fIPV-3' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(9),
    dueUntil: M(12),
    lastBy: Y(2),
    dose: 3,
    after: { keys: ['FIPV-2'], gap: PRIMARY_GAP },
  },
  {
    key: 'JE-1',
    label: { mr: 'जपानी मेंदूज्वर (जेई) १', en: 'JE-1' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(9),
    dueUntil: M(12),
    lastBy: Y(15),
    dose: 1,
    only: 'je-endemic',
  },
  // 16–24 months
  {
    key: 'MR-2',
    label: { mr: 'गोवर-रुबेला (एमआर) २', en: 'MR-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(5),
    dose: 2,
    after: { keys: ['MR-1'], gap: W(4) },
  },
  {
    key: 'JE-2',
    label: { mr: 'जपानी मेंदूज्वर (जेई) २', en: 'JE-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(15),
    dose: 2,
    after: { keys: ['JE-1'], gap: W(4) },
    only: 'je-endemic',
  },
  {
    key: 'DPT-B1',
    label: { mr: 'डीपीटी बूस्टर १', en: 'DPT booster-1' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(7),
    after: { keys: ['PENTA-3', 'DPT-3'], gap: M(6) },
  },
  {
    key: 'OPV-B',
    label: { mr: 'पोलिओ (ओपीव्ही) बूस्टर', en: 'OPV booster' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(5),
    after: { keys: ['OPV-3'], gap: M(6) },
  },
  ...vitaminA(),
  // 5–6 years, adolescents
  {
    key: 'DPT-B2',
    label: { mr: 'डीपीटी बूस्टर २', en: 'DPT booster-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: Y(5),
    dueUntil: Y(6),
    lastBy: Y(7),
    after: { keys: ['DPT-B1'], gap: M(6) },
  },
  { key: 'TD-10', label: { mr: 'टीडी (१० वर्षे)', en: 'Td (10 years)' }, kind: 'vaccine', anchor: 'birth', due: Y(10), dueUntil: Y(11), lastBy: Y(16) },
  {
    key: 'TD-16',
    label: { mr: 'टीडी (१६ वर्षे)', en: 'Td (16 years)' },
    kind: 'vaccine',
    anchor: 'birth',
    due: Y(16),
    dueUntil: Y(17),
    lastBy: Y(19),
    after: { keys: ['TD-10'], gap: M(6), ifMissed: 'proceed' },
  },
  // Pregnancy (anchor: LMP). Td is never missed while pregnant: late after 36 weeks, still given in labour.
  {
    key: 'TD-PW-1',
    label: { mr: 'टीडी-१ (गरोदर)', en: 'Td-1 (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: D(0),
    dueUntil: W(12),
    lastBy: PREGNANCY_MAX,
    dose: 1,
    tdCourse: 'primary',
  },
  {
    key: 'TD-PW-2',
    label: { mr: 'टीडी-२ (गरोदर)', en: 'Td-2 (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: W(4),
    dueUntil: TD_RECOMMENDED_BY,
    dueUntilLatest: TD_RECOMMENDED_BY,
    lastBy: PREGNANCY_MAX,
    dose: 2,
    after: { keys: ['TD-PW-1'], gap: W(4) },
    tdCourse: 'primary',
  },
  {
    key: 'TD-PW-B',
    label: { mr: 'टीडी बूस्टर (गरोदर)', en: 'Td booster (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: D(0),
    dueUntil: TD_RECOMMENDED_BY,
    lastBy: PREGNANCY_MAX,
    tdCourse: 'booster',
  },
  anc(1, D(0), W(12), W(40)),
  anc(2, W(14), W(26), W(28)),
  anc(3, W(28), W(34), W(36)),
  anc(4, W(36), W(40), W(42)),
  entitlement('IFA', IFA_LABEL, 'supplement', 'lmp', W(14), PREGNANCY_MAX),
  entitlement('CALCIUM', { mr: 'कॅल्शियम गोळ्या', en: 'Calcium tablets' }, 'supplement', 'lmp', W(14), PREGNANCY_MAX),
  entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'lmp', D(0), PREGNANCY_MAX),
  // After delivery (anchor: delivery date)
  entitlement('IFA', IFA_LABEL, 'supplement', 'delivery', D(0), LACTATION_PERIOD),
  entitlement('CALCIUM', { mr: 'कॅल्शियम गोळ्या', en: 'Calcium tablets' }, 'supplement', 'delivery', D(0), LACTATION_PERIOD),
  entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'delivery', D(0), LACTATION_PERIOD),
  // Children
  entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'birth', M(6), Y(3)),
  entitlement('HCM', { mr: 'गरम ताजा आहार (HCM)', en: 'Hot cooked meal (HCM)' }, 'nutrition', 'birth', Y(3), Y(6), 'day'),
  // Anaemia Mukt Bharat: one IFA record a month keeps the child's band "given" (the AWW hands out a month's supply).
  entitlement('IFA', { mr: 'आयएफए सिरप — आठवड्यातून दोनदा (६–५९ महिने)', en: 'IFA syrup, twice a week (6–59 months)' }, 'supplement', 'birth', M(6), Y(5)),
  entitlement('IFA', { mr: 'आयएफए गुलाबी गोळी — आठवड्यातून एकदा (५–९ वर्षे)', en: 'IFA pink tablet, weekly (5–9 years)' }, 'supplement', 'birth', Y(5), Y(10)),
  entitlement('IFA', { mr: 'आयएफए निळी गोळी — आठवड्यातून एकदा (१०–१९ वर्षे)', en: 'IFA blue tablet, weekly (10–19 years)' }, 'supplement', 'birth', Y(10), AMB_UNTIL),
  entitlement('DEWORMING', { mr: 'जंतनाशक (अल्बेंडाझोल) — दर सहा महिन्यांनी', en: 'Deworming (albendazole), every 6 months' }, 'supplement', 'birth', Y(1), AMB_UNTIL, 'half-year'),
];

function entitlement(
  key: ServiceKey,
  label: Bilingual,
  kind: ServiceKind,
  anchor: Anchor,
  from: Offset,
  until: Offset,
  period: Recurrence = 'month',
): ScheduleEntry {
  return { key, label, kind, anchor, due: from, dueUntil: until, lastBy: until, recurring: period };
}

/** Every service key, in schedule order, each once. */
export const SERVICE_KEYS: readonly ServiceKey[] = [...new Set(SCHEDULE.map((e) => e.key))];

/** Bilingual label of a service key (the first table entry carrying it). */
export function serviceLabel(key: ServiceKey): Bilingual {
  const entry = SCHEDULE.find((e) => e.key === key);
  if (!entry) throw new RangeError(`unknown service: ${key}`);
  return entry.label;
}
