import type { BilingualText } from '../common/problem.ts';
import type { Language, Role } from '../store/schema.ts';

export interface OfficeInfo {
  code: string;
  districtLgd: number;
  districtName: BilingualText;
  blockName: string;
  name: BilingualText;
  /** Current installation series: numbers the MTS IDs issued on this PC. */
  series: number;
}

export interface SessionOperator {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  language: Language;
  mustChangePassword: boolean;
}

export interface OperatorSummary {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  language: Language;
  active: boolean;
  createdAt: string;
}

export interface AwcSummary {
  code: string;
  nameMr: string;
  nameEn: string;
  village: string;
  sector: string;
  workerName: string | null;
  workerMobile: string | null;
}

/** Whether this office's key vouches for a backup; only 'valid' can be restored. */
export type BackupSignatureStatus = 'valid' | 'unsigned' | 'invalid' | 'changed' | 'other-key' | 'other-office';

export interface BackupInfo {
  name: string;
  sizeBytes: number;
  createdAt: string;
  /** SHA-256 of the file's bytes: the backup's fingerprint in the audit trail. */
  sha256: string;
  /** Whether this office's key vouches for the file as it is now. Only 'valid' backups can be restored. */
  signature: BackupSignatureStatus;
  /** Why it cannot be restored, in one sentence; null when it can. */
  problem: BilingualText | null;
  /** Schema of the data inside, as signed; null when not known from a valid signature. */
  schemaVersion: number | null;
  /** Unsigned or at an older schema: offered to be rewritten (signed, current) or deleted. */
  older: boolean;
}

/** The office's signing key as Settings shows it. */
export interface OfficeKeyStatus {
  keyId: string;
  fingerprint: string;
  createdAt: string;
  protection: string;
  protectionDescription: BilingualText;
}
