// Shapes the exchange returns, free of Node imports so the API contract (and the renderer) can name them.
import type { BilingualText } from '../common/problem.ts';

/** Counters `from`..`to` of one origin that have not arrived here, while later ones have. */
export interface Gap {
  origin: string;
  from: number;
  to: number;
}

/** Records created and changed here by one import, per record type (household, beneficiary, …). */
export type RecordCounts = Record<string, { inserted: number; updated: number }>;

export interface ImportResult {
  /** `preview`: what importing would do, computed and rolled back (the Sync page shows it first). */
  status: 'imported' | 'already-imported' | 'preview';
  bundleId: string;
  from: string;
  /** Changes in the bundle. */
  changes: number;
  /** Applied now, including held changes whose gap this bundle closed. */
  applied: number;
  /** Kept until the changes before them arrive. */
  held: number;
  /** Already here (applied or held before). */
  skipped: number;
  /** Records created and records changed here. */
  inserted: number;
  updated: number;
  records: RecordCounts;
  /** Identity edits by other offices to households this office owns, now waiting for a decision. */
  corrections: number;
  /** Keys the hub revoked that this office learned of now. */
  revocations: number;
  /** Every gap still open after this import, per origin. */
  gaps: Gap[];
  /** The sender's epoch differs from the one it used before (it was reinstalled or restored). */
  senderEpochChanged: boolean;
  message: BilingualText;
}

export interface PeerKey {
  peer: string;
  keyId: string;
  ageRecipient: string;
  addedAt: string;
  revokedAt: string | null;
}

export interface BundleRecord {
  bundleId: string;
  direction: 'in' | 'out';
  peer: string;
  at: string;
  changes: number;
  applied: number;
  held: number;
  skipped: number;
  outcome: string;
}

export interface PeerStatus {
  peer: string;
  keys: PeerKey[];
  lastSent: BundleRecord | null;
  lastReceived: BundleRecord | null;
  /** Changes in this office's log the peer has not acknowledged yet (the next export carries them). */
  unacknowledged: number;
}

export interface SyncStatus {
  peers: PeerStatus[];
  /** Changes held because earlier ones of the same origin are missing; `office` is the one to ask. */
  gaps: (Gap & { office: string })[];
  /** Newest first. */
  history: BundleRecord[];
}

/** An export as the API returns it: the files to save (one, or the parts of a split bundle). */
export interface ExportSummary {
  bundleId: string;
  changes: number;
  files: { name: string; base64: string }[];
}

/** An identity edit another office made to a household this office owns, waiting for a decision. */
export interface CorrectionView {
  id: number;
  householdId: string;
  entity: 'household' | 'beneficiary';
  entityId: string;
  /** The person (or head) as recorded here now. */
  name: { mr: string; en: string };
  field: string;
  /** As recorded here, and as proposed; Aadhaar shown only as its last 4 digits. */
  current: string | null;
  proposed: string | null;
  fromOffice: string;
  proposedAt: string;
  status: 'pending' | 'accepted' | 'rejected' | 'superseded';
}
