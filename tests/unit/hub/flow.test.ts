// Block A → state hub → block B and back with real office databases: A registers a family going to B's
// block, the hub routes it, B finds the family by name and MTS ID, records a measurement, and A receives
// it. Replayed, foreign and revoked bundles are refused at the hub with nothing changed.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../../src-main/common/problem.ts';
import { addPeer, enrolRequest, exportChanges, importBundle } from '../../../src-main/exchange/index.ts';
import { enrolOffice } from '../../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../../src-main/hub/export.ts';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../../src-main/hub/import.ts';
import { buildHubServer } from '../../../src-main/hub/serve.ts';
import { hubSchemaVersion } from '../../../src-main/hub/store/index.ts';
import type { AddressInfo } from 'node:net';
import { initHubKeys, type HubKeys } from '../../../src-main/hub/keys.ts';
import { revokeOffice } from '../../../src-main/hub/revoke.ts';
import { routeByHand } from '../../../src-main/hub/routing.ts';
import { readOffice } from '../../../src-main/office/service.ts';
import { ADMIN as OFFICE_ADMIN, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { openOffice } from '../sync/exchange-helpers.ts';
import { describeOnEachBackend } from './backends.ts';
import { dumpHub } from './hub-helpers.ts';

const ADMIN = { operatorId: null };
const tempDir = useTempDirs();
let keysDir = '';
let keys: HubKeys;

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'mts-hub-keys-'));
  keys = await initHubKeys(keysDir, {});
});
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

/** An office of the exchange tests holding the hub's state key file, so it trusts this hub. */
function officeOf(code: '2714' | '4712'): Promise<TestOffice> {
  return openOffice(tempDir(), code, { stateKeyFile: keys.stateKeyFile });
}

/** The office writes its request, the hub enrols it, the office imports the hub's answer. */
async function enrol(hub: Hub, office: TestOffice): Promise<void> {
  const request = await enrolRequest(office.data);
  const answer = await enrolOffice(hub, request.text);
  expect(answer.fingerprint).toBe(request.fingerprint);
  const imported = await importBundle(office.data, [answer.bundle], ADMIN);
  expect(imported.status).toBe('imported');
}

async function toHub(hub: Hub, office: TestOffice) {
  return importOfficeBundle(hub, (await exportChanges(office.data, 'hub')).files);
}

async function fromHub(hub: Hub, office: TestOffice) {
  const code = readOffice(office.data)!.code;
  return importBundle(office.data, (await exportForOffice(hub, code)).files, ADMIN);
}

async function refusedUnchanged(hub: Hub, action: () => Promise<unknown>, code: string): Promise<void> {
  const before = await dumpHub(hub.db);
  const error = await action().then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(Problem);
  expect((error as Problem).code).toBe(code);
  expect(await dumpHub(hub.db)).toBe(before);
}

describeOnEachBackend('block A → hub → block B with real offices', (backend) => {
  it('B finds the family A registered for its block, records a measurement, and A receives it', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    const b = await officeOf('4712');
    await enrol(hub, a);
    await enrol(hub, b);

    const saved = await a.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Parli' } }));
    const atHub = await toHub(hub, a);
    expect(atHub).toMatchObject({ status: 'imported', from: '2714', routed: [saved.householdId], unrouted: 0 });

    const atB = await fromHub(hub, b);
    expect(atB.status).toBe('imported');
    expect(atB.gaps).toEqual([]);
    const found = await b.call('registry.search', { query: 'Ganesh Pawar' });
    expect(found.hits.map((hit) => hit.mtsId)).toContain(saved.beneficiaries[1]!.mtsId);
    expect((await b.call('registry.search', { query: saved.beneficiaries[0]!.mtsId })).hits).toHaveLength(1);
    // B learns the route the hub wrote: an incoming family owned by A.
    expect(b.data.store.first(b.data.store.db.selectFrom('household_route').selectAll().where('household_id', '=', saved.householdId))).toMatchObject({
      owner_office: '2714',
      destination_office: '4712',
      routed_by_hand: 0,
    });
    // A's operators and settings stayed at the hub.
    const originsAtB = b.data.store.all(b.data.store.db.selectFrom('change_log').select('entity').distinct().where('origin', '=', '2714-001')).map((row) => row.entity);
    expect(originsAtB).not.toContain('operator');
    expect(originsAtB).not.toContain('setting');

    const ganesh = saved.beneficiaries[1]!.id;
    // B confirms the family's arrival (the trip's status; issue 11 gives it a screen) and measures Ganesh.
    const trip = b.data.store.first(b.data.store.db.selectFrom('migration').select('id').where('household_id', '=', saved.householdId))!;
    b.data.writer.write(ADMIN, (batch) => batch.update('migration', trip.id, { status: 'arrived' }));
    const measured = await b.call('registry.addMeasurement', { beneficiaryId: ganesh, measuredOn: daysAgo(0), weightKg: 8.4, heightCm: 77, posture: 'lying', muacMm: 120, oedema: false });
    expect(await toHub(hub, b)).toMatchObject({ status: 'imported', from: '4712' });
    const atA = await fromHub(hub, a);
    expect(atA.status).toBe('imported');
    expect(a.data.store.first(a.data.store.db.selectFrom('measurement').selectAll().where('id', '=', measured.id))).toMatchObject({ beneficiary_id: ganesh, weight_kg: 8.4 });
    expect(a.data.store.first(a.data.store.db.selectFrom('migration').select('status').where('id', '=', trip.id))?.status).toBe('arrived');

    // Acks ride back: once both offices have answered, the hub has nothing new for them.
    await toHub(hub, a);
    await toHub(hub, b);
    const again = await exportForOffice(hub, '4712');
    expect(again.changes).toBe(0);
    expect(again.ranges).toEqual([]);

    // A revocation at the hub reaches B in its next bundle, and B refuses A's key from then on.
    await revokeOffice(hub.db, '2714');
    const afterRevoke = await fromHub(hub, b);
    expect(afterRevoke.revocations).toBe(1);
    expect(b.data.store.all(b.data.store.db.selectFrom('sync_revocation').select('office'))).toEqual([{ office: '2714' }]);
  });

  it('refuses a replayed (says so), foreign or revoked office bundle, changing nothing', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    await enrol(hub, a);
    await a.call('registry.saveHousehold', pawarForm());
    const files = (await exportChanges(a.data, 'hub')).files;
    expect((await importOfficeBundle(hub, files)).status).toBe('imported');
    const before = await dumpHub(hub.db);
    expect((await importOfficeBundle(hub, files)).status).toBe('already-imported');
    expect(await dumpHub(hub.db)).toBe(before);

    const foreign = await officeOf('4712');
    // It trusts the hub (as if enrolled elsewhere), but the hub never enrolled it.
    addPeer(foreign.data, { peer: 'hub', publicKey: keys.signingPublicKey, ageRecipient: keys.ageRecipient });
    await refusedUnchanged(hub, async () => importOfficeBundle(hub, (await exportChanges(foreign.data, 'hub')).files), 'unknown-signer');

    await revokeOffice(hub.db, '2714');
    // A new export (a new bundle id) of the same office: its key is revoked now.
    await refusedUnchanged(hub, async () => importOfficeBundle(hub, (await exportChanges(a.data, 'hub')).files), 'revoked-signer');
  });

  it('Send now: an office exchanges with the hub online (mts-hub serve on a real port) and gets its answer', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    const b = await officeOf('4712');
    await enrol(hub, a);
    await enrol(hub, b);
    const server = await buildHubServer({
      exchange: { importOfficeBundle: (files) => importOfficeBundle(hub, files), exportForOffice: (code) => exportForOffice(hub, code) },
      schemaVersion: () => hubSchemaVersion(hub.db),
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.server.address() as AddressInfo;
      await expect(b.call('sync.setHubAddress', { address: 'http://mts-hub.example.org' })).rejects.toThrow(/https/);
      await b.call('sync.setHubAddress', { address: `http://127.0.0.1:${port}/` });
      await a.call('sync.setHubAddress', { address: `http://127.0.0.1:${port}` });

      const saved = await a.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Parli' } }));
      const sentByA = await a.call('sync.sendNow', {});
      expect(sentByA.sent.changes).toBeGreaterThan(0);
      const atB = await b.call('sync.sendNow', {});
      expect(atB.received).toMatchObject({ status: 'imported', from: 'hub' });
      expect(atB.received!.records['household']).toEqual({ inserted: 1, updated: 0 });
      expect((await b.call('registry.search', { query: saved.beneficiaries[0]!.mtsId })).hits).toHaveLength(1);

      // A hub that cannot be reached: one sentence, nothing lost.
      await server.close();
      await expect(a.call('sync.sendNow', {})).rejects.toThrow(/Could not reach the state hub/);
    } finally {
      await server.close();
    }
  });

  it('an office restored from an old backup gets its later work back from the hub (a snapshot of what it lost)', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    await enrol(hub, a);
    await a.call('registry.saveHousehold', pawarForm());
    await toHub(hub, a);
    const backup = await a.call('office.backup', {});

    const later = await a.call('registry.saveHousehold', pawarForm({ headNameEn: 'Sakharam Gavit', headNameMr: 'सखाराम गावित', aadhaar: '', contactNumber: '9823099999', nativeVillage: 'Dhadgaon', members: [pawarForm().members[2]!] }));
    await toHub(hub, a);

    // The PC's disk failed; the backup is restored. It opens a new series and a new epoch.
    await a.call('office.restore', { name: backup.name, confirm: true });
    expect(a.data.writer.currentOrigin).toBe('2714-002');
    const laterHousehold = () => a.data.store.first(a.data.store.db.selectFrom('household').select('head_name_en').where('id', '=', later.householdId));
    expect(laterHousehold()).toBeUndefined();

    // The hub has not granted the new series: the office says to enrol again, then exchanges. Its first
    // bundle tells the hub what it holds now; the hub's answer brings the lost family back.
    await expect(exportChanges(a.data, 'hub')).rejects.toThrow(/new enrolment request/);
    await enrol(hub, a);
    await toHub(hub, a);
    const back = await fromHub(hub, a);
    expect(back.status).toBe('imported');
    expect(laterHousehold()?.head_name_en).toBe('Sakharam Gavit');
  });

  it('refuses the bundles of a database put back from an old copy by hand (numbers reused), changing nothing', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    await enrol(hub, a);
    await a.call('registry.saveHousehold', pawarForm());
    await toHub(hub, a);
    const dir = a.data.dataDir;
    a.data.store.pragma('wal_checkpoint(TRUNCATE)');
    const old = join(tempDir(), DATABASE_FILE);
    copyFileSync(join(dir, DATABASE_FILE), old);
    await a.call('registry.saveHousehold', pawarForm({ headNameEn: 'Sakharam Gavit', headNameMr: 'सखाराम गावित', aadhaar: '', contactNumber: '9823099999', nativeVillage: 'Dhadgaon', members: [pawarForm().members[2]!] }));
    await toHub(hub, a);
    a.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, DATABASE_FILE + suffix), { force: true });
    copyFileSync(old, join(dir, DATABASE_FILE));
    const putBack = await openTestOffice(dir, { setUp: false });
    await putBack.call('session.login', { username: OFFICE_ADMIN.username, password: OFFICE_ADMIN.password });
    await putBack.call('registry.saveHousehold', pawarForm({ headNameEn: 'Devram Valvi', headNameMr: 'देवराम वळवी', aadhaar: '', contactNumber: '9823088888', nativeVillage: 'Taloda', members: [pawarForm().members[2]!] }));
    await refusedUnchanged(hub, async () => importOfficeBundle(hub, (await exportChanges(putBack.data, 'hub')).files), 'history-rewritten');
  });

  it('a family routed to B by hand reaches B with its whole history', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const a = await officeOf('2714');
    const b = await officeOf('4712');
    await enrol(hub, a);
    await enrol(hub, b);
    // Nowhere is no block of an enrolled office: unrouted until the state officer decides.
    const saved = await a.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Nowhere' } }));
    expect(await toHub(hub, a)).toMatchObject({ routed: [], unrouted: 1 });
    await fromHub(hub, b);
    await toHub(hub, b);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('id').where('id', '=', saved.householdId))).toBeUndefined();

    await routeByHand(hub.db, saved.householdId, '4712');
    const atB = await fromHub(hub, b);
    expect(atB.gaps).toEqual([]);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('id').where('id', '=', saved.householdId))).toBeDefined();
    expect(b.data.store.all(b.data.store.db.selectFrom('beneficiary').select('id').where('household_id', '=', saved.householdId))).toHaveLength(3);
  });
});
