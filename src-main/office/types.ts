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

export interface BackupInfo {
  name: string;
  sizeBytes: number;
  createdAt: string;
}
