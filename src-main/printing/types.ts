/** What the printing capability returns to the UI. Pure types: the renderer imports them through the API contract. */
import type { BilingualText } from '../common/problem.ts';

/** How migration cards are laid out: A4 sheets of 10 with cut marks, or one CR80 page per card (PVC printers). */
export type CardLayoutChoice = 'a4-sheet' | 'cr80';

export type PrintLayout = CardLayoutChoice | 'family-sheet' | 'blank-form' | 'filled-form';

export type MigrationStatusFilter = 'planned' | 'departed' | 'arrived' | 'returned' | 'not_found';

/**
 * Which beneficiaries get a card. Every filter that is set must hold (they combine with AND); only active
 * beneficiaries of active households are ever selected.
 */
export interface CardSelection {
  /** Only those whose card was never printed. */
  notPrinted: boolean;
  awcCode: string | null;
  /** Registration (record creation) day range, inclusive, as ISO dates in Indian time. */
  registeredFrom: string | null;
  registeredTo: string | null;
  /** The household's latest migration has this status … */
  migrationStatus: MigrationStatusFilter | null;
  /** … and/or goes to this district (LGD code). */
  destinationDistrictLgd: number | null;
  /** An explicit list (e.g. from a household page); still combined with the other filters. */
  beneficiaryIds: string[] | null;
}

export interface SelectedCardRow {
  beneficiaryId: string;
  householdId: string;
  mtsId: string;
  nameMr: string;
  nameEn: string;
  awcCode: string;
  /** How many times this beneficiary's card was printed before; 0 = never. */
  printedBefore: number;
}

export interface CardPreview {
  count: number;
  /** How many of them were printed before: a reprint needs a reason. */
  reprints: number;
  /** Largest number of cards one job may hold. */
  maxPerJob: number;
  /** The first rows, in print order. */
  rows: SelectedCardRow[];
}

export type PrintJobState = 'running' | 'done' | 'failed';

export interface PrintJobStatus {
  id: string;
  layout: PrintLayout;
  status: PrintJobState;
  done: number;
  total: number;
  error: BilingualText | null;
  /** Suggested file name for saving. */
  fileName: string;
  startedAt: string;
  finishedAt: string | null;
  /** Its save or print was confirmed and it is in the print log. */
  printed: boolean;
}

/** A finished PDF as it crosses IPC and the HTTP bridge. */
export interface PdfFile {
  /** The print job to confirm (printing.confirmPrinted) once the file was saved or printed. */
  jobId: string;
  fileName: string;
  /** The PDF bytes, base64-encoded. */
  base64: string;
  bytes: number;
}

export interface PrintedCard {
  beneficiaryId: string;
  mtsId: string;
  nameMr: string;
  nameEn: string;
  version: number;
}

export interface PrintHistoryEntry {
  jobId: string;
  printedAt: string;
  printedBy: string | null;
  layout: PrintLayout;
  reason: string | null;
  count: number;
  householdId: string | null;
  /** The cards of the job, in print order (at most `cardsShown`; `count` says how many there were). */
  cards: PrintedCard[];
}
