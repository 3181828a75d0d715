/** What the services capability returns. Pure types: the renderer imports them through the API contract. */
import type { BilingualText } from '../common/problem.ts';
import type { BeneficiaryCategory } from '../registry/types.ts';
import type { ServiceDue } from '../schedule/index.ts';

export type ServiceSource = 'given' | 'mcp-card' | 'reported';
export type ServicePlace = 'office' | 'awc' | 'elsewhere';

export interface NewService {
  beneficiaryId: string;
  /** A code as the MCP card prints it (`Penta-1`, `Td-B`) or THR, HCM, ANC, IFA, … (schedule/codes.ts). */
  service: string;
  date: string;
  source: ServiceSource;
  place?: ServicePlace | null;
  awcCode?: string | null;
  quantity?: number | null;
  forMonth?: string | null;
  detail?: string | null;
  note?: string | null;
}

export interface ServiceRecord {
  id: string;
  beneficiaryId: string;
  service: string;
  label: BilingualText;
  date: string;
  source: ServiceSource;
  place: ServicePlace;
  awcCode: string | null;
  officeCode: string;
  quantity: number | null;
  forMonth: string | null;
  detail: string | null;
  note: string | null;
  voided: boolean;
  voidReason: string | null;
  createdAt: string;
}

export type DueStatus = 'given' | 'upcoming' | 'waiting' | 'due' | 'overdue' | 'missed';

export interface DueItem {
  /** The code one would record (`Penta-2`, `VITA`, `ANC`, `THR`). */
  service: string;
  /** For services counted by order (VITA, ANC): which dose or visit this is. */
  dose: number | null;
  /** The schedule's key (`PENTA-2`, `VITA-3`). */
  key: string;
  label: BilingualText;
  status: DueStatus;
  dueFrom: string;
  /** End of the recommended period; after it a dose not yet given is overdue. */
  dueBy: string;
  /** Last day it may still be given (catch-up limit). */
  lastDate: string;
  overdue: boolean;
  givenOn: string | null;
  /** For entitlements: how often they are given (as the schedule says). */
  recurring: ServiceDue['recurring'];
}

/** One row of the MCP card grid: a dose and the date it was given, if on record. */
export interface McpGridRow {
  service: string;
  dose: number | null;
  label: BilingualText;
  /** Where the card prints it: at birth, 6 weeks, …; for grouping on screen. */
  stage: BilingualText;
  givenOn: string | null;
}

export interface ServiceHistory {
  beneficiaryId: string;
  rchId: string | null;
  category: BeneficiaryCategory;
  records: ServiceRecord[];
  /** The MCP card's rows that apply to this person today, with the dates already on record. */
  grid: McpGridRow[];
  /** The codes that may be recorded for this person (the picker's list). */
  applicable: { service: string; label: BilingualText; group: string }[];
}

export interface DueListPerson {
  beneficiaryId: string;
  mtsId: string;
  nameMr: string;
  nameEn: string;
  sex: 'f' | 'm' | 'o';
  dob: string;
  category: BeneficiaryCategory;
  householdId: string;
  headNameMr: string;
  headNameEn: string;
  awcCode: string;
  village: string;
  /** A migrant family placed with this Anganwadi at this block (its home AWC is elsewhere). */
  visiting: boolean;
  due: DueItem[];
}

export interface DueList {
  on: string;
  awcCode: string | null;
  householdId: string | null;
  /** People with at least one service due or overdue; overdue ones first within each person. */
  people: DueListPerson[];
  counts: { people: number; due: number; overdue: number };
  /** The list as CSV (one row per service due), when asked for. */
  csv?: string;
}
