import type { BilingualText } from '../common/problem.ts';
import type { MigrationEventKind, WorkSector } from '../store/schema.ts';
import type { Destination, TripState, TripStatusCode } from './status.ts';

export type { Destination, TripState, TripStatusCode };

/** Work sectors as the forms write them (dashes); the store keeps underscores. */
export type WorkSectorCode = 'sugarcane-cutting' | 'sugar-factory' | 'brick-kiln' | 'construction' | 'stone-crushing' | 'agricultural-labour' | 'other';

/** A new season's trip, planned from the household page. */
export interface TripPlan {
  householdId: string;
  departureDate: string;
  destinationState: string;
  destinationDistrict: number | null;
  destinationBlock: string;
  destinationPlace: string;
  workSector: WorkSectorCode;
  employer: string;
  expectedReturn: string | null;
  /** Beneficiary ids of the members who stay home; everyone else goes with the family. */
  members: string[];
}

export type NotFoundReason = 'not-at-worksite' | 'moved-unknown' | 'refused' | 'other';

export interface TripEventInput {
  householdId: string;
  /** Defaults to the household's latest trip. */
  tripId?: string | null;
  event: MigrationEventKind;
  date: string;
  awcCode?: string | null;
  /** Arrived / moved: where the family is now; missing parts keep the previous destination's. */
  destination?: { state?: string | null; district?: number | null; block?: string | null; place?: string | null } | null;
  /** not-found: why; moved: `left` when the family left the block for an unknown place. */
  reason?: string | null;
  note?: string | null;
}

export interface TripEventView {
  id: string;
  event: MigrationEventKind;
  date: string;
  destination: Destination | null;
  awcCode: string | null;
  reason: string | null;
  note: string | null;
  officeCode: string;
  voided: boolean;
  voidReason: string | null;
  createdAt: string;
  /** The operator's name when the operator is of this office; null for events recorded elsewhere. */
  recordedBy: string | null;
}

export interface TripView {
  id: string;
  householdId: string;
  departureDate: string;
  destination: Destination;
  workSector: WorkSector;
  employer: string | null;
  expectedReturn: string | null;
  stayingHome: string[];
  officeCode: string | null;
  createdAt: string;
  /** In the order they happened (the order the status was rebuilt in), voided ones included and marked. */
  events: TripEventView[];
  state: TripState;
}

export interface RecordedEvent {
  id: string;
  tripId: string;
  state: TripState;
  message: BilingualText;
}

export type MigrationListName = 'departed' | 'overdue' | 'expected' | 'returned' | 'incoming' | 'present';

export interface MigrationListRow {
  householdId: string;
  headNameMr: string;
  headNameEn: string;
  village: string;
  mobile: string | null;
  /** The home Anganwadi (null name when it is another office's AWC). */
  homeAwcCode: string;
  homeAwcName: BilingualText | null;
  ownerOffice: string | null;
  tripId: string;
  status: TripStatusCode;
  departureDate: string;
  departedOn: string | null;
  arrivedOn: string | null;
  returnedOn: string | null;
  expectedReturn: string | null;
  daysAway: number | null;
  destination: Destination | null;
  destinationAwcCode: string | null;
  workSector: WorkSector;
  employer: string | null;
  /** Active members going with the family / staying home. */
  travelling: number;
  stayingHome: number;
  mtsIds: string[];
  flags: number;
}

export interface MigrationList {
  list: MigrationListName;
  today: string;
  overdueDays: number;
  households: MigrationListRow[];
}
