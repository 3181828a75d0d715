// Property: three block offices and the real hub. Offices register families going to each other's blocks
// (or to no enrolled block), edit them, measure children, and export whenever they like; the hub exports
// to each office; a courier loses, duplicates, delays and reorders every bundle; owners decide the
// corrections other offices proposed. After a final round of exchanges every office holds exactly the
// households the hub routes to it, each record equal in every office that holds it and made of the same
// changes as at the hub; acks never go down; importing any delivered bundle again changes nothing.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decideCorrection, enrolRequest, exportChanges, importBundle, listCorrections } from '../../../src-main/exchange/index.ts';
import { enrolOffice } from '../../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../../src-main/hub/export.ts';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../../src-main/hub/import.ts';
import { initHubKeys, type HubKeys } from '../../../src-main/hub/keys.ts';
import type { OfficeData } from '../../../src-main/office/service.ts';
import { ADMIN as OFFICE_ADMIN, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { dumpDatabase, openOffice, TEST_OFFICES } from '../sync/exchange-helpers.ts';
import { describeOnEachBackend } from './backends.ts';
import { dumpHub } from './hub-helpers.ts';

const OFFICES = {
  A: { code: '2714', awc: '27271400001' },
  B: { code: '4712', awc: '27047500001' },
  C: { code: '3021', awc: '27302100001' },
} as const;
type Side = keyof typeof OFFICES;
const SIDES: readonly Side[] = ['A', 'B', 'C'];
const FIELDS = ['village', 'mobile', 'head_name_en'] as const;
const VALUES = ['Molgi', 'Parli', 'Beed', '9823000001', '9823000002', 'Ramdas Pawar', 'R. V. Pawar'] as const;
const ACTOR = { operatorId: null };

type Step =
  | { kind: 'register'; at: Side; to: Side | 'nowhere' }
  | { kind: 'edit'; at: Side; pick: number; field: (typeof FIELDS)[number]; value: string }
  | { kind: 'measure'; at: Side; pick: number }
  | { kind: 'export'; from: Side }
  | { kind: 'hub-export'; to: Side }
  | { kind: 'courier'; pick: number; mode: 'deliver' | 'duplicate' | 'lose' }
  | { kind: 'decide'; at: Side; accept: boolean };

const side = fc.constantFrom<Side>(...SIDES);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), at: side, to: fc.constantFrom<Side | 'nowhere'>('A', 'B', 'C', 'nowhere') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: side, pick: fc.nat(), field: fc.constantFrom(...FIELDS), value: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('measure' as const), at: side, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('export' as const), from: side }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hub-export' as const), to: side }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('courier' as const), pick: fc.nat(), mode: fc.constantFrom('deliver' as const, 'duplicate' as const, 'lose' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), at: side, accept: fc.boolean() }) },
);

interface Parcel {
  to: 'hub' | Side;
  files: Uint8Array[];
}

let keysDir = '';
let keys: HubKeys;
const made: string[] = [];
const requests = new Map<Side, string>();
const templates = new Map<Side, string>();

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function officeOf(sideName: Side): Promise<TestOffice> {
  return openOffice(tempDir(`mts-prop-${sideName}-`), OFFICES[sideName].code, { stateKeyFile: keys.stateKeyFile });
}

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'mts-prop-hub-keys-'));
  made.push(keysDir);
  keys = await initHubKeys(keysDir, {});
}, 60_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A family of three: no Aadhaar, its own village, so registrations never look like duplicates. */
function registration(sideName: Side, to: Side | 'nowhere', serial: number) {
  const destination = to === 'nowhere' ? { district: 470, block: 'Nowhere' } : { district: TEST_OFFICES[OFFICES[to].code].districtLgd, block: TEST_OFFICES[OFFICES[to].code].blockName };
  return {
    awc: OFFICES[sideName].awc,
    headNameMr: 'रामदास विठ्ठल पवार',
    headNameEn: 'Ramdas Vitthal Pawar',
    contactNumber: `98230${String(serial).padStart(5, '0')}`,
    nativeVillage: `Gaon ${sideName}${serial}`,
    socialCategory: 'ST' as const,
    members: [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F' as const, dateOfBirth: '1998-03-14', relation: 'spouse' as const },
      { nameMr: 'गणेश रामदास पवार', nameEn: 'Ganesh Ramdas Pawar', sex: 'M' as const, dateOfBirth: daysAgo(700), relation: 'son' as const },
    ],
    migration: {
      departureDate: daysAgo(10),
      destinationState: 'MH',
      destinationDistrict: destination.district,
      destinationBlock: destination.block,
      destinationPlace: 'Sugar factory',
      workSector: 'sugar-factory' as const,
      employer: 'Mukadam',
      expectedReturn: daysAgo(-150),
    },
  };
}

function households(data: OfficeData): string[] {
  return data.store.all(data.store.db.selectFrom('household').select('id').orderBy('id')).map((row) => row.id);
}

function recordOf(data: OfficeData, householdId: string) {
  const { store } = data;
  return {
    household: store.first(store.db.selectFrom('household').select([...FIELDS, 'head_name_mr', 'awc_code', 'status']).where('id', '=', householdId)),
    members: store.all(store.db.selectFrom('beneficiary').select(['id', 'name_en', 'mts_id']).where('household_id', '=', householdId).orderBy('id')),
    measurements: store.all(
      store.db.selectFrom('measurement').innerJoin('beneficiary', 'beneficiary.id', 'measurement.beneficiary_id').select('measurement.id').where('beneficiary.household_id', '=', householdId).orderBy('measurement.id'),
    ),
    trips: store.all(store.db.selectFrom('migration').select(['id', 'status', 'destination_block']).where('household_id', '=', householdId).orderBy('id')),
  };
}

function acks(data: OfficeData): Map<string, number> {
  return new Map(data.store.all(data.store.db.selectFrom('sync_peer_ack').select(['origin', 'high_water'])).map((row) => [row.origin, row.high_water]));
}

describeOnEachBackend('three offices and the hub under a lossy, duplicating, reordering courier', (backend) => {
  it('every office holds exactly its routed households, equal everywhere and to the hub; acks only grow; re-imports change nothing', async () => {
    // Offices set up and enrolled once; each run copies their folders and enrols them in a fresh hub.
    if (templates.size === 0) {
      const hub: Hub = { db: await backend.fresh(), keys };
      for (const sideName of SIDES) {
        const office = await officeOf(sideName);
        const request = await enrolRequest(office.data);
        await importBundle(office.data, [(await enrolOffice(hub, request.text)).bundle], ACTOR);
        requests.set(sideName, request.text);
        office.close();
        templates.set(sideName, office.data.dataDir);
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 30 }), fc.boolean(), async (steps, acceptAtEnd) => {
        const hub: Hub = { db: await backend.fresh(), keys };
        for (const sideName of SIDES) await enrolOffice(hub, requests.get(sideName)!);
        const dirs = Object.fromEntries(
          SIDES.map((sideName) => {
            const dir = tempDir('mts-prop-run-');
            cpSync(templates.get(sideName)!, dir, { recursive: true });
            return [sideName, dir];
          }),
        ) as Record<Side, string>;
        const opened = {} as Record<Side, TestOffice>;
        for (const sideName of SIDES) {
          opened[sideName] = await openTestOffice(dirs[sideName], { setUp: false });
          await opened[sideName].call('session.login', { username: OFFICE_ADMIN.username, password: OFFICE_ADMIN.password });
        }
        const offices = Object.fromEntries(SIDES.map((sideName) => [sideName, opened[sideName].data])) as Record<Side, OfficeData>;
        const queue: Parcel[] = [];
        const delivered: { to: 'hub' | Side; files: Uint8Array[] }[] = [];
        const lastAcks = Object.fromEntries(SIDES.map((sideName) => [sideName, new Map<string, number>()])) as Record<Side, Map<string, number>>;
        let serial = 0;

        const deliver = async (parcel: Parcel) => {
          if (parcel.to === 'hub') {
            await importOfficeBundle(hub, parcel.files);
          } else {
            await importBundle(offices[parcel.to], parcel.files, ACTOR);
            const now = acks(offices[parcel.to]);
            for (const [origin, mark] of lastAcks[parcel.to]) expect(now.get(origin) ?? 0).toBeGreaterThanOrEqual(mark);
            lastAcks[parcel.to] = now;
          }
          delivered.push(parcel);
        };
        const decideAll = (sideName: Side, accept: boolean) => {
          for (let pending = listCorrections(offices[sideName]); pending.length > 0; pending = listCorrections(offices[sideName])) {
            decideCorrection(offices[sideName], ACTOR, pending[0]!.id, accept ? 'accept' : 'reject');
          }
        };
        const exchangeAll = async () => {
          for (let round = 0; round < 2; round++) {
            for (const sideName of SIDES) await deliver({ to: 'hub', files: (await exportChanges(offices[sideName], 'hub')).files });
            for (const sideName of SIDES) await deliver({ to: sideName, files: (await exportForOffice(hub, OFFICES[sideName].code)).files });
          }
        };

        try {
          for (const s of steps) {
            switch (s.kind) {
              case 'register': {
                serial += 1;
                await opened[s.at].call('registry.saveHousehold', registration(s.at, s.to, serial));
                break;
              }
              case 'edit': {
                const list = households(offices[s.at]);
                if (list.length === 0) break;
                offices[s.at].writer.write(ACTOR, (batch) => batch.update('household', list[s.pick % list.length]!, { [s.field]: s.value }));
                break;
              }
              case 'measure': {
                const children = offices[s.at].store.all(offices[s.at].store.db.selectFrom('beneficiary').select('id').where('relation', '=', 'son').orderBy('id'));
                if (children.length === 0) break;
                offices[s.at].writer.write(ACTOR, (batch) => {
                  batch.insert('measurement', {
                    id: randomUUID(),
                    beneficiary_id: children[s.pick % children.length]!.id,
                    measured_on: daysAgo(0),
                    weight_kg: 9,
                    length_cm: 78,
                    measure: 'l',
                    muac_mm: 121,
                    created_at: new Date().toISOString(),
                    created_by: null,
                  });
                });
                break;
              }
              case 'export':
                queue.push({ to: 'hub', files: (await exportChanges(offices[s.from], 'hub')).files });
                break;
              case 'hub-export':
                queue.push({ to: s.to, files: (await exportForOffice(hub, OFFICES[s.to].code)).files });
                break;
              case 'decide':
                decideAll(s.at, s.accept);
                break;
              case 'courier': {
                if (queue.length === 0) break;
                const index = s.pick % queue.length;
                const parcel = queue[index]!;
                if (s.mode !== 'duplicate') queue.splice(index, 1);
                if (s.mode !== 'lose') await deliver(parcel);
                break;
              }
            }
          }
          // Late post arrives in reverse order; then offices and hub exchange until everything is across,
          // owners decide every correction that reached them, and the decisions travel too.
          for (const parcel of queue.reverse()) await deliver(parcel);
          await exchangeAll();
          for (const sideName of SIDES) decideAll(sideName, acceptAtEnd);
          await exchangeAll();

          const routes = await hub.db.selectFrom('household_route').select(['household_id', 'owner_office', 'destination_office']).execute();
          for (const sideName of SIDES) {
            const code = OFFICES[sideName].code;
            const expected = routes.filter((route) => route.owner_office === code || route.destination_office === code).map((route) => route.household_id).sort();
            expect(households(offices[sideName])).toEqual(expected);
            expect(listCorrections(offices[sideName])).toEqual([]);
            expect(offices[sideName].store.all(offices[sideName].store.db.selectFrom('sync_held').selectAll())).toEqual([]);
          }
          for (const route of routes) {
            const holders = SIDES.filter((sideName) => [route.owner_office, route.destination_office].includes(OFFICES[sideName].code));
            const records = holders.map((sideName) => recordOf(offices[sideName], route.household_id));
            for (const record of records) expect(record).toEqual(records[0]);
            // The changes that made it are the hub's changes of that household, one for one.
            const atHub = await hub.db
              .selectFrom('change')
              .innerJoin('change_household', (join) => join.onRef('change_household.origin', '=', 'change.origin').onRef('change_household.counter', '=', 'change.counter'))
              .select(['change.origin', 'change.counter', 'change.hlc'])
              .where('change_household.household_id', '=', route.household_id)
              .where('change.entity', 'in', ['household', 'beneficiary', 'measurement', 'migration'])
              .orderBy('change.origin')
              .orderBy('change.counter')
              .execute();
            for (const sideName of holders) {
              const { store } = offices[sideName];
              const ids = [route.household_id, ...recordOf(offices[sideName], route.household_id).members.map((m) => m.id)];
              const local = store
                .all(
                  store.db
                    .selectFrom('change_log')
                    .select(['origin', 'counter', 'hlc'])
                    .where('entity', 'in', ['household', 'beneficiary', 'measurement', 'migration'])
                    .where((eb) =>
                      eb.or([
                        eb('entity_id', 'in', ids),
                        eb('entity_id', 'in', eb.selectFrom('measurement').select('id').where('beneficiary_id', 'in', ids)),
                        eb('entity_id', 'in', eb.selectFrom('migration').select('id').where('household_id', '=', route.household_id)),
                      ]),
                    )
                    .orderBy('origin')
                    .orderBy('counter'),
                )
                .map((row) => ({ origin: row.origin, counter: Number(row.counter), hlc: row.hlc }));
              expect(local).toEqual(atHub.map((row) => ({ origin: row.origin, counter: Number(row.counter), hlc: row.hlc })));
            }
          }

          // Any bundle delivered before, imported again, changes nothing (offices and hub alike).
          for (const parcel of delivered.slice(-12)) {
            if (parcel.to === 'hub') {
              const before = await dumpHub(hub.db);
              expect((await importOfficeBundle(hub, parcel.files)).status).toBe('already-imported');
              expect(await dumpHub(hub.db)).toBe(before);
            } else {
              const data = offices[parcel.to];
              data.store.pragma('wal_checkpoint(TRUNCATE)');
              const before = dumpDatabase(dirs[parcel.to]);
              expect((await importBundle(data, parcel.files, ACTOR)).status).toBe('already-imported');
              expect(dumpDatabase(dirs[parcel.to])).toBe(before);
            }
          }
        } finally {
          for (const sideName of SIDES) opened[sideName].close();
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 600_000);
});
