import { randomBytes } from 'node:crypto';
import type { AwcRecord } from '../office/awc-csv.ts';
import { MtsIdIssuer } from '../registry/id-issuer.ts';
import type { Store } from '../store/database.ts';
import type { WriteBatch } from '../store/write.ts';
import { generateOffice, type SeedData } from './generate.ts';

export { generateOffice, type SeedData, type SeedOptions } from './generate.ts';

export interface SeedRequest {
  officeCode: string;
  series: number;
  districtLgd: number;
  households: number;
  createdBy: string | null;
  seed?: number;
  today?: Date;
}

/**
 * Writes a generated office through the bulk write path (change log and audit included), inside the
 * caller's transaction. Existing AWCs are reused; new ones are made only when the office has none. On an
 * office that already has households it adds more: MTS IDs continue the series, record ids are salted so
 * they never collide, and without an explicit seed the new families differ from those already there.
 */
export function seedOffice(store: Store, batch: WriteBatch, request: SeedRequest): SeedData {
  const existingHouseholds = Number(
    store.first(store.db.selectFrom('household').select((eb) => eb.fn.countAll().as('n')))?.n ?? 0,
  );
  const issuer = new MtsIdIssuer(request.officeCode, request.series, store);
  const existingAwcs = store.all(store.db.selectFrom('awc').selectAll().where('active', '=', 1)).map(
    (awc): AwcRecord => ({
      code: awc.code,
      name_mr: awc.name_mr,
      name_en: awc.name_en,
      village: awc.village,
      sector: awc.sector,
      worker_name: awc.worker_name,
      worker_mobile: awc.worker_mobile,
    }),
  );
  const data = generateOffice({
    officeCode: request.officeCode,
    districtLgd: request.districtLgd,
    households: request.households,
    seed: request.seed ?? (existingHouseholds === 0 ? undefined : 2714 + existingHouseholds),
    idSalt: randomBytes(16),
    today: request.today,
    createdBy: request.createdBy,
    nextMtsId: () => issuer.next(),
    awcs: existingAwcs,
  });
  const reason = `seeded ${request.households} households`;
  if (existingAwcs.length === 0) batch.insertMany('awc', data.awcs, reason);
  batch.insertMany('household', data.households, reason);
  batch.insertMany('beneficiary', data.beneficiaries, reason);
  batch.insertMany('measurement', data.measurements, reason);
  batch.insertMany('migration', data.migrations, reason);
  batch.insertMany('migration_event', data.migrationEvents, reason);
  issuer.commit(batch);
  return data;
}

/** The "demo office" choice at first run: a small office to try the app with. */
export function seedDemoOffice(store: Store, batch: WriteBatch, request: SeedRequest): void {
  seedOffice(store, batch, request);
}
