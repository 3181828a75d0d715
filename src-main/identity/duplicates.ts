// Likely-duplicate detection at entry (DESIGN.md §3). Pure: the caller supplies the records. Every
// test is a key comparison, so one pass over the office's records is O(n); the same key functions
// let the caller keep an index (e.g. a table of block keys) and fetch only the candidates.
import { validateMobile } from './documents.ts';
import { keySetsMatch, nameKeyTokens } from './names.ts';

export interface DuplicateRecord {
  readonly id: string;
  /** Aadhaar as the office keeps it: last 4 digits and the 16-bit keyed bucket (protectAadhaar). */
  readonly aadhaarLast4?: string | null;
  readonly aadhaarBucket?: string | null;
  readonly nameMr?: string | null;
  readonly nameEn?: string | null;
  /** Any stable code ('F', 'M', …); compared for equality. */
  readonly sex: string;
  /** ISO date, YYYY-MM-DD (an estimated DOB counts as given). */
  readonly dob: string;
  /** Village code; compared for equality. */
  readonly village: string;
  readonly mobile?: string | null;
}

/**
 * `same-aadhaar-bucket`: same last 4 digits and same bucket, so probably (not certainly) the same Aadhaar:
 * two different numbers share both with odds of about 1 in 650 million.
 */
export type DuplicateReason = 'same-aadhaar-bucket' | 'same-name' | 'same-mobile';

export interface LikelyDuplicate {
  readonly id: string;
  /** Strongest first: Aadhaar, then name, then mobile. */
  readonly reasons: readonly DuplicateReason[];
}

/** Key for "probably the same Aadhaar": `last4:bucket`, or undefined unless both are there. */
export function aadhaarDuplicateKey(record: Pick<DuplicateRecord, 'aadhaarLast4' | 'aadhaarBucket'>): string | undefined {
  const { aadhaarLast4: last4, aadhaarBucket: bucket } = record;
  if (typeof last4 !== 'string' || typeof bucket !== 'string' || last4.length === 0 || bucket.length === 0) return undefined;
  return `${last4}:${bucket.toLowerCase()}`;
}

/** Key for "same mobile": the normalised 10-digit number, or undefined if there is no valid one. */
export function mobileDuplicateKey(record: Pick<DuplicateRecord, 'mobile'>): string | undefined {
  if (record.mobile === undefined || record.mobile === null || record.mobile === '') return undefined;
  const m = validateMobile(record.mobile);
  return m.ok ? m.value : undefined;
}

function nameKeySets(record: Pick<DuplicateRecord, 'nameMr' | 'nameEn'>): Set<string>[] {
  const sets: Set<string>[] = [];
  for (const name of [record.nameMr, record.nameEn]) {
    if (typeof name !== 'string') continue;
    const keys = new Set(nameKeyTokens(name));
    if (keys.size > 0) sets.push(keys);
  }
  return sets;
}

/**
 * Blocking keys for "same name, sex and village": `village|sex|k1` for a one-word name, else
 * `village|sex|k1+k2` for every pair of word keys (sorted), over both scripts. Two records whose
 * names match (namesMatch) in the same village with the same sex always share at least one key, so
 * an index on these keys finds every such candidate; the DOB window is checked afterwards.
 */
export function nameBlockKeys(record: Pick<DuplicateRecord, 'nameMr' | 'nameEn' | 'sex' | 'village'>): string[] {
  const out = new Set<string>();
  const prefix = `${record.village}|${record.sex}|`;
  for (const keys of nameKeySets(record)) {
    const sorted = [...keys].sort();
    if (sorted.length === 1) out.add(prefix + sorted[0]!);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) out.add(`${prefix}${sorted[i]!}+${sorted[j]!}`);
    }
  }
  return [...out];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether two ISO dates are at most one calendar year apart (the declared-age fuzz of §3). */
export function dobWithinOneYear(a: string, b: string): boolean {
  const ma = ISO_DATE.exec(a);
  if (ma === null || !ISO_DATE.test(b)) return false;
  const year = Number(ma[1]);
  const rest = `-${ma[2]}-${ma[3]}`;
  const lower = `${String(year - 1).padStart(4, '0')}${rest}`;
  const upper = `${String(year + 1).padStart(4, '0')}${rest}`;
  return b >= lower && b <= upper;
}

function namesAgree(a: Set<string>[], b: Set<string>[]): boolean {
  for (const x of a) for (const y of b) if (keySetsMatch(x, y)) return true;
  return false;
}

/**
 * Records of `existing` that are likely the same person as `candidate`, with the reasons:
 * same Aadhaar last 4 and bucket; same name (either script, phonetically) with the same sex, in the same
 * village, DOB within ±1 year; same mobile. A record with the candidate's own id is skipped.
 */
export function findLikelyDuplicates(candidate: DuplicateRecord, existing: Iterable<DuplicateRecord>): LikelyDuplicate[] {
  const aadhaar = aadhaarDuplicateKey(candidate);
  const mobile = mobileDuplicateKey(candidate);
  const blocks = new Set(nameBlockKeys(candidate));
  const names = blocks.size > 0 ? nameKeySets(candidate) : [];
  const found: LikelyDuplicate[] = [];
  for (const other of existing) {
    if (other.id === candidate.id) continue;
    const reasons: DuplicateReason[] = [];
    if (aadhaar !== undefined && aadhaarDuplicateKey(other) === aadhaar) reasons.push('same-aadhaar-bucket');
    if (
      blocks.size > 0 &&
      other.village === candidate.village &&
      other.sex === candidate.sex &&
      dobWithinOneYear(candidate.dob, other.dob) &&
      nameBlockKeys(other).some((k) => blocks.has(k)) &&
      namesAgree(names, nameKeySets(other))
    ) {
      reasons.push('same-name');
    }
    if (mobile !== undefined && mobileDuplicateKey(other) === mobile) reasons.push('same-mobile');
    if (reasons.length > 0) found.push({ id: other.id, reasons });
  }
  const rank = (d: LikelyDuplicate): number =>
    d.reasons.includes('same-aadhaar-bucket') ? 0 : d.reasons.includes('same-name') ? 1 : 2;
  return found.sort((x, y) => rank(x) - rank(y) || y.reasons.length - x.reasons.length);
}
