// Routing follows the trip's events (issue 11): the family goes to the block its latest trip names, to the
// block a later move names, and back to its owner only once it returned. Real offices, real bundles, the
// hub on each backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { enrolRequest, exportChanges, importBundle } from '../../../src-main/exchange/index.ts';
import { enrolOffice } from '../../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../../src-main/hub/export.ts';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../../src-main/hub/import.ts';
import { initHubKeys, type HubKeys } from '../../../src-main/hub/keys.ts';
import { readOffice } from '../../../src-main/office/service.ts';
import type { TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { openOffice } from '../sync/exchange-helpers.ts';
import { describeOnEachBackend } from './backends.ts';

vi.setConfig({ testTimeout: 300_000 });
const ADMIN = { operatorId: null };
const tempDir = useTempDirs();
let keysDir = '';
let keys: HubKeys;

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'mts-hub-keys-'));
  keys = await initHubKeys(keysDir, {});
});
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

async function enrolled(hub: Hub, code: '2714' | '4712' | '3021'): Promise<TestOffice> {
  const office = await openOffice(tempDir(), code, { stateKeyFile: keys.stateKeyFile });
  const request = await enrolRequest(office.data);
  const answer = await enrolOffice(hub, request.text);
  expect((await importBundle(office.data, [answer.bundle], ADMIN)).status).toBe('imported');
  return office;
}

const toHub = async (hub: Hub, office: TestOffice) => importOfficeBundle(hub, (await exportChanges(office.data, 'hub')).files);
const fromHub = async (hub: Hub, office: TestOffice) => importBundle(office.data, (await exportForOffice(hub, readOffice(office.data)!.code)).files, ADMIN);
const routeAtHub = async (hub: Hub, householdId: string) =>
  hub.db.selectFrom('household_route').select(['owner_office', 'destination_office']).where('household_id', '=', householdId).executeTakeFirst();

describeOnEachBackend('routing follows the trip events', (backend) => {
  it('planned block, then the block a move names, then the owner only once the family returned', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const akkalkuwa = await enrolled(hub, '2714');
    const parli = await enrolled(hub, '4712');
    const taloda = await enrolled(hub, '3021');

    const saved = await akkalkuwa.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Parli' } }));
    const householdId = saved.householdId;
    await akkalkuwa.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(9) });
    expect(await toHub(hub, akkalkuwa)).toMatchObject({ routed: [householdId] });
    expect(await routeAtHub(hub, householdId)).toEqual({ owner_office: '2714', destination_office: '4712' });

    // Parli sees the family coming, confirms the arrival with its Anganwadi; the route stays.
    await fromHub(hub, parli);
    expect((await parli.call('migration.lists', { list: 'incoming' })).households.map((h) => h.householdId)).toEqual([householdId]);
    await parli.call('migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(7), awcCode: '27047500001' });
    expect((await parli.call('migration.lists', { list: 'present' })).households.map((h) => h.householdId)).toEqual([householdId]);
    await toHub(hub, parli);
    expect(await routeAtHub(hub, householdId)).toEqual({ owner_office: '2714', destination_office: '4712' });

    // The family moves on to a worksite in Taloda block: the hub routes it there on Parli's event alone.
    await parli.call('migration.recordEvent', { householdId, event: 'moved', date: daysAgo(3), destination: { state: 'MH', district: 486, block: 'Taloda', place: 'Brick kiln, Borad' } });
    expect(await toHub(hub, parli)).toMatchObject({ routed: [householdId] });
    expect(await routeAtHub(hub, householdId)).toEqual({ owner_office: '2714', destination_office: '3021' });
    await fromHub(hub, taloda);
    const incoming = await taloda.call('migration.lists', { list: 'incoming' });
    expect(incoming.households.map((h) => [h.householdId, h.status, h.destination?.block])).toEqual([[householdId, 'moved', 'Taloda']]);

    // Home again: recorded at the home office, the family goes to its owner only.
    await fromHub(hub, akkalkuwa);
    await akkalkuwa.call('migration.recordEvent', { householdId, event: 'returned', date: daysAgo(1) });
    expect(await toHub(hub, akkalkuwa)).toMatchObject({ routed: [householdId] });
    expect(await routeAtHub(hub, householdId)).toEqual({ owner_office: '2714', destination_office: null });
    const [trip] = await akkalkuwa.call('migration.trips', { householdId });
    expect(trip!.events.map((e) => [e.event, e.officeCode])).toEqual([
      ['departed', '2714'],
      ['arrived', '4712'],
      ['moved', '4712'],
      ['returned', '2714'],
    ]);
    expect(trip!.state).toMatchObject({ status: 'returned', flags: [] });
  });

  it('a family announced for a block with no enrolled office yet reaches that office once it enrols', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const akkalkuwa = await enrolled(hub, '2714');
    const saved = await akkalkuwa.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Parli' } }));
    await akkalkuwa.call('migration.recordEvent', { householdId: saved.householdId, event: 'departed', date: daysAgo(9) });
    await toHub(hub, akkalkuwa);
    expect(await hub.db.selectFrom('household_route').select(['destination_office', 'unrouted_reason']).where('household_id', '=', saved.householdId).executeTakeFirst()).toEqual({
      destination_office: null,
      unrouted_reason: 'unknown-block',
    });

    const parli = await enrolled(hub, '4712');
    expect(await routeAtHub(hub, saved.householdId)).toEqual({ owner_office: '2714', destination_office: '4712' });
    await fromHub(hub, parli);
    expect((await parli.call('migration.lists', { list: 'incoming' })).households.map((h) => h.householdId)).toEqual([saved.householdId]);
  });
});
