// What `mts-hub status` reports beyond the database counts: each office (keys, last bundle, how far its
// acknowledgements lag behind what the hub holds) and the unrouted households a state officer must route
// by hand. Codes, ids and counts only; never a name or any other personal data.
import { createPublicKey } from 'node:crypto';
import { fingerprintOf } from '../keys/index.ts';
import { highWaterMarks } from './high-water.ts';
import type { HubDatabase } from './store/index.ts';

export interface OfficeReport {
  code: string;
  name: string;
  status: 'enrolled' | 'revoked';
  keys: Array<{ keyId: string; fingerprint: string; revokedAt: string | null }>;
  series: number[];
  /** ISO time of the last bundle imported from it, or null. */
  lastBundle: string | null;
  /** Changes the hub holds above what the office acknowledged, all origins together (an upper bound of
   *  what it still has to receive: changes of other blocks are counted too). */
  acksLag: number;
}

export interface UnroutedHousehold {
  id: string;
  owner: string;
  reason: string;
}

export interface HubReport {
  offices: OfficeReport[];
  unrouted: UnroutedHousehold[];
}

export async function readHubReport(db: HubDatabase): Promise<HubReport> {
  const offices = await db.selectFrom('office').selectAll().orderBy('code').execute();
  const keys = await db.selectFrom('office_key').selectAll().orderBy('created_at').execute();
  const grants = await db.selectFrom('series_grant').select(['office_code', 'series']).orderBy('series').execute();
  const last = await db
    .selectFrom('bundle_seen')
    .select(['from_office', (eb) => eb.fn.max('received_at').as('at')])
    .groupBy('from_office')
    .execute();
  const acks = await db.selectFrom('office_ack').select(['office_code', 'origin', 'counter']).execute();
  const marks = await highWaterMarks(db);
  const unrouted = await db
    .selectFrom('household_route')
    .select(['household_id', 'owner_office', 'unrouted_reason'])
    .where('unrouted_reason', 'is not', null)
    .orderBy('household_id')
    .execute();

  return {
    offices: offices.map((office) => {
      const acked = new Map(acks.filter((ack) => ack.office_code === office.code).map((ack) => [ack.origin, ack.counter]));
      let acksLag = 0;
      for (const [origin, mark] of Object.entries(marks)) acksLag += Math.max(0, mark - (acked.get(origin) ?? 0));
      const at = last.find((row) => row.from_office === office.code)?.at;
      return {
        code: office.code,
        name: office.name_en,
        status: office.status,
        keys: keys
          .filter((key) => key.office_code === office.code)
          .map((key) => ({
            keyId: key.key_id,
            fingerprint: fingerprintOf(createPublicKey({ key: Buffer.from(key.signing_public_key, 'base64'), format: 'der', type: 'spki' })),
            revokedAt: key.revoked_at ? new Date(key.revoked_at).toISOString() : null,
          })),
        series: grants.filter((grant) => grant.office_code === office.code).map((grant) => grant.series),
        lastBundle: at ? new Date(at).toISOString() : null,
        acksLag,
      };
    }),
    unrouted: unrouted.map((row) => ({ id: row.household_id, owner: row.owner_office, reason: row.unrouted_reason! })),
  };
}
