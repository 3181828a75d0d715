// Row types of the SQLite schema in migrations/, as kysely sees them. Keep in step with the SQL files.
import type { Generated } from 'kysely';

export interface OfficeTable {
  code: string;
  district_lgd: number;
  block_name: string;
  name_mr: string;
  name_en: string;
  created_at: string;
  updated_hlc: string;
}

export interface InstallationTable {
  series: number;
  opened_at: string;
  reason: 'setup' | 'restore' | 're-enrolment';
  next_serial: Generated<number>;
  updated_hlc: string;
  /** Random UUID of this installation (migration 0008; set by a trigger on insert); named in sync bundles. */
  epoch: Generated<string | null>;
}

export type Role = 'operator' | 'supervisor' | 'admin';
export type Language = 'mr' | 'en';

export interface OperatorTable {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  language: Generated<Language>;
  active: Generated<0 | 1>;
  must_change_password: Generated<0 | 1>;
  created_at: string;
  updated_hlc: string;
}

export interface AwcTable {
  code: string;
  name_mr: string;
  name_en: string;
  village: string;
  sector: string;
  worker_name: string | null;
  worker_mobile: string | null;
  active: Generated<0 | 1>;
  updated_hlc: string;
}

export interface HouseholdTable {
  id: string;
  awc_code: string;
  head_name_mr: string;
  head_name_en: string;
  mobile: string | null;
  village: string;
  social_category: string;
  head_aadhaar_last4: string | null;
  /** 16-bit keyed bucket, 4 hex digits (identity/README.md); never a full-length hash. */
  head_aadhaar_bucket: string | null;
  head_aadhaar_sealed: string | null;
  pan: string | null;
  ration_card: string | null;
  voter_id: string | null;
  job_card: string | null;
  status: Generated<'active' | 'deactivated'>;
  status_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
  head_name_key: Generated<string>;
}

export interface BeneficiaryTable {
  id: string;
  household_id: string;
  mts_id: string;
  name_mr: string;
  name_en: string;
  sex: 'f' | 'm' | 'o';
  dob: string;
  dob_estimated: Generated<0 | 1>;
  relation: string;
  lmp_date: string | null;
  delivery_date: string | null;
  aadhaar_last4: string | null;
  /** 16-bit keyed bucket, 4 hex digits (identity/README.md); never a full-length hash. */
  aadhaar_bucket: string | null;
  aadhaar_sealed: string | null;
  status: Generated<'active' | 'deactivated'>;
  status_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
  name_key: Generated<string>;
  /** Migration 0010. */
  rch_id: string | null;
  exit_reason: 'died' | 'left' | null;
  exit_date: string | null;
  birth_weight_kg: number | null;
  birth_place: 'institution' | 'home' | 'other' | null;
  mother_id: string | null;
}

export interface MeasurementTable {
  id: string;
  beneficiary_id: string;
  measured_on: string;
  weight_kg: number | null;
  length_cm: number | null;
  measure: 'l' | 'h' | null;
  muac_mm: number | null;
  oedema: Generated<0 | 1>;
  voided: Generated<0 | 1>;
  void_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
}

export type WorkSector =
  | 'sugarcane_cutting'
  | 'sugar_factory'
  | 'brick_kiln'
  | 'construction'
  | 'stone_crushing'
  | 'agricultural_labour'
  | 'other';

export type MigrationStatus = 'planned' | 'departed' | 'arrived' | 'returned' | 'not_found';

export interface MigrationTable {
  id: string;
  household_id: string;
  departure_date: string;
  destination_state: string;
  destination_district_lgd: number | null;
  destination_block: string | null;
  destination_place: string | null;
  work_sector: WorkSector;
  employer: string | null;
  expected_return: string | null;
  /** No longer written (migration 0010): a trip's status is rebuilt from its events. */
  status: Generated<MigrationStatus>;
  status_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
  /** JSON array of the ids of members who stay home (migration 0010). */
  staying_home: Generated<string>;
  office_code: string | null;
}

export type MigrationEventKind = 'departed' | 'arrived' | 'moved' | 'returned' | 'not-found';

/** What happened on a trip (migration 0010). Append-only; voided with a reason. */
export interface MigrationEventTable {
  id: string;
  migration_id: string;
  household_id: string;
  event: MigrationEventKind;
  event_date: string;
  destination_state: string | null;
  destination_district_lgd: number | null;
  destination_block: string | null;
  destination_place: string | null;
  awc_code: string | null;
  reason: string | null;
  note: string | null;
  office_code: string;
  voided: Generated<0 | 1>;
  void_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
}

export type ServiceSource = 'given' | 'mcp-card' | 'reported';
export type ServicePlace = 'office' | 'awc' | 'elsewhere';

/** A service given to a beneficiary (migration 0010). Append-only; voided with a reason. */
export interface ServiceTable {
  id: string;
  beneficiary_id: string;
  service: string;
  given_on: string;
  source: ServiceSource;
  place: ServicePlace;
  awc_code: string | null;
  office_code: string;
  quantity: number | null;
  for_month: string | null;
  detail: string | null;
  note: string | null;
  voided: Generated<0 | 1>;
  void_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_hlc: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_hlc: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  operator_id: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface ChangeLogTable {
  origin: string;
  counter: number;
  hlc: string;
  entity: string;
  entity_id: string;
  op: 'insert' | 'update';
  data: string;
}

export interface StateKeyTable {
  id: number;
  file: string;
  fingerprint: string;
  issued_at: string;
  imported_at: string;
  imported_by: string | null;
}

export type PrintLayout = 'a4-sheet' | 'cr80' | 'family-sheet' | 'blank-form' | 'filled-form';

export interface PrintJobTable {
  id: string;
  printed_at: string;
  printed_by: string | null;
  layout: PrintLayout;
  reason: string | null;
  count: number;
  household_id: string | null;
  updated_hlc: string;
}

export interface CardPrintTable {
  id: string;
  job_id: string;
  beneficiary_id: string;
  version: number;
  updated_hlc: string;
}

export interface FormVerificationTable {
  household_id: string;
  status: 'unverified' | 'mismatch' | 'verified';
  first_operator: string;
  first_entry: string;
  member_ids: string;
  second_operator: string | null;
  second_entry: string | null;
  fields_compared: number | null;
  created_at: string;
  verified_at: string | null;
  verified_by: string | null;
}

export interface KeyingErrorTable {
  id: string;
  household_id: string;
  operator_id: string;
  field: string;
  at: string;
}

export interface BeneficiaryPhotoTable {
  beneficiary_id: string;
  // A Buffer at run time; typed as Uint8Array so the renderer can type-check this file without Node.
  jpeg: Uint8Array;
  taken_at: string;
  updated_hlc: string;
}

/** Failed log-in/unlock attempts per login (migration 0007); local to this PC, never replicated. */
export interface LoginThrottleTable {
  login_key: string;
  failures: number;
  blocked_until: string | null;
}

/** Sync (migration 0008): local to this PC, never replicated. */
export interface SyncPeerTable {
  peer: string;
  key_id: string;
  public_key: string;
  age_recipient: string;
  added_at: string;
  revoked_at: string | null;
  last_epoch: string | null;
}

export interface SyncPeerAckTable {
  peer: string;
  origin: string;
  high_water: number;
}

export interface SyncAppliedTable {
  origin: string;
  high_water: number;
}

export type SyncHeldTable = ChangeLogTable;

export interface SyncBundleTable {
  bundle_id: string;
  direction: 'in' | 'out';
  peer: string;
  at: string;
  changes: number;
  applied: number;
  held: number;
  skipped: number;
  outcome: string;
}

/** Migration 0009: ranges a bundle covered that wait for an earlier gap to close. */
export interface SyncHeldRangeTable {
  origin: string;
  from_counter: number;
  to_counter: number;
}

export interface SyncRevocationTable {
  key_id: string;
  office: string;
  revoked_at: string;
  received_at: string;
}

/** Migration 0009: an identity edit made by another office, for the owner office to decide. */
export interface CorrectionTable {
  id: Generated<number>;
  origin: string;
  counter: number;
  hlc: string;
  entity: 'household' | 'beneficiary';
  entity_id: string;
  household_id: string;
  field: string;
  proposed_value: string | null;
  status: 'pending' | 'accepted' | 'rejected' | 'superseded';
  decided_at: string | null;
  decided_by: string | null;
}

/** Migration 0009: the hub's answers to this office's enrolment requests. */
export interface SyncEnrolmentTable {
  bundle_id: string;
  certificate: string;
  key_id: string;
  hub_key_id: string;
  series: number;
  enrolled_at: string;
}

/** Migration 0009: written only by the hub (changes of origin hub-NNN). */
export interface HouseholdRouteTable {
  household_id: string;
  owner_office: string;
  destination_office: string | null;
  routed_by_hand: number;
  updated_hlc: string;
}

export interface DuplicateNoticeTable {
  id: string;
  household_id: string;
  entity: 'household' | 'beneficiary';
  entity_id: string;
  other_office: string;
  other_household_id: string;
  other_entity: 'household' | 'beneficiary';
  other_entity_id: string;
  other_mts_id: string | null;
  found_at: string;
  updated_hlc: string;
}

export interface FieldClockTable {
  entity: string;
  entity_id: string;
  field: string;
  hlc: string;
  origin: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

/** A row only while an import transaction defers the beneficiary name index (migration 0012). */
export interface NameSearchDeferredTable {
  id: number;
}

/**
 * A half-keyed form of one operator on this PC (migration 0013). Not replicated: a draft never leaves the
 * PC and needs no audit trail; `payload` is JSON `{ version, form, dropped }` without any Aadhaar number.
 */
export interface DraftTable {
  id: string;
  operator_id: string;
  kind: 'registration' | 'add-member';
  payload: string;
  created_at: string;
  updated_at: string;
}

export interface Schema {
  office: OfficeTable;
  installation: InstallationTable;
  operator: OperatorTable;
  awc: AwcTable;
  household: HouseholdTable;
  beneficiary: BeneficiaryTable;
  measurement: MeasurementTable;
  migration: MigrationTable;
  migration_event: MigrationEventTable;
  service: ServiceTable;
  setting: SettingTable;
  audit_log: AuditLogTable;
  change_log: ChangeLogTable;
  state_key: StateKeyTable;
  print_job: PrintJobTable;
  card_print: CardPrintTable;
  form_verification: FormVerificationTable;
  keying_error: KeyingErrorTable;
  beneficiary_photo: BeneficiaryPhotoTable;
  login_throttle: LoginThrottleTable;
  sync_peer: SyncPeerTable;
  sync_peer_ack: SyncPeerAckTable;
  sync_applied: SyncAppliedTable;
  sync_held: SyncHeldTable;
  sync_bundle: SyncBundleTable;
  sync_held_range: SyncHeldRangeTable;
  sync_revocation: SyncRevocationTable;
  correction: CorrectionTable;
  sync_enrolment: SyncEnrolmentTable;
  household_route: HouseholdRouteTable;
  duplicate_notice: DuplicateNoticeTable;
  field_clock: FieldClockTable;
  name_search_deferred: NameSearchDeferredTable;
  draft: DraftTable;
  schema_migration: SchemaMigrationTable;
}

/** Tables whose rows are replicated through the change log, keyed by their primary-key column. */
export const REPLICATED_TABLES = {
  office: 'code',
  installation: 'series',
  operator: 'id',
  awc: 'code',
  household: 'id',
  beneficiary: 'id',
  measurement: 'id',
  migration: 'id',
  migration_event: 'id',
  service: 'id',
  setting: 'key',
  print_job: 'id',
  card_print: 'id',
  beneficiary_photo: 'beneficiary_id',
  household_route: 'household_id',
  duplicate_notice: 'id',
} as const satisfies Partial<Record<keyof Schema, string>>;

export type ReplicatedTable = keyof typeof REPLICATED_TABLES;

/**
 * Columns of replicated tables that are secrets: they are written to their table but never to the change log
 * (which sync carries off this PC, DESIGN §6) and appear in the audit trail only as "[protected]".
 */
export const SECRET_COLUMNS: { readonly [T in ReplicatedTable]?: readonly (keyof Schema[T] & string)[] } = {
  operator: ['password_hash'],
};
