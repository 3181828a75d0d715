import type { Offset } from './dates.ts';

/**
 * India's Universal Immunisation Programme schedule and the ICDS/NHM services around it, as one table.
 * Sources: MoHFW National Immunization Schedule (infants, children, pregnant women), Immunization Handbook for
 * Medical Officers (catch-up limits), MCP card (ANC contacts, IFA and calcium from the second trimester),
 * ICDS entitlements (THR for 6 months–3 years, pregnant and lactating women; hot cooked meal 3–6 years).
 * JE is left out (endemic districts only).
 *
 * Each entry is placed relative to an anchor date:
 *   due      — first day of the recommended period,
 *   dueUntil — last day of the recommended period; after it, a dose not yet given is overdue,
 *   lastBy   — last day the dose may still be given (catch-up limit); after it, missed,
 *   after    — previous dose of the series and the minimum interval from it,
 *   recurring — an entitlement given every month (THR, IFA, calcium) or every day (HCM) from `due` until
 *               the day before `lastBy`.
 */

export interface Bilingual {
  readonly mr: string;
  readonly en: string;
}

export type Anchor = 'birth' | 'lmp' | 'delivery';
export type ServiceKind = 'vaccine' | 'vitamin-a' | 'anc' | 'supplement' | 'nutrition';

export type ServiceKey =
  | 'BCG'
  | 'HEPB-0'
  | 'OPV-0' | 'OPV-1' | 'OPV-2' | 'OPV-3' | 'OPV-B'
  | 'PENTA-1' | 'PENTA-2' | 'PENTA-3'
  | 'RVV-1' | 'RVV-2' | 'RVV-3'
  | 'FIPV-1' | 'FIPV-2'
  | 'PCV-1' | 'PCV-2' | 'PCV-B'
  | 'MR-1' | 'MR-2'
  | 'DPT-B1' | 'DPT-B2'
  | 'VITA-1' | 'VITA-2' | 'VITA-3' | 'VITA-4' | 'VITA-5' | 'VITA-6' | 'VITA-7' | 'VITA-8' | 'VITA-9'
  | 'TD-10' | 'TD-16'
  | 'TD-PW-1' | 'TD-PW-2' | 'TD-PW-B'
  | 'ANC-1' | 'ANC-2' | 'ANC-3' | 'ANC-4'
  | 'IFA' | 'CALCIUM' | 'THR' | 'HCM';

export interface ScheduleEntry {
  readonly key: ServiceKey;
  readonly label: Bilingual;
  readonly kind: ServiceKind;
  readonly anchor: Anchor;
  readonly due: Offset;
  readonly dueUntil: Offset;
  readonly lastBy: Offset;
  readonly after?: { readonly key: ServiceKey; readonly gap: Offset };
  readonly recurring?: 'month' | 'day';
  /** Pregnancy Td: two primary doses, or one booster after two doses in a pregnancy within the last 3 years. */
  readonly tdCourse?: 'primary' | 'booster';
}

const DEVANAGARI_DIGITS = '०१२३४५६७८९';
const mrNum = (n: number): string => String(n).replace(/\d/g, (d) => DEVANAGARI_DIGITS[Number(d)] ?? d);

const W = (weeks: number): Offset => ({ weeks });
const M = (months: number): Offset => ({ months });
const Y = (years: number): Offset => ({ years });
const D = (days: number): Offset => ({ days });

function series(
  prefix: 'OPV' | 'PENTA' | 'RVV',
  mr: string,
  en: string,
  lastBy: Offset,
): ScheduleEntry[] {
  return [6, 10, 14].map((week, i) => {
    const n = i + 1;
    const entry: ScheduleEntry = {
      key: `${prefix}-${n}` as ServiceKey,
      label: { mr: `${mr} ${mrNum(n)}`, en: `${en}-${n}` },
      kind: 'vaccine',
      anchor: 'birth',
      due: W(week),
      dueUntil: W(week + 4),
      lastBy,
      ...(n > 1 ? { after: { key: `${prefix}-${n - 1}` as ServiceKey, gap: W(4) } } : {}),
    };
    return entry;
  });
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
      ...(n > 1 ? { after: { key: `VITA-${n - 1}` as ServiceKey, gap: M(6) } } : {}),
    });
  }
  return entries;
}

/** Pregnancy runs at most 42 weeks from LMP; entitlements tied to it stop there or at delivery. */
export const PREGNANCY_MAX: Offset = W(42);
/** ICDS counts a mother as lactating for 6 months after delivery. */
export const LACTATION_PERIOD: Offset = M(6);
/** Expected delivery date by Naegele's rule: LMP + 280 days. */
export const EDD_OFFSET: Offset = D(280);

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
  },
  {
    key: 'OPV-0',
    label: { mr: 'पोलिओ (ओपीव्ही) ०', en: 'OPV-0' },
    kind: 'vaccine',
    anchor: 'birth',
    due: D(0),
    dueUntil: D(15),
    lastBy: D(15),
  },
  // 6, 10 and 14 weeks
  ...series('OPV', 'पोलिओ (ओपीव्ही)', 'OPV', Y(5)),
  ...series('PENTA', 'पेंटाव्हॅलेंट', 'Pentavalent', Y(1)),
  ...series('RVV', 'रोटाव्हायरस', 'Rotavirus', Y(1)),
  { key: 'FIPV-1', label: { mr: 'एफआयपीव्ही १', en: 'fIPV-1' }, kind: 'vaccine', anchor: 'birth', due: W(6), dueUntil: W(10), lastBy: Y(1) },
  {
    key: 'FIPV-2',
    label: { mr: 'एफआयपीव्ही २', en: 'fIPV-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: W(14),
    dueUntil: W(18),
    lastBy: Y(1),
    after: { key: 'FIPV-1', gap: W(4) },
  },
  { key: 'PCV-1', label: { mr: 'पीसीव्ही १', en: 'PCV-1' }, kind: 'vaccine', anchor: 'birth', due: W(6), dueUntil: W(10), lastBy: Y(1) },
  {
    key: 'PCV-2',
    label: { mr: 'पीसीव्ही २', en: 'PCV-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: W(14),
    dueUntil: W(18),
    lastBy: Y(1),
    after: { key: 'PCV-1', gap: W(8) },
  },
  // 9 months
  {
    key: 'PCV-B',
    label: { mr: 'पीसीव्ही बूस्टर', en: 'PCV booster' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(9),
    dueUntil: M(12),
    lastBy: Y(2),
    after: { key: 'PCV-2', gap: W(8) },
  },
  { key: 'MR-1', label: { mr: 'गोवर-रुबेला (एमआर) १', en: 'MR-1' }, kind: 'vaccine', anchor: 'birth', due: M(9), dueUntil: M(12), lastBy: Y(5) },
  // 16–24 months
  {
    key: 'MR-2',
    label: { mr: 'गोवर-रुबेला (एमआर) २', en: 'MR-2' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(5),
    after: { key: 'MR-1', gap: W(4) },
  },
  {
    key: 'DPT-B1',
    label: { mr: 'डीपीटी बूस्टर १', en: 'DPT booster-1' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(7),
    after: { key: 'PENTA-3', gap: M(6) },
  },
  {
    key: 'OPV-B',
    label: { mr: 'पोलिओ (ओपीव्ही) बूस्टर', en: 'OPV booster' },
    kind: 'vaccine',
    anchor: 'birth',
    due: M(16),
    dueUntil: M(24),
    lastBy: Y(5),
    after: { key: 'OPV-3', gap: M(6) },
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
    after: { key: 'DPT-B1', gap: M(6) },
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
    after: { key: 'TD-10', gap: M(6) },
  },
  // Pregnancy (anchor: LMP)
  {
    key: 'TD-PW-1',
    label: { mr: 'टीडी-१ (गर्भवती)', en: 'Td-1 (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: D(0),
    dueUntil: W(12),
    lastBy: W(36),
    tdCourse: 'primary',
  },
  {
    key: 'TD-PW-2',
    label: { mr: 'टीडी-२ (गर्भवती)', en: 'Td-2 (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: W(4),
    dueUntil: W(16),
    lastBy: W(40),
    after: { key: 'TD-PW-1', gap: W(4) },
    tdCourse: 'primary',
  },
  {
    key: 'TD-PW-B',
    label: { mr: 'टीडी बूस्टर (गर्भवती)', en: 'Td booster (pregnancy)' },
    kind: 'vaccine',
    anchor: 'lmp',
    due: D(0),
    dueUntil: W(12),
    lastBy: W(40),
    tdCourse: 'booster',
  },
  { key: 'ANC-1', label: { mr: 'प्रसूतीपूर्व तपासणी १', en: 'ANC visit 1' }, kind: 'anc', anchor: 'lmp', due: D(0), dueUntil: W(12), lastBy: W(40) },
  { key: 'ANC-2', label: { mr: 'प्रसूतीपूर्व तपासणी २', en: 'ANC visit 2' }, kind: 'anc', anchor: 'lmp', due: W(14), dueUntil: W(26), lastBy: W(28) },
  { key: 'ANC-3', label: { mr: 'प्रसूतीपूर्व तपासणी ३', en: 'ANC visit 3' }, kind: 'anc', anchor: 'lmp', due: W(28), dueUntil: W(34), lastBy: W(36) },
  { key: 'ANC-4', label: { mr: 'प्रसूतीपूर्व तपासणी ४', en: 'ANC visit 4' }, kind: 'anc', anchor: 'lmp', due: W(36), dueUntil: W(40), lastBy: W(42) },
  ...entitlement('IFA', { mr: 'लोह व फॉलिक ॲसिड गोळ्या (IFA)', en: 'Iron-folic acid tablets (IFA)' }, 'supplement', 'lmp', W(14), PREGNANCY_MAX),
  ...entitlement('CALCIUM', { mr: 'कॅल्शियम गोळ्या', en: 'Calcium tablets' }, 'supplement', 'lmp', W(14), PREGNANCY_MAX),
  ...entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'lmp', D(0), PREGNANCY_MAX),
  // After delivery (anchor: delivery date)
  ...entitlement('IFA', { mr: 'लोह व फॉलिक ॲसिड गोळ्या (IFA)', en: 'Iron-folic acid tablets (IFA)' }, 'supplement', 'delivery', D(0), LACTATION_PERIOD),
  ...entitlement('CALCIUM', { mr: 'कॅल्शियम गोळ्या', en: 'Calcium tablets' }, 'supplement', 'delivery', D(0), LACTATION_PERIOD),
  ...entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'delivery', D(0), LACTATION_PERIOD),
  // Children
  ...entitlement('THR', { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, 'nutrition', 'birth', M(6), Y(3)),
  ...entitlement('HCM', { mr: 'गरम ताजा आहार (HCM)', en: 'Hot cooked meal (HCM)' }, 'nutrition', 'birth', Y(3), Y(6), 'day'),
];

function entitlement(
  key: ServiceKey,
  label: Bilingual,
  kind: ServiceKind,
  anchor: Anchor,
  from: Offset,
  until: Offset,
  period: 'month' | 'day' = 'month',
): ScheduleEntry[] {
  return [{ key, label, kind, anchor, due: from, dueUntil: until, lastBy: until, recurring: period }];
}

/** Bilingual label of a service key (the first table entry carrying it). */
export function serviceLabel(key: ServiceKey): Bilingual {
  const entry = SCHEDULE.find((e) => e.key === key);
  if (!entry) throw new RangeError(`unknown service: ${key}`);
  return entry.label;
}
