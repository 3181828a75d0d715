// Detached signature of a backup: `mts-2714-….sqlite.sig` beside `mts-2714-….sqlite`. Detached rather
// than an envelope because the backup then stays a plain SQLite file (openable by any SQLite tool in an
// emergency), signing never rewrites hundreds of megabytes, and a missing .sig file simply means
// "unsigned". Format (JSON, UTF-8):
//
//   { "format": "mts-backup-signature/1",
//     "sha256": "<hex of the backup file's bytes>",
//     "office_code": "2714", "schema_version": 5, "series": 2,
//     "created_at": "2026-12-03T07:30:00.000Z",
//     "key_id": "<office key id>",
//     "signature": "<base64 Ed25519 over the other fields as sorted, compact JSON>" }
//
// The file name is not signed: a renamed backup is the same backup.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { BilingualText } from '../common/problem.ts';
import type { BackupSignatureStatus } from './types.ts';
import { writeFileAtomically } from '../common/durable-file.ts';
import { canonicalJson, type OfficeKey } from '../keys/index.ts';

/** Beside the database in the data folder. */
export const BACKUP_DIR = 'backups';
export const SIGNATURE_SUFFIX = '.sig';
/** Where an older backup is opened and updated before it is signed again; removed when done or at the next start. */
export const REWRITE_DIR = 'backup-rewrite';
const FORMAT = 'mts-backup-signature/1';

export interface BackupClaims {
  sha256: string;
  officeCode: string;
  schemaVersion: number;
  series: number;
  createdAt: string;
  keyId: string;
}

export type { BackupSignatureStatus };

export interface BackupCheck {
  status: BackupSignatureStatus;
  /** What the signature file says; trustworthy only when status is 'valid'. */
  claims: BackupClaims | null;
  sha256: string;
  /** One sentence saying why the backup is refused; null when valid. */
  problem: BilingualText | null;
}

function signedContent(claims: BackupClaims): Buffer {
  return canonicalJson({
    format: FORMAT,
    sha256: claims.sha256,
    office_code: claims.officeCode,
    schema_version: claims.schemaVersion,
    series: claims.series,
    created_at: claims.createdAt,
    key_id: claims.keyId,
  });
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function writeBackupSignature(backupFile: string, claims: BackupClaims, key: OfficeKey): void {
  const signature = key.sign(signedContent(claims)).toString('base64');
  const body = {
    format: FORMAT,
    sha256: claims.sha256,
    office_code: claims.officeCode,
    schema_version: claims.schemaVersion,
    series: claims.series,
    created_at: claims.createdAt,
    key_id: claims.keyId,
    signature,
  };
  writeFileAtomically(backupFile + SIGNATURE_SUFFIX, JSON.stringify(body, null, 2) + '\n');
}

/** The claims of a signature file without checking them (for listing and series floors); null if none or unreadable. */
export function readBackupClaims(backupFile: string): { claims: BackupClaims; signature: Buffer } | null {
  const path = backupFile + SIGNATURE_SUFFIX;
  if (!existsSync(path)) return null;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const claims: BackupClaims = {
      sha256: raw['sha256'] as string,
      officeCode: raw['office_code'] as string,
      schemaVersion: raw['schema_version'] as number,
      series: raw['series'] as number,
      createdAt: raw['created_at'] as string,
      keyId: raw['key_id'] as string,
    };
    const ok =
      raw['format'] === FORMAT &&
      /^[0-9a-f]{64}$/.test(claims.sha256) &&
      /^\d{4}$/.test(claims.officeCode) &&
      Number.isInteger(claims.schemaVersion) &&
      Number.isInteger(claims.series) &&
      typeof claims.createdAt === 'string' &&
      typeof claims.keyId === 'string' &&
      typeof raw['signature'] === 'string';
    return ok ? { claims, signature: Buffer.from(raw['signature'] as string, 'base64') } : null;
  } catch {
    return null;
  }
}

/**
 * Is this backup exactly what this office signed? Checked in the order that gives the most useful
 * sentence; any answer but 'valid' refuses the backup.
 */
const listedHashes = new Map<string, { stamp: string; sha256: string }>();

/**
 * For the backup list only: the hash of a file already hashed with the same size, inode and times is
 * reused, so opening Settings does not read every backup again. Restoring and re-writing always hash.
 */
export function sha256FileForListing(path: string): string {
  const stat = statSync(path);
  const stamp = `${stat.size}:${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}`;
  const known = listedHashes.get(path);
  if (known?.stamp === stamp) return known.sha256;
  const sha256 = sha256File(path);
  listedHashes.set(path, { stamp, sha256 });
  return sha256;
}

export function checkBackup(backupFile: string, key: OfficeKey, officeCode: string, options: { forListing?: boolean } = {}): BackupCheck {
  const sha256 = options.forListing ? sha256FileForListing(backupFile) : sha256File(backupFile);
  const refuse = (status: BackupSignatureStatus, problem: BilingualText, claims: BackupClaims | null = null): BackupCheck => ({ status, claims, sha256, problem });
  if (!existsSync(backupFile + SIGNATURE_SUFFIX)) {
    return refuse('unsigned', {
      en: 'This backup is not signed by the office key (it was made before backups were signed, or its .sig file is missing), so it cannot be restored.',
      mr: 'या बॅकअपवर कार्यालयाच्या कीची स्वाक्षरी नाही (तो स्वाक्षरीपूर्वी बनवलेला आहे किंवा त्याची .sig फाइल नाही), म्हणून तो पुनर्संचयित करता येत नाही.',
    });
  }
  const read = readBackupClaims(backupFile);
  if (!read) {
    return refuse('invalid', {
      en: 'The signature file of this backup is damaged or was edited, so the backup cannot be restored.',
      mr: 'या बॅकअपची स्वाक्षरी फाइल खराब झाली आहे किंवा बदलली आहे, म्हणून बॅकअप पुनर्संचयित करता येत नाही.',
    });
  }
  const { claims, signature } = read;
  if (claims.officeCode !== officeCode) {
    return refuse('other-office', {
      en: `This backup belongs to office ${claims.officeCode}, not to this office (${officeCode}), so it cannot be restored here.`,
      mr: `हा बॅकअप कार्यालय ${claims.officeCode} चा आहे, या कार्यालयाचा (${officeCode}) नाही, म्हणून तो येथे पुनर्संचयित करता येत नाही.`,
    }, claims);
  }
  if (claims.keyId !== key.keyId) {
    return refuse('other-key', {
      en: `This backup was signed by another key (${claims.keyId}), not by this office's key (${key.keyId}), so it cannot be restored.`,
      mr: `या बॅकअपवर दुसऱ्या कीची (${claims.keyId}) स्वाक्षरी आहे, या कार्यालयाच्या कीची (${key.keyId}) नाही, म्हणून तो पुनर्संचयित करता येत नाही.`,
    }, claims);
  }
  if (!key.verify(signedContent(claims), signature)) {
    return refuse('invalid', {
      en: 'The signature of this backup does not match its details (the .sig file was edited), so the backup cannot be restored.',
      mr: 'या बॅकअपची स्वाक्षरी त्याच्या तपशिलांशी जुळत नाही (.sig फाइल बदलली आहे), म्हणून बॅकअप पुनर्संचयित करता येत नाही.',
    }, claims);
  }
  if (claims.sha256 !== sha256) {
    return refuse('changed', {
      en: 'This backup file was changed after it was signed, so it cannot be restored.',
      mr: 'स्वाक्षरी झाल्यानंतर ही बॅकअप फाइल बदलली आहे, म्हणून ती पुनर्संचयित करता येत नाही.',
    }, claims);
  }
  return { status: 'valid', claims, sha256, problem: null };
}
