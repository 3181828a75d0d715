// The series ledger: the highest MTS ID series each office code has ever opened in this data folder. It
// is kept twice: in the database (the `installation` table, one row per series) and in a signed file
// beside it, `series-ledger.json`, which a restore of an older database cannot roll back:
//
//   { "format": "mts-series-ledger/1",
//     "highest": "{\"2714\":3}",               office code → highest series, as sorted compact JSON
//     "updated_at": "…", "key_id": "<office key id>" | null,
//     "signature": "<base64 Ed25519 over the other fields>" | null }
//
// Every number is only ever used as a floor: a new series is max(everything known) + 1, and nothing here
// can lower it. What tampering can do:
// - an edited file whose signature no longer verifies is reported as untrusted, yet its numbers still
//   count as floors, because a lower number could have been restored while a higher one was real;
// - a raised number (edited, or signed by another key) only skips series: IDs are wasted, never reused,
//   and at worst the office reaches 999 and must ask the state for a new office series (issue 10);
// - a deleted or lowered file is harmless while the database is intact (the installation table and the
//   series written in the backups' signature files are floors too); only deleting both the file and the
//   live database, and then restoring an old backup, could bring back a used series. That needs write
//   access to the data folder, which the administrator must keep to the office (README, security).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../common/durable-file.ts';
import { Problem } from '../common/problem.ts';
import { canonicalJson, type OfficeKey } from '../keys/index.ts';
import { BACKUP_DIR, readBackupClaims, SIGNATURE_SUFFIX } from './backup-signature.ts';

export const SERIES_LEDGER = 'series-ledger.json';
const FORMAT = 'mts-series-ledger/1';
export const MAX_SERIES = 999;

export type LedgerTrust = 'missing' | 'signed' | 'unsigned' | 'bad-signature';

export interface LedgerReading {
  /** Highest series per office code, signed or not. */
  highest: Record<string, number>;
  trust: LedgerTrust;
}

function signedContent(highest: string, updatedAt: string, keyId: string): Buffer {
  return canonicalJson({ format: FORMAT, highest, updated_at: updatedAt, key_id: keyId });
}

function sortedHighest(highest: Record<string, number>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(highest).sort(([a], [b]) => a.localeCompare(b))));
}

export function readSeriesLedger(dataDir: string, key: OfficeKey | null): LedgerReading {
  const path = join(dataDir, SERIES_LEDGER);
  if (!existsSync(path)) return { highest: {}, trust: 'missing' };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return { highest: {}, trust: 'bad-signature' };
  }
  // Before ledgers were signed: one number for the folder. It still counts as a floor for any office.
  if (typeof raw['highestSeries'] === 'number') {
    return { highest: { '*': Number.isInteger(raw['highestSeries']) ? raw['highestSeries'] : 0 }, trust: 'unsigned' };
  }
  let highest: Record<string, number> = {};
  try {
    const parsed = JSON.parse(String(raw['highest'])) as Record<string, unknown>;
    for (const [code, series] of Object.entries(parsed)) if (Number.isInteger(series)) highest[code] = series as number;
  } catch {
    highest = {};
  }
  if (typeof raw['signature'] !== 'string' || typeof raw['key_id'] !== 'string') return { highest, trust: 'unsigned' };
  const verified =
    raw['format'] === FORMAT &&
    key !== null &&
    raw['key_id'] === key.keyId &&
    typeof raw['updated_at'] === 'string' &&
    key.verify(signedContent(String(raw['highest']), raw['updated_at'], raw['key_id']), Buffer.from(raw['signature'], 'base64'));
  return { highest, trust: verified ? 'signed' : 'bad-signature' };
}

function ledgerFloor(reading: LedgerReading, officeCode: string): number {
  return Math.max(reading.highest[officeCode] ?? 0, reading.highest['*'] ?? 0);
}

/**
 * Raises the ledger's number for an office (never lowers any), re-signed with the office key. When the key
 * cannot sign here (protected by the desktop app), the floor is still written, unsigned: a missing
 * signature only costs trust, a missing floor could cost an ID.
 */
export function recordSeries(dataDir: string, officeCode: string, series: number, key: OfficeKey | null, now = new Date()): void {
  const reading = readSeriesLedger(dataDir, key);
  if (reading.trust === 'signed' && ledgerFloor(reading, officeCode) >= series) return;
  const highest = { ...reading.highest };
  highest[officeCode] = Math.max(ledgerFloor(reading, officeCode), series);
  const text = sortedHighest(highest);
  const updatedAt = now.toISOString();
  let signature: string | null = null;
  if (key) {
    try {
      signature = key.sign(signedContent(text, updatedAt, key.keyId)).toString('base64');
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
    }
  }
  const body = { format: FORMAT, highest: text, updated_at: updatedAt, key_id: signature ? key!.keyId : null, signature };
  writeFileAtomically(join(dataDir, SERIES_LEDGER), JSON.stringify(body, null, 2) + '\n');
}

/** The highest series any record outside the live database knows: the ledger file and the backups' signature files. */
export function seriesKnownOutsideDatabase(dataDir: string, officeCode: string, key: OfficeKey | null): number {
  const backupDir = join(dataDir, BACKUP_DIR);
  let highest = ledgerFloor(readSeriesLedger(dataDir, key), officeCode);
  if (existsSync(backupDir)) {
    for (const name of readdirSync(backupDir)) {
      if (!name.endsWith(`.sqlite${SIGNATURE_SUFFIX}`)) continue;
      const read = readBackupClaims(join(backupDir, name.slice(0, -SIGNATURE_SUFFIX.length)));
      if (read && read.claims.officeCode === officeCode) highest = Math.max(highest, read.claims.series);
    }
  }
  return highest;
}

/**
 * The series a setup, restore or re-enrolment opens: one above every series known anywhere, and at least
 * `atLeast` (the state's allotment: at enrolment, issue 10, the hub hands out series and passes its
 * number here). Never a series that was used.
 */
export function nextSeries(known: number[], atLeast = 1): number {
  const series = Math.max(atLeast, Math.max(0, ...known) + 1);
  if (series > MAX_SERIES) {
    throw new Problem('series-exhausted', {
      en: `This office has used all ${MAX_SERIES} installation series; ask the state IT cell for a new office code.`,
      mr: `या कार्यालयाने सर्व ${MAX_SERIES} स्थापना मालिका वापरल्या आहेत; नवीन कार्यालय कोडसाठी राज्य आयटी कक्षाला विचारा.`,
    });
  }
  return series;
}
