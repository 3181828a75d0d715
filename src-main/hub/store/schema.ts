// Row types of the hub database (src-main/hub/migrations/), for kysely. Both backends return the same
// JavaScript values: bigint columns as numbers (see connection.ts), timestamptz as Date, jsonb parsed,
// uuid as text.
import type { ColumnType, Generated } from 'kysely';

/** Read as a Date; written as a Date or an ISO-8601 string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A jsonb column: read parsed; written as JSON text (`JSON.stringify`), because node-postgres would turn a
 * JavaScript array into a PostgreSQL array literal instead of JSON.
 */
export type Json = ColumnType<JsonValue, string, string>;

export type OfficeStatus = 'enrolled' | 'revoked';
export type ChangeOp = 'insert' | 'update' | 'delete';
export type BundleKind = 'changes' | 'acks' | 'enrolment' | 'keys' | 'snapshot';
export type BundleOutcome = 'applied' | 'held';

export interface OfficeTable {
  code: string;
  district_lgd: number;
  block_name: string;
  name_mr: string;
  name_en: string;
  status: Generated<OfficeStatus>;
  enrolled_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Epoch of the office installation that sent its last bundle (migration 0003). */
  last_epoch: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OfficeKeyTable {
  key_id: string;
  office_code: string;
  /** Ed25519 public key, SPKI DER in base64. */
  signing_public_key: string;
  /** age X25519 recipient, `age1…`. */
  age_recipient: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SeriesGrantTable {
  office_code: string;
  series: number;
  granted_at: Timestamp;
  /** The installation the series was granted to (migration 0003; null for older grants). */
  epoch: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ChangeTable {
  /** `OFFICE-SERIES` (`2714-001`) or `hub-SERIES`. */
  origin: string;
  counter: number;
  hlc: string;
  entity: string;
  entity_id: string;
  op: ChangeOp;
  data: Json;
  received_at: ColumnType<Date, Date | string | undefined, never>;
  bundle_id: string | null;
}

export interface OfficeAckTable {
  office_code: string;
  origin: string;
  counter: number;
  updated_at: Timestamp;
}

export interface BundleSeenTable {
  bundle_id: string;
  from_office: string;
  kind: BundleKind;
  received_at: Timestamp;
  outcome: BundleOutcome;
  change_count: Generated<number>;
}

export interface HouseholdRouteTable {
  household_id: string;
  owner_office: string;
  destination_office: string | null;
  unrouted_reason: string | null;
  routed_by_hand: Generated<boolean>;
  updated_at: Timestamp;
  /** Migration 0003. */
  awc_code: ColumnType<string | null, string | null | undefined, string | null>;
  trip_id: ColumnType<string | null, string | null | undefined, string | null>;
  hand_trip_id: ColumnType<string | null, string | null | undefined, string | null>;
  route_counter: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface HubInstallationTable {
  id: number;
  epoch: string;
  created_at: Timestamp;
  last_hlc: string | null;
}

export interface OriginHighWaterTable {
  origin: string;
  counter: number;
}

export interface RecordHouseholdTable {
  entity: string;
  entity_id: string;
  household_id: string | null;
  beneficiary_id: string | null;
}

export interface UnlinkedChangeTable {
  origin: string;
  counter: number;
  entity: string;
  entity_id: string;
}

export interface ChangeHouseholdTable {
  origin: string;
  counter: number;
  household_id: string;
}

export interface HubSchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface HubSchema {
  office: OfficeTable;
  office_key: OfficeKeyTable;
  series_grant: SeriesGrantTable;
  change: ChangeTable;
  office_ack: OfficeAckTable;
  bundle_seen: BundleSeenTable;
  household_route: HouseholdRouteTable;
  hub_installation: HubInstallationTable;
  origin_high_water: OriginHighWaterTable;
  record_household: RecordHouseholdTable;
  change_household: ChangeHouseholdTable;
  unlinked_change: UnlinkedChangeTable;
  hub_schema_migration: HubSchemaMigrationTable;
}
