/** What the registry returns to the UI. Pure types: the renderer imports them through the API contract. */
import type { BilingualText } from '../common/problem.ts';

export type BeneficiaryCategory =
  | 'pregnant'
  | 'lactating'
  | 'child-0-3'
  | 'child-3-6'
  | 'child-6-18'
  | 'adolescent-girl'
  | 'woman'
  | 'other';

export interface DuplicateWarning {
  /** `household` or `members.N`. */
  target: string;
  /** `same-aadhaar-bucket`: same last 4 digits and same bucket, probably (not certainly) the same Aadhaar. */
  reasons: ('same-aadhaar-bucket' | 'same-name' | 'same-mobile')[];
  existing: {
    beneficiaryId: string | null;
    householdId: string;
    mtsId: string | null;
    nameMr: string;
    nameEn: string;
    dob: string | null;
    village: string;
    awcCode: string;
  };
  message: BilingualText;
}

export interface SavedHousehold {
  householdId: string;
  beneficiaries: { id: string; mtsId: string; nameMr: string; nameEn: string; category: BeneficiaryCategory; dobEstimated: boolean }[];
  linked: { target: string; existingId: string }[];
}

export interface SearchHit {
  beneficiaryId: string;
  householdId: string;
  mtsId: string;
  nameMr: string;
  nameEn: string;
  sex: 'f' | 'm' | 'o';
  dob: string;
  category: BeneficiaryCategory;
  awcCode: string;
  village: string;
  headNameEn: string;
  aadhaarMasked: string | null;
  migrationStatus: string | null;
  active: boolean;
}

/** Nutrition filter of the search: the latest measurement's status (ICDS terms). */
export type NutritionFilter = 'sam' | 'mam' | 'suw' | 'muw' | 'stunted' | 'thin' | 'normal';

export interface SearchResults {
  /** How the query was read: by ID, mobile, Aadhaar last four, AWC or name. */
  mode: 'all' | 'mts-id' | 'mobile' | 'aadhaar-last4' | 'awc' | 'name';
  /** One page of hits, newest first. */
  hits: SearchHit[];
  /** How many match in all ("50 of 1,234"); when not exact, at least this many ("50 of more than 10,000"). */
  total: number;
  totalExact: boolean;
  /** Hits before this page. */
  offset: number;
  /** For an MTS ID with one wrong or swapped digit: the valid IDs on record it could have been. */
  didYouMean: { mtsId: string; nameMr: string; nameEn: string; beneficiaryId: string }[];
  problem: BilingualText | null;
}

export interface AuditEntry {
  at: string;
  operator: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export interface MeasurementView {
  id: string;
  measuredOn: string;
  ageDays: number;
  weightKg: number | null;
  heightCm: number | null;
  posture: 'lying' | 'standing' | null;
  muacMm: number | null;
  oedema: boolean;
  voided: boolean;
  voidReason: string | null;
  z: { waz: number | null; haz: number | null; whz: number | null; baz: number | null };
  statuses: { indicator: string; code: string; label: BilingualText; colour: string; severity: 'normal' | 'moderate' | 'severe' | 'check' }[];
  flags: string[];
  /** Doubts about this reading against the child's earlier ones (implausible, height lower, weight jump). */
  qualityNotes: QualityNote[];
}

export interface QualityNote {
  code: string;
  message: BilingualText;
}

export interface AwcDataQuality {
  awcCode: string;
  nameMr: string;
  nameEn: string;
  measurements: number;
  /** Share of weights ending in .0/.5 (about 0.2 by chance) and of heights ending in .0 (about 0.1). */
  roundedWeightShare: number;
  roundedHeightShare: number;
  implausible: number;
  warnings: QualityNote[];
}

export interface MigrationView {
  id: string;
  departureDate: string;
  destinationState: string;
  destinationDistrictLgd: number | null;
  destinationBlock: string | null;
  destinationPlace: string | null;
  workSector: string;
  employer: string | null;
  expectedReturn: string | null;
  status: string;
}

export interface MemberView {
  id: string;
  mtsId: string;
  nameMr: string;
  nameEn: string;
  sex: 'f' | 'm' | 'o';
  dob: string;
  dobEstimated: boolean;
  relation: string;
  category: BeneficiaryCategory;
  edd: string | null;
  aadhaarMasked: string | null;
  active: boolean;
  statusReason: string | null;
  latestNutrition: MeasurementView | null;
  /** RCH portal ID (pregnant and lactating women, young children). */
  rchId: string | null;
  /** Died or left the household: kept in the history, marked, never printed on new cards. */
  exit: { reason: 'died' | 'left'; date: string | null } | null;
  /** A child added after registration: details of the birth from the MCP card. */
  birth: { weightKg: number | null; place: 'institution' | 'home' | 'other' | null; motherId: string | null } | null;
}

export interface AddedMember {
  beneficiaryId: string;
  mtsId: string;
  category: BeneficiaryCategory;
  dobEstimated: boolean;
  /** The mother whose delivery date became the child's birth date (she is now lactating). */
  motherUpdated: string | null;
  /** Set when the operator said this is a person already on record: nothing was added. */
  linkedTo: string | null;
}

export interface HouseholdProfile {
  id: string;
  awc: { code: string; nameMr: string; nameEn: string; workerName: string | null; workerMobile: string | null };
  headNameMr: string;
  headNameEn: string;
  mobile: string | null;
  village: string;
  socialCategory: string;
  aadhaarMasked: string | null;
  documents: { pan: string | null; rationCard: string | null; voterId: string | null; jobCard: string | null };
  createdAt: string;
  members: MemberView[];
  migrations: MigrationView[];
  history: AuditEntry[];
}

export interface BeneficiaryProfile {
  member: MemberView;
  householdId: string;
  householdHeadEn: string;
  householdHeadMr: string;
  measurements: MeasurementView[];
  /** What the measurements over time say beyond the latest z-scores (growth faltering, overweight, low maternal MUAC). */
  growthFlags: { code: string; label: BilingualText; date: string }[];
  history: AuditEntry[];
}

export interface StateKeyStatus {
  imported: boolean;
  fingerprint: string | null;
  issuedAt: string | null;
  importedAt: string | null;
}
