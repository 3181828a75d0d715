/** Double-entry verification as the UI sees it. Pure types. */

export interface Mismatch {
  field: string;
  first: string;
  second: string;
}

export interface VerificationItem {
  householdId: string;
  awcCode: string;
  headNameMr: string;
  headNameEn: string;
  status: 'unverified' | 'mismatch' | 'verified';
  firstOperator: string;
  secondOperator: string | null;
  createdAt: string;
  mismatches: Mismatch[];
}

export interface KeyingErrorRate {
  operatorId: string;
  fullName: string;
  forms: number;
  fieldsKeyed: number;
  errors: number;
  /** Errors per 100 fields keyed. */
  ratePercent: number;
}
