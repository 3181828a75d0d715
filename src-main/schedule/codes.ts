import type { GivenService } from './due.ts';
import type { Bilingual } from './table.ts';

/**
 * The services an operator records, named exactly as the Mother and Child Protection (MCP) card prints them,
 * and how a recorded service counts in the schedule (whose keys are upper-case and number repeated visits).
 *
 * `who` says whom a code may be recorded for: `child` doses are refused for adults (19 and over, where the
 * children's schedule ends), `pregnancy` ones for anyone but a woman.
 */
export type ServiceWho = 'child' | 'pregnancy' | 'anyone';
export type ServiceGroup = 'vaccine' | 'vitamin-a' | 'anc' | 'supplement' | 'nutrition' | 'checkup' | 'referral';

export interface ServiceCodeInfo {
  readonly code: string;
  readonly label: Bilingual;
  readonly group: ServiceGroup;
  readonly who: ServiceWho;
  /** The schedule key a record counts as; null for services counted by order (VITA, ANC) or not scheduled. */
  readonly key: string | null;
}

const MR_DIGITS = '०१२३४५६७८९';
const mrNum = (n: number): string => String(n).replace(/\d/g, (d) => MR_DIGITS[Number(d)] ?? d);

function vaccine(code: string, mr: string, en: string, key: string, who: ServiceWho = 'child'): ServiceCodeInfo {
  return { code, label: { mr, en }, group: 'vaccine', who, key };
}

function doses(prefix: string, keyPrefix: string, mr: string, count: number): ServiceCodeInfo[] {
  return Array.from({ length: count }, (_, i) => vaccine(`${prefix}-${i + 1}`, `${mr} ${mrNum(i + 1)}`, `${prefix}-${i + 1}`, `${keyPrefix}-${i + 1}`));
}

/** In the MCP card's order: birth doses, 6/10/14 weeks, 9 months, 16–24 months, school age, pregnancy, then ICDS. */
export const SERVICE_CODES: readonly ServiceCodeInfo[] = [
  vaccine('BCG', 'बीसीजी', 'BCG', 'BCG'),
  vaccine('OPV-0', 'पोलिओ (ओपीव्ही) ०', 'OPV-0', 'OPV-0'),
  vaccine('HepB-0', 'हिपॅटायटिस बी (जन्मतः)', 'Hepatitis B birth dose', 'HEPB-0'),
  ...doses('OPV', 'OPV', 'पोलिओ (ओपीव्ही)', 3),
  ...doses('Penta', 'PENTA', 'पेंटाव्हॅलेंट', 3),
  ...doses('RVV', 'RVV', 'रोटाव्हायरस', 3),
  ...doses('fIPV', 'FIPV', 'एफआयपीव्ही', 3),
  vaccine('PCV-1', 'पीसीव्ही १', 'PCV-1', 'PCV-1'),
  vaccine('PCV-2', 'पीसीव्ही २', 'PCV-2', 'PCV-2'),
  vaccine('PCV-B', 'पीसीव्ही बूस्टर', 'PCV booster', 'PCV-B'),
  vaccine('MR-1', 'गोवर-रुबेला (एमआर) १', 'MR-1', 'MR-1'),
  vaccine('MR-2', 'गोवर-रुबेला (एमआर) २', 'MR-2', 'MR-2'),
  vaccine('JE-1', 'जपानी मेंदूज्वर (जेई) १', 'JE-1', 'JE-1'),
  vaccine('JE-2', 'जपानी मेंदूज्वर (जेई) २', 'JE-2', 'JE-2'),
  // Catch-up after the first birthday, when the pentavalent doses were missed: DPT instead (not on the card).
  ...doses('DPT', 'DPT', 'डीपीटी', 3),
  vaccine('DPT-B1', 'डीपीटी बूस्टर १', 'DPT booster-1', 'DPT-B1'),
  vaccine('OPV-B', 'पोलिओ (ओपीव्ही) बूस्टर', 'OPV booster', 'OPV-B'),
  vaccine('DPT-B2', 'डीपीटी बूस्टर २', 'DPT booster-2', 'DPT-B2'),
  vaccine('Td-10', 'टीडी (१० वर्षे)', 'Td (10 years)', 'TD-10'),
  vaccine('Td-16', 'टीडी (१६ वर्षे)', 'Td (16 years)', 'TD-16'),
  vaccine('Td-1', 'टीडी-१ (गरोदर)', 'Td-1 (pregnancy)', 'TD-PW-1', 'pregnancy'),
  vaccine('Td-2', 'टीडी-२ (गरोदर)', 'Td-2 (pregnancy)', 'TD-PW-2', 'pregnancy'),
  vaccine('Td-B', 'टीडी बूस्टर (गरोदर)', 'Td booster (pregnancy)', 'TD-PW-B', 'pregnancy'),
  { code: 'VITA', label: { mr: 'जीवनसत्त्व अ', en: 'Vitamin A' }, group: 'vitamin-a', who: 'child', key: null },
  { code: 'ANC', label: { mr: 'प्रसूतीपूर्व तपासणी', en: 'ANC visit' }, group: 'anc', who: 'pregnancy', key: null },
  { code: 'THR', label: { mr: 'घरपोच आहार (THR)', en: 'Take-home ration (THR)' }, group: 'nutrition', who: 'anyone', key: 'THR' },
  { code: 'HCM', label: { mr: 'गरम ताजा आहार (HCM)', en: 'Hot cooked meal (HCM)' }, group: 'nutrition', who: 'child', key: 'HCM' },
  { code: 'IFA', label: { mr: 'लोह व फॉलिक ॲसिड गोळ्या (IFA)', en: 'Iron-folic acid tablets (IFA)' }, group: 'supplement', who: 'anyone', key: 'IFA' },
  { code: 'CALCIUM', label: { mr: 'कॅल्शियम गोळ्या', en: 'Calcium tablets' }, group: 'supplement', who: 'pregnancy', key: 'CALCIUM' },
  { code: 'DEWORMING', label: { mr: 'जंतनाशक गोळी', en: 'Deworming' }, group: 'supplement', who: 'anyone', key: 'DEWORMING' },
  { code: 'CHECKUP', label: { mr: 'आरोग्य तपासणी', en: 'Health check-up' }, group: 'checkup', who: 'anyone', key: 'CHECKUP' },
  { code: 'REFERRAL', label: { mr: 'संदर्भ सेवा', en: 'Referral' }, group: 'referral', who: 'anyone', key: 'REFERRAL' },
];

const BY_CODE = new Map(SERVICE_CODES.map((c) => [c.code, c]));
const BY_KEY = new Map(SERVICE_CODES.filter((c) => c.key !== null).map((c) => [c.key as string, c]));

/** Where a referral sends the person. */
export const REFERRAL_KINDS = ['sam-nrc', 'sam-ctc', 'high-risk-pregnancy', 'other'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_LABELS: Readonly<Record<ReferralKind, Bilingual>> = {
  'sam-nrc': { mr: 'तीव्र कुपोषित — पोषण पुनर्वसन केंद्र (NRC)', en: 'SAM — Nutrition Rehabilitation Centre (NRC)' },
  'sam-ctc': { mr: 'तीव्र कुपोषित — ग्राम बाल विकास केंद्र (CTC/VCDC)', en: 'SAM — community treatment (CTC/VCDC)' },
  'high-risk-pregnancy': { mr: 'अतिजोखमीची गरोदरपण', en: 'High-risk pregnancy' },
  other: { mr: 'इतर', en: 'Other' },
};

export function serviceCodeInfo(code: string): ServiceCodeInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The code one would record for a schedule key, and the dose number for keys counted by order
 * ('VITA-3' → VITA, dose 3; 'ANC-2' → ANC, dose 2; 'PENTA-1' → Penta-1).
 */
export function codeForScheduleKey(key: string): { code: string; dose: number | null } {
  const counted = /^(VITA|ANC)-(\d+)$/.exec(key);
  if (counted) return { code: counted[1]!, dose: Number(counted[2]) };
  const info = BY_KEY.get(key);
  if (info) return { code: info.code, dose: null };
  return { code: key, dose: null };
}

/** A recorded service as the schedule needs it. */
export interface RecordedService {
  readonly service: string;
  readonly givenOn: string;
  readonly voided?: boolean | 0 | 1;
}

/**
 * The schedule's list of given services from the service records of one person. Voided records never count.
 * Vitamin A doses are numbered in date order (VITA-1, VITA-2, …); ANC visits of the current pregnancy (on or
 * after `lmp`) are numbered ANC-1…4 in date order; every other code counts as its schedule key, and a code the
 * schedule does not know is passed through under its own upper-case name, where it simply matches nothing.
 */
export function givenForSchedule(records: readonly RecordedService[], lmp: string | null = null): GivenService[] {
  const live = records.filter((r) => !r.voided).sort((a, b) => (a.givenOn < b.givenOn ? -1 : a.givenOn > b.givenOn ? 1 : 0));
  const out: GivenService[] = [];
  let vitaminA = 0;
  let anc = 0;
  for (const r of live) {
    if (r.service === 'VITA') out.push({ key: `VITA-${++vitaminA}`, date: r.givenOn });
    else if (r.service === 'ANC') {
      if (lmp !== null && r.givenOn >= lmp && anc < 4) out.push({ key: `ANC-${++anc}`, date: r.givenOn });
    } else out.push({ key: BY_CODE.get(r.service)?.key ?? r.service.toUpperCase(), date: r.givenOn });
  }
  return out;
}
