import type { BeneficiaryCategory } from '../registry/types.ts';
import type { Bilingual, ServiceDue } from '../schedule/index.ts';

export type { Bilingual };

/** A work sector value of the registration form (`WORK_SECTOR_OPTIONS`). */
export type WorkSector =
  | 'sugarcane-cutting'
  | 'sugar-factory'
  | 'brick-kiln'
  | 'construction'
  | 'stone-crushing'
  | 'agricultural-labour'
  | 'other';

export interface AwcRef {
  readonly code: string;
  readonly name: Bilingual;
}

export interface HomePlace {
  readonly village: Bilingual;
  readonly block: Bilingual;
  readonly district: Bilingual;
  readonly awc: AwcRef;
}

/** Where the family went. Outside Maharashtra only the state is known. */
export interface Destination {
  readonly state: Bilingual;
  readonly district?: Bilingual | null;
  readonly block?: Bilingual | null;
  /** Village or worksite. */
  readonly place?: Bilingual | null;
}

/** Everything printed on one migration card, already looked up by the caller. Dates are ISO `YYYY-MM-DD`. */
export interface CardView {
  /** 16 digits, printed in groups of four and encoded in the QR code. */
  readonly mtsId: string;
  readonly nameMr: string;
  readonly nameEn: string;
  readonly sex: 'F' | 'M' | 'O';
  readonly dateOfBirth: string | null;
  readonly dobEstimated?: boolean;
  readonly category: BeneficiaryCategory | null;
  /** Only the mask `XXXX XXXX 1234`, or null. Anything else is refused. */
  readonly maskedAadhaar: string | null;
  readonly home: HomePlace;
  readonly destination: Destination | null;
  readonly workSector: WorkSector | null;
  /** JPEG or PNG bytes of the beneficiary's photo, when one is on record. */
  readonly photo?: Uint8Array | null;
  readonly validUntil: string;
}

export interface FamilyMemberView {
  readonly mtsId: string;
  readonly nameMr: string;
  readonly nameEn: string;
  readonly sex: 'F' | 'M' | 'O';
  readonly dateOfBirth: string | null;
  readonly dobEstimated?: boolean;
  readonly category: BeneficiaryCategory | null;
  /** Latest nutrition status as a label (e.g. SAM / MAM / normal), with the measurement date; null if none. */
  readonly nutrition: { readonly label: Bilingual; readonly measuredOn: string } | null;
  /** From `servicesDue(...)`; the sheet prints the overdue and due ones, and the next upcoming few. */
  readonly services: readonly ServiceDue[];
  /** The latest services given (newest first) with their dates; the sheet prints them under "given". */
  readonly given?: readonly { readonly label: Bilingual; readonly date: string }[];
}

/** The A5 family sheet handed to the Anganwadi worker at the destination. */
export interface FamilySheetView {
  readonly headNameMr: string;
  readonly headNameEn: string;
  readonly contactNumber: string | null;
  readonly home: HomePlace;
  /** Contact at the home AWC, so the destination worker can ask about history. */
  readonly sourceAwcContact: { readonly workerName: Bilingual; readonly phone: string | null };
  readonly destination: Destination | null;
  readonly workSector: WorkSector | null;
  readonly employer: string | null;
  readonly departureDate: string | null;
  readonly expectedReturn: string | null;
  readonly members: readonly FamilyMemberView[];
  readonly printedOn: string;
  readonly issuingOffice: Bilingual;
}
