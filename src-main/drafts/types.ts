import type { BilingualText, FieldProblem } from '../common/problem.ts';
import type { DraftKind, RegistrationDraftForm } from './payload.ts';

/** One line of the operator's list of unfinished forms. */
export interface DraftSummary {
  id: string;
  kind: DraftKind;
  createdAt: string;
  updatedAt: string;
  /** The head's name as typed so far; null while none is typed. */
  headName: BilingualText | null;
  /** Members with anything typed. */
  members: number;
  /** False when the stored form cannot be opened (another form version, damaged): it can only be discarded. */
  readable: boolean;
}

export interface SavedDraft {
  id: string;
  updatedAt: string;
}

export interface OpenedDraft {
  id: string;
  kind: DraftKind;
  updatedAt: string;
  form: RegistrationDraftForm;
  /** Fields the operator must type again (Aadhaar is never kept), with what to show on each. */
  retype: FieldProblem[];
}
