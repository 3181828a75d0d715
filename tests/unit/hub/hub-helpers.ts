// Offices for the hub tests without a whole office app: real Ed25519 and age keys, a real signed enrolment
// request, and real bundles of hand-made changes (the office-to-hub tests with real office databases are
// in flow.test.ts). Plus a dump of every hub table, to prove that a refusal changed nothing.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { officeSchemaVersion } from '../../../src-main/hub/office-schema.ts';
import type { HubDatabase } from '../../../src-main/hub/store/index.ts';
import {
  ChunkAssembler,
  createEncryptionKeys,
  decodeChangesPayload,
  encodeChangesPayload,
  keyIdOf,
  rangesOf,
  splitIntoChunks,
  writeEnrolRequest,
  type BundleChange,
  type BundleHeader,
  type ChangesPayload,
  type ChangeRange,
} from '../../../src-main/sync/index.ts';

export interface FakeOffice {
  readonly code: string;
  readonly districtLgd: number;
  readonly blockName: string;
  readonly series: number;
  readonly epoch: string;
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly identity: string;
  readonly recipient: string;
}

export async function fakeOffice(code: string, districtLgd: number, blockName: string, options: { series?: number; epoch?: string } = {}): Promise<FakeOffice> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { identity, recipient } = await createEncryptionKeys();
  return {
    code,
    districtLgd,
    blockName,
    series: options.series ?? 1,
    epoch: options.epoch ?? randomUUID(),
    signingKey: privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    identity,
    recipient,
  };
}

export function enrolRequestOf(office: FakeOffice, overrides: { series?: number; epoch?: string } = {}): string {
  return writeEnrolRequest(
    {
      officeCode: office.code,
      districtLgd: office.districtLgd,
      blockName: office.blockName,
      nameMr: `कार्यालय ${office.code}`,
      nameEn: `Office ${office.code}`,
      series: overrides.series ?? office.series,
      epoch: overrides.epoch ?? office.epoch,
      schemaVersion: officeSchemaVersion(),
      signingPublicKey: office.publicKey,
      ageRecipient: office.recipient,
      createdAt: '2026-12-03T08:00:00.000Z',
    },
    office.signingKey,
  );
}

let clock = 1_764_750_000_000;

/** A change as an office writes it, with a fresh HLC of `node`. */
export function change(origin: string, counter: number, entity: string, entityId: string, data: Record<string, unknown>, op: 'insert' | 'update' = 'insert'): BundleChange {
  clock += 1;
  return { origin, counter, hlc: `${String(clock).padStart(15, '0')}.00000.${origin}`, entity, entityId, op, data: JSON.stringify(data) };
}

export interface OfficeBundleOptions {
  acks?: Record<string, number>;
  epoch?: string;
  schemaVersion?: number;
  to?: string;
  maxBytes?: number;
  signingKey?: KeyObject;
  ranges?: ChangeRange[];
}

/** A `changes` bundle from the office to the hub, as exportChanges would write it. */
export async function officeBundle(office: FakeOffice, hub: Hub, changes: BundleChange[], options: OfficeBundleOptions = {}): Promise<Uint8Array[]> {
  const sorted = [...changes].sort((a, b) => (a.origin !== b.origin ? (a.origin < b.origin ? -1 : 1) : a.counter - b.counter));
  const acks = options.acks ?? {};
  return splitIntoChunks(
    {
      kind: 'changes',
      from: { office: office.code, series: office.series },
      to: options.to ?? 'hub',
      schemaVersion: options.schemaVersion ?? officeSchemaVersion(),
      epoch: options.epoch ?? office.epoch,
      ranges: options.ranges ?? rangesOf(sorted),
      acks,
      payload: encodeChangesPayload({ changes: sorted, acks }),
      signingKey: options.signingKey ?? office.signingKey,
      recipients: [hub.keys.ageRecipient],
    },
    options.maxBytes,
  );
}

/** Opens a hub bundle as the office would: authenticated with the hub's key, decrypted with the office's. */
export async function openHubBundle(hub: Hub, office: FakeOffice, files: readonly Uint8Array[]): Promise<{ header: BundleHeader; payload: ChangesPayload }> {
  const trustedKeys = new Map([[hub.keys.keyId, { office: 'hub', publicKey: hub.keys.signingPublicKey }]]);
  const assembler = new ChunkAssembler({ trustedKeys, expectedRecipient: office.code, identity: office.identity });
  for (const file of files) await assembler.add(file);
  const { header, payload } = assembler.open();
  return { header, payload: decodeChangesPayload(payload, header) };
}

/** Every row of every hub table, in a fixed order: equal dumps mean nothing changed. */
export async function dumpHub(db: HubDatabase): Promise<string> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    out[name] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(out);
}

/** The Pawar household of a fake office: household, two members, a measurement and a trip. */
export function family(origin: string, first: number, ids: { household: string; awc: string; trip?: Record<string, unknown> | null }): BundleChange[] {
  const h = ids.household;
  const changes = [
    change(origin, first, 'household', h, { id: h, awc_code: ids.awc, head_name_en: 'Ramdas Pawar', village: 'Molgi' }),
    change(origin, first + 1, 'beneficiary', `${h}-b1`, { id: `${h}-b1`, household_id: h, name_en: 'Sunita Pawar', sex: 'f' }),
    change(origin, first + 2, 'beneficiary', `${h}-b2`, { id: `${h}-b2`, household_id: h, name_en: 'Ganesh Pawar', sex: 'm' }),
    change(origin, first + 3, 'measurement', `${h}-m1`, { id: `${h}-m1`, beneficiary_id: `${h}-b2`, weight_kg: 8.1 }),
  ];
  if (ids.trip !== null) {
    changes.push(
      change(origin, first + 4, 'migration', `${h}-t1`, {
        id: `${h}-t1`,
        household_id: h,
        departure_date: '2026-11-20',
        destination_state: 'MH',
        destination_district_lgd: 470,
        destination_block: 'Parli',
        ...(ids.trip ?? {}),
      }),
    );
  }
  return changes;
}

export function awcChange(origin: string, counter: number, code: string): BundleChange {
  return change(origin, counter, 'awc', code, { code, name_mr: `अंगणवाडी ${code}`, name_en: `AWC ${code}`, village: 'Molgi', sector: 'Sector 1' });
}
