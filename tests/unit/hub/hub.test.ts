// The hub's core on each backend: enrolment, import, routing, export with coverage and backfill, acks,
// revocation and the status report. Offices here are keys and hand-made changes in real signed, encrypted
// bundles; flow.test.ts runs the same paths with real office databases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../../src-main/common/problem.ts';
import { parseStateKeyFile } from '../../../src-main/identity/index.ts';
import { fingerprintOf } from '../../../src-main/keys/index.ts';
import { enrolOffice } from '../../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../../src-main/hub/export.ts';
import { HUB_ORIGIN } from '../../../src-main/hub/hub-changes.ts';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../../src-main/hub/import.ts';
import { initHubKeys, type HubKeys } from '../../../src-main/hub/keys.ts';
import { officeSchemaVersion } from '../../../src-main/hub/office-schema.ts';
import { revokeOffice } from '../../../src-main/hub/revoke.ts';
import { routeByHand } from '../../../src-main/hub/routing.ts';
import { readHubReport } from '../../../src-main/hub/status.ts';
import { BundleError, decodeEnrolmentPayload, openBundle, readCertificate } from '../../../src-main/sync/index.ts';
import { describeOnEachBackend, type HubBackend } from './backends.ts';
import { readChanges } from '../../../src-main/hub/store/index.ts';
import {
  awcChange,
  change,
  dumpHub,
  enrolRequestOf,
  fakeOffice,
  family,
  officeBundle,
  openHubBundle,
  type FakeOffice,
} from './hub-helpers.ts';

let keysDir = '';
let keys: HubKeys;

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'mts-hub-keys-'));
  keys = await initHubKeys(keysDir, {});
});
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

async function freshHub(backend: HubBackend): Promise<Hub> {
  return { db: await backend.fresh(), keys };
}

async function refusal(action: () => Promise<unknown>): Promise<Problem> {
  const outcome = await action().then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof Problem) return outcome;
  throw outcome ?? new Error('expected a refusal, but it succeeded');
}

/** Refused with `code`, one sentence in both languages, and not a row of the hub changed. */
async function expectRefusedUnchanged(hub: Hub, action: () => Promise<unknown>, code: string): Promise<Problem> {
  const before = await dumpHub(hub.db);
  const problem = await refusal(action);
  expect(problem.code).toBe(code);
  expect(problem.text.en.length).toBeGreaterThan(10);
  expect(problem.text.mr.length).toBeGreaterThan(10);
  expect(await dumpHub(hub.db)).toBe(before);
  return problem;
}

/** Akkalkuwa (Nandurbar, 486), Parli (Beed, 470), both enrolled. */
async function twoOffices(hub: Hub): Promise<{ a: FakeOffice; b: FakeOffice }> {
  const a = await fakeOffice('2714', 486, 'Akkalkuwa');
  const b = await fakeOffice('4712', 470, 'Parli');
  await enrolOffice(hub, enrolRequestOf(a));
  await enrolOffice(hub, enrolRequestOf(b));
  return { a, b };
}

async function route(hub: Hub, household: string) {
  return hub.db.selectFrom('household_route').selectAll().where('household_id', '=', household).executeTakeFirst();
}

async function hubChanges(hub: Hub) {
  return hub.db.selectFrom('change').selectAll().where('origin', '=', HUB_ORIGIN).orderBy('counter').execute();
}

describeOnEachBackend('hub core', (backend) => {
  describe('enrol', () => {
    it('answers a request with a signed enrolment bundle only that office can open: certificate, hub keys, state key file, series', async () => {
      const hub = await freshHub(backend);
      const a = await fakeOffice('2714', 486, 'Akkalkuwa');
      const result = await enrolOffice(hub, enrolRequestOf(a));
      expect(result).toMatchObject({ officeCode: '2714', keyId: a.keyId, series: 1, revokedKeys: [] });
      expect(result.fingerprint).toBe(fingerprintOf(a.publicKey));
      expect(result.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);

      const trustedKeys = new Map([[keys.keyId, { office: 'hub', publicKey: keys.signingPublicKey }]]);
      const opened = await openBundle(result.bundle, { trustedKeys, expectedRecipient: '2714', identity: a.identity });
      expect(opened.header).toMatchObject({ kind: 'enrolment', from: { office: 'hub', series: 1, keyId: keys.keyId }, to: '2714', schemaVersion: officeSchemaVersion() });
      const payload = decodeEnrolmentPayload(opened.payload);
      expect(payload.series).toBe(1);
      expect(payload.awcs).toEqual([]);
      expect(payload.revocations).toEqual([]);
      expect(payload.hub.ageRecipient).toBe(keys.ageRecipient);
      expect(payload.stateKeyFile).toBe(keys.stateKeyFile);
      const stateKeys = parseStateKeyFile(payload.stateKeyFile);
      expect(stateKeys.ok && stateKeys.value.signPublicKey.export({ format: 'der', type: 'spki' })).toEqual(keys.signingPublicKey.export({ format: 'der', type: 'spki' }));
      expect(readCertificate(payload.certificate, keys.signingPublicKey)).toMatchObject({ officeCode: '2714', keyId: a.keyId, series: 1, ageRecipient: a.recipient });

      const other = await fakeOffice('4712', 470, 'Parli');
      await expect(openBundle(result.bundle, { trustedKeys, expectedRecipient: '2714', identity: other.identity })).rejects.toMatchObject({ code: 'cannot-decrypt' });
      const office = await hub.db.selectFrom('office').selectAll().executeTakeFirstOrThrow();
      expect(office).toMatchObject({ code: '2714', district_lgd: 486, block_name: 'Akkalkuwa', status: 'enrolled' });
    });

    it('refuses a tampered request naming the field, and changes nothing', async () => {
      const hub = await freshHub(backend);
      const a = await fakeOffice('2714', 486, 'Akkalkuwa');
      const text = enrolRequestOf(a);
      const tampered = text.replace('"block_name": "Akkalkuwa"', '"block_name": "Parli"');
      expect(tampered).not.toBe(text);
      const problem = await expectRefusedUnchanged(hub, () => enrolOffice(hub, tampered), 'enrol-request-invalid');
      expect(problem.text.en).toContain('"signature"');
      const wrongCode = text.replace('"office_code": "2714"', '"office_code": "27x4"');
      expect((await expectRefusedUnchanged(hub, () => enrolOffice(hub, wrongCode), 'enrol-request-invalid')).text.en).toContain('"office_code"');
    });

    it('refuses a second key for an enrolled office unless told to replace it, which revokes the old key', async () => {
      const hub = await freshHub(backend);
      const first = await fakeOffice('2714', 486, 'Akkalkuwa');
      await enrolOffice(hub, enrolRequestOf(first));
      const again = await enrolOffice(hub, enrolRequestOf(first));
      expect(again.series).toBe(1);

      const newPc = await fakeOffice('2714', 486, 'Akkalkuwa', { epoch: first.epoch });
      const problem = await expectRefusedUnchanged(hub, () => enrolOffice(hub, enrolRequestOf(newPc)), 'office-has-another-key');
      expect(problem.text.en).toContain('--replace-key');

      const replaced = await enrolOffice(hub, enrolRequestOf(newPc), { replaceKey: true });
      expect(replaced.revokedKeys).toEqual([first.keyId]);
      const trustedKeys = new Map([[keys.keyId, { office: 'hub', publicKey: keys.signingPublicKey }]]);
      const payload = decodeEnrolmentPayload((await openBundle(replaced.bundle, { trustedKeys, expectedRecipient: '2714', identity: newPc.identity })).payload);
      expect(payload.revocations).toEqual([expect.objectContaining({ keyId: first.keyId, office: '2714' })]);
      await expectRefusedUnchanged(hub, () => enrolOffice(hub, enrolRequestOf(first), { replaceKey: true }), 'key-revoked');
    });

    it('grants the series asked for when new or of the same installation, otherwise the next free one, up to 999', async () => {
      const hub = await freshHub(backend);
      const a = await fakeOffice('2714', 486, 'Akkalkuwa');
      expect((await enrolOffice(hub, enrolRequestOf(a))).series).toBe(1);
      expect((await enrolOffice(hub, enrolRequestOf(a))).series).toBe(1);
      // Restored from a backup: same key, new epoch, still asking for series 1.
      const restored = enrolRequestOf(a, { epoch: 'a1b2c3d4-0000-4000-8000-000000000001' });
      expect((await enrolOffice(hub, restored)).series).toBe(2);
      expect((await enrolOffice(hub, restored)).series).toBe(2);
      // A series never granted to this office is granted as asked.
      expect((await enrolOffice(hub, enrolRequestOf(a, { series: 7, epoch: 'a1b2c3d4-0000-4000-8000-000000000002' }))).series).toBe(7);
      expect((await enrolOffice(hub, enrolRequestOf(a, { series: 1, epoch: 'a1b2c3d4-0000-4000-8000-000000000003' }))).series).toBe(8);
      const grants = await hub.db.selectFrom('series_grant').select(['series', 'epoch']).orderBy('series').execute();
      expect(grants.map((grant) => grant.series)).toEqual([1, 2, 7, 8]);

      await hub.db.insertInto('series_grant').values({ office_code: '2714', series: 999, granted_at: new Date(), epoch: null }).execute();
      const problem = await expectRefusedUnchanged(
        hub,
        () => enrolOffice(hub, enrolRequestOf(a, { series: 1, epoch: 'a1b2c3d4-0000-4000-8000-000000000004' })),
        'series-exhausted',
      );
      expect(problem.text.en).toContain('999');
    });

    it('sends an office that enrols again the Anganwadis the hub holds from it', async () => {
      const hub = await freshHub(backend);
      const a = await fakeOffice('2714', 486, 'Akkalkuwa');
      await enrolOffice(hub, enrolRequestOf(a));
      await importOfficeBundle(hub, await officeBundle(a, hub, [awcChange('2714-001', 1, '27271400001'), awcChange('2714-001', 2, '27271400002')]));
      const again = await enrolOffice(hub, enrolRequestOf(a));
      const trustedKeys = new Map([[keys.keyId, { office: 'hub', publicKey: keys.signingPublicKey }]]);
      const payload = decodeEnrolmentPayload((await openBundle(again.bundle, { trustedKeys, expectedRecipient: '2714', identity: a.identity })).payload);
      expect(payload.awcs.map((awc) => awc.code)).toEqual(['27271400001', '27271400002']);
      expect(payload.awcs[0]).toEqual({ code: '27271400001', nameMr: 'अंगणवाडी 27271400001', nameEn: 'AWC 27271400001', village: 'Molgi', sector: 'Sector 1' });
    });
  });

  describe('import', () => {
    it('stores each change once, says so for the same bundle again, and keeps the high-water mark at the first gap', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const files = await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001', trip: null }));
      const first = await importOfficeBundle(hub, files);
      expect(first).toMatchObject({ status: 'imported', from: '2714', changes: 4, inserted: 4, routed: [], unrouted: 0 });

      const before = await dumpHub(hub.db);
      const second = await importOfficeBundle(hub, files);
      expect(second).toMatchObject({ status: 'already-imported', bundleId: first.bundleId, inserted: 0 });
      expect(await dumpHub(hub.db)).toBe(before);

      // A later export of the office repeats changes 1–4 and adds 5–6 and, after a lost bundle, 9.
      const more = [...family('2714-001', 1, { household: 'H1', awc: '27271400001', trip: null }), change('2714-001', 5, 'setting', 'x', { v: 1 }), change('2714-001', 6, 'setting', 'y', { v: 2 }), change('2714-001', 9, 'setting', 'z', { v: 3 })];
      const third = await importOfficeBundle(hub, await officeBundle(a, hub, more));
      expect(third).toMatchObject({ status: 'imported', changes: 7, inserted: 3 });
      const mark = await hub.db.selectFrom('origin_high_water').selectAll().where('origin', '=', '2714-001').executeTakeFirstOrThrow();
      expect(mark.counter).toBe(6);
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 7, 'setting', 'w', { v: 4 }), change('2714-001', 8, 'setting', 'v', { v: 5 })]));
      expect((await hub.db.selectFrom('origin_high_water').select('counter').where('origin', '=', '2714-001').executeTakeFirstOrThrow()).counter).toBe(9);
    });

    it('stores text with backslashes, tabs and line breaks exactly as the office sent it', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const data = { note: 'a\\b\tc\nd\re "quoted" \\N मराठी', path: 'C:\\tmp\\new', empty: '', list: ['\t', '\\'] };
      const sent = [change('2714-001', 1, 'setting', 'tab\there\\', data), change('2714-001', 2, 'setting', 'line\nbreak', { v: '\\.' })];
      expect(await importOfficeBundle(hub, await officeBundle(a, hub, sent))).toMatchObject({ status: 'imported', inserted: 2 });
      const stored = await readChanges(hub.db, { origin: '2714-001' });
      expect(stored.map((row) => [row.entityId, row.data])).toEqual([
        ['tab\there\\', data],
        ['line\nbreak', { v: '\\.' }],
      ]);
    });

    it('imports the parts of a split bundle given in any order', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const changes = Array.from({ length: 60 }, (_, i) => change('2714-001', i + 1, 'setting', `k${i}`, { value: randomBytes(400).toString('base64') }));
      const parts = await officeBundle(a, hub, changes, { maxBytes: 4_000 });
      expect(parts.length).toBeGreaterThan(1);
      const result = await importOfficeBundle(hub, [...parts].reverse());
      expect(result).toMatchObject({ status: 'imported', inserted: 60 });
      await expectRefusedUnchanged(hub, () => importOfficeBundle(hub, parts.slice(1)), 'parts-missing');
    });

    it('refuses a revoked, unknown, tampered, misaddressed, newer-schema or hub-only change bundle, changing nothing', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      const changes = family('2714-001', 1, { household: 'H1', awc: '27271400001' });

      const stranger = await fakeOffice('2714', 486, 'Akkalkuwa');
      await expectRefusedUnchanged(hub, async () => importOfficeBundle(hub, await officeBundle(stranger, hub, changes)), 'unknown-signer');

      const [good] = await officeBundle(a, hub, changes);
      for (const offset of [20, good!.length - 5]) {
        const flipped = Uint8Array.from(good!);
        flipped[offset]! ^= 0x01;
        await expectRefusedUnchanged(hub, () => importOfficeBundle(hub, [flipped]), offset === 20 ? 'header-damaged' : 'payload-hash-mismatch');
      }
      await expectRefusedUnchanged(hub, () => importOfficeBundle(hub, [good!.subarray(0, good!.length - 1)]), 'truncated');
      await expectRefusedUnchanged(hub, async () => importOfficeBundle(hub, await officeBundle(a, hub, changes, { to: '4712' })), 'not-addressed-to-us');
      const newer = await expectRefusedUnchanged(
        hub,
        async () => importOfficeBundle(hub, await officeBundle(a, hub, changes, { schemaVersion: officeSchemaVersion() + 1 })),
        'newer-schema',
      );
      expect(newer.text.en).toContain('update the app, then import the same file again');
      // B pretending to be A: signed with B's key but saying it comes from 2714.
      await expectRefusedUnchanged(hub, async () => importOfficeBundle(hub, await officeBundle(a, hub, changes, { signingKey: b.signingKey })), 'signer-office-mismatch');

      const forged = [...changes, change('2714-001', 6, 'household_route', 'H1', { household_id: 'H1', owner_office: '2714', destination_office: '4712', routed_by_hand: 1 })];
      const problem = await expectRefusedUnchanged(hub, async () => importOfficeBundle(hub, await officeBundle(a, hub, forged)), 'payload-invalid');
      expect(problem.text.en).toContain('household_route change 2714-001 #6');
      await expectRefusedUnchanged(
        hub,
        async () => importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-005', 1, 'setting', 'k', { v: 1 })])),
        'payload-invalid',
      );

      await revokeOffice(hub.db, '2714');
      const revoked = await expectRefusedUnchanged(hub, () => importOfficeBundle(hub, [good!]), 'revoked-signer');
      expect(revoked.text.en).toContain('revoked key (office 2714');
      // Nothing was stored by any of the refusals above.
      expect(await hub.db.selectFrom('change').selectAll().execute()).toEqual([]);
    });

    it('takes only the sender\'s own changes: what it relays of other origins is the hub\'s already', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      const fromB = [change('4712-001', 1, 'setting', 'forged', { v: 1 }), ...family('2714-001', 1, { household: 'H1', awc: '27271400001', trip: null })];
      const result = await importOfficeBundle(hub, await officeBundle(b, hub, fromB));
      expect(result).toMatchObject({ changes: 5, inserted: 1 });
      expect(await hub.db.selectFrom('change').select('origin').distinct().execute()).toEqual([{ origin: '4712-001' }]);
      void a;
    });

    it('records office acks cumulatively, and replaces them when the office comes back with a new epoch', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const acks = async () =>
        Object.fromEntries((await hub.db.selectFrom('office_ack').select(['origin', 'counter']).where('office_code', '=', '2714').execute()).map((row) => [row.origin, row.counter]));
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 1, 'setting', 'a', { v: 1 })], { acks: { '2714-001': 1, 'hub-001': 5, '4712-001': 3 } }));
      expect(await acks()).toEqual({ '2714-001': 1, 'hub-001': 5, '4712-001': 3 });
      // A delayed older bundle of the same installation never lowers them.
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 1, 'setting', 'a', { v: 1 })], { acks: { '2714-001': 1, 'hub-001': 2 } }));
      expect(await acks()).toEqual({ '2714-001': 1, 'hub-001': 5, '4712-001': 3 });
      // Restored from an old backup: its new installation holds less, and says so.
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 1, 'setting', 'a', { v: 1 })], { epoch: 'b1b2c3d4-0000-4000-8000-000000000009', acks: { '2714-001': 1, 'hub-001': 2 } }));
      expect(await acks()).toEqual({ '2714-001': 1, 'hub-001': 2 });
      expect((await hub.db.selectFrom('office').select('last_epoch').where('code', '=', '2714').executeTakeFirstOrThrow()).last_epoch).toBe('b1b2c3d4-0000-4000-8000-000000000009');
    });
  });

  describe('routing', () => {
    it('routes a family to the office of its destination block and writes the route as a hub change', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const result = await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001', trip: { destination_block: ' parli ' } })));
      expect(result.routed).toEqual(['H1']);
      expect(await route(hub, 'H1')).toMatchObject({ owner_office: '2714', destination_office: '4712', unrouted_reason: null, routed_by_hand: false, awc_code: '27271400001', trip_id: 'H1-t1' });
      const written = await hubChanges(hub);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ origin: 'hub-001', counter: 1, entity: 'household_route', entity_id: 'H1', op: 'insert' });
      expect(written[0]!.data).toEqual({ household_id: 'H1', owner_office: '2714', destination_office: '4712', routed_by_hand: 0 });
      expect(written[0]!.hlc).toMatch(/^\d{15}\.\d{5}\.hub-001$/);
      const newest = await hub.db.selectFrom('change').select('hlc').where('origin', '=', '2714-001').orderBy('hlc', 'desc').executeTakeFirstOrThrow();
      expect(written[0]!.hlc > newest.hlc).toBe(true);
    });

    it('keeps other-state and unknown-block families on the unrouted list; a family without a trip goes to its owner only', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const changes = [
        ...family('2714-001', 1, { household: 'H-GJ', awc: '27271400001', trip: { destination_state: 'GJ', destination_district_lgd: null, destination_block: null } }),
        ...family('2714-001', 6, { household: 'H-UNK', awc: '27271400001', trip: { destination_district_lgd: 470, destination_block: 'Ambajogai' } }),
        ...family('2714-001', 11, { household: 'H-HOME', awc: '27271400002', trip: null }),
      ];
      const result = await importOfficeBundle(hub, await officeBundle(a, hub, changes));
      expect(result).toMatchObject({ routed: [], unrouted: 2 });
      expect(await route(hub, 'H-GJ')).toMatchObject({ destination_office: null, unrouted_reason: 'other-state' });
      expect(await route(hub, 'H-UNK')).toMatchObject({ destination_office: null, unrouted_reason: 'unknown-block' });
      expect(await route(hub, 'H-HOME')).toMatchObject({ owner_office: '2714', destination_office: null, unrouted_reason: null });
      expect(await hubChanges(hub)).toEqual([]);
      const report = await readHubReport(hub.db);
      expect(report.unrouted).toEqual([
        { id: 'H-GJ', owner: '2714', reason: 'other-state' },
        { id: 'H-UNK', owner: '2714', reason: 'unknown-block' },
      ]);
    });

    it('a state officer routes by hand; that wins until a newer trip, which routes automatically again', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001', trip: { destination_block: 'Ambajogai' } })));
      const byHand = await routeByHand(hub.db, 'H1', '4712');
      expect(byHand).toEqual({ householdId: 'H1', ownerOffice: '2714', destinationOffice: '4712', changed: true });
      expect(await route(hub, 'H1')).toMatchObject({ destination_office: '4712', unrouted_reason: null, routed_by_hand: true, hand_trip_id: 'H1-t1' });
      expect(await routeByHand(hub.db, 'H1', '4712')).toMatchObject({ changed: false });
      await expectRefusedUnchanged(hub, () => routeByHand(hub.db, 'H-NONE', '4712'), 'unknown-household');
      await expectRefusedUnchanged(hub, () => routeByHand(hub.db, 'H1', '9999'), 'unknown-office');

      // An edit of the same trip keeps the hand routing.
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 6, 'migration', 'H1-t1', { destination_place: 'kiln' }, 'update')]));
      expect(await route(hub, 'H1')).toMatchObject({ destination_office: '4712', routed_by_hand: true });
      // A newer trip, to another state: routed automatically again (unrouted).
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 7, 'migration', 'H1-t2', { id: 'H1-t2', household_id: 'H1', departure_date: '2027-10-01', destination_state: 'KA' })]));
      expect(await route(hub, 'H1')).toMatchObject({ destination_office: null, unrouted_reason: 'other-state', routed_by_hand: false, trip_id: 'H1-t2' });
      const written = await hubChanges(hub);
      expect(written.map((c) => [c.counter, c.op, (c.data as { destination_office: string | null }).destination_office, (c.data as { routed_by_hand: number }).routed_by_hand])).toEqual([
        [1, 'insert', '4712', 1],
        [2, 'update', null, 0],
      ]);
    });

    it('finds the household of records whose parent arrives later, and routes a trip updated by another office', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      // B measures A's child and updates the trip before A's own bundle reaches the hub.
      await importOfficeBundle(hub, await officeBundle(b, hub, [
        change('4712-001', 1, 'measurement', 'M-B', { id: 'M-B', beneficiary_id: 'H1-b2', weight_kg: 9 }),
        change('4712-001', 2, 'migration', 'H1-t1', { status: 'arrived' }, 'update'),
      ]));
      expect(await hub.db.selectFrom('change_household').selectAll().execute()).toEqual([]);
      await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001' })));
      const linked = await hub.db.selectFrom('change_household').select(['origin', 'counter']).where('household_id', '=', 'H1').orderBy('origin').orderBy('counter').execute();
      expect(linked.map((row) => `${row.origin}#${row.counter}`)).toEqual(['2714-001#1', '2714-001#2', '2714-001#3', '2714-001#4', '2714-001#5', '4712-001#1', '4712-001#2', 'hub-001#1']);
      expect(await route(hub, 'H1')).toMatchObject({ destination_office: '4712' });
    });
  });

  describe('export', () => {
    it('sends each office what concerns it: its own and incoming households with their Anganwadi, hub routes, never installation records', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      const c = await fakeOffice('3301', 470, 'Ambajogai');
      await enrolOffice(hub, enrolRequestOf(c));
      await importOfficeBundle(hub, await officeBundle(a, hub, [
        awcChange('2714-001', 1, '27271400001'),
        awcChange('2714-001', 2, '27271400002'),
        change('2714-001', 3, 'operator', 'op-1', { id: 'op-1', full_name: 'Rekha Gavit' }),
        change('2714-001', 4, 'setting', 'language', { key: 'language', value: 'mr' }),
        ...family('2714-001', 5, { household: 'H-PARLI', awc: '27271400001' }),
        ...family('2714-001', 10, { household: 'H-HOME', awc: '27271400002', trip: null }),
      ]));
      await importOfficeBundle(hub, await officeBundle(b, hub, [awcChange('4712-001', 1, '27470000001'), ...family('4712-001', 2, { household: 'H-B', awc: '27470000001', trip: null })]));

      const toB = await exportForOffice(hub, '4712');
      const atB = await openHubBundle(hub, b, toB.files);
      expect(atB.header).toMatchObject({ kind: 'changes', from: { office: 'hub', series: 1 }, to: '4712', schemaVersion: officeSchemaVersion() });
      const keysAtB = atB.payload.changes.map((x) => `${x.origin}#${x.counter}:${x.entity}:${x.entityId}`);
      expect(keysAtB).toEqual([
        '2714-001#1:awc:27271400001',
        ...['household:H-PARLI', 'beneficiary:H-PARLI-b1', 'beneficiary:H-PARLI-b2', 'measurement:H-PARLI-m1', 'migration:H-PARLI-t1'].map((x, i) => `2714-001#${5 + i}:${x}`),
        ...['awc:27470000001', 'household:H-B', 'beneficiary:H-B-b1', 'beneficiary:H-B-b2', 'measurement:H-B-m1'].map((x, i) => `4712-001#${1 + i}:${x}`),
        'hub-001#1:household_route:H-PARLI',
      ]);
      // The ranges cover everything held (the office learns nothing else is for it), acks are the marks.
      expect(atB.header.ranges).toEqual([
        { origin: '2714-001', from: 1, to: 13 },
        { origin: '4712-001', from: 1, to: 5 },
        { origin: 'hub-001', from: 1, to: 1 },
      ]);
      expect(atB.header.acks).toEqual({ '2714-001': 13, '4712-001': 5, 'hub-001': 1 });
      expect(atB.payload.acks).toEqual(atB.header.acks);
      expect(JSON.parse(atB.payload.changes.find((x) => x.entityId === 'H-PARLI-m1')!.data)).toEqual({ id: 'H-PARLI-m1', beneficiary_id: 'H-PARLI-b2', weight_kg: 8.1 });
      expect(toB).toMatchObject({ changes: 12, ranges: atB.header.ranges, acks: atB.header.acks });

      const atA = await openHubBundle(hub, a, (await exportForOffice(hub, '2714')).files);
      const entitiesAtA = new Set(atA.payload.changes.map((x) => x.entity));
      expect(entitiesAtA.has('operator') || entitiesAtA.has('setting')).toBe(false);
      expect(atA.payload.changes.filter((x) => x.origin === '4712-001')).toEqual([]);
      expect(atA.payload.changes.filter((x) => x.origin === 'hub-001').map((x) => x.entityId)).toEqual(['H-PARLI']);

      const atC = await openHubBundle(hub, c, (await exportForOffice(hub, '3301')).files);
      expect(atC.payload.changes).toEqual([]);
      expect(atC.header.ranges.map((r) => r.origin)).toEqual(['2714-001', '4712-001', 'hub-001']);
    });

    it('covers only what the office has not acknowledged, and backfills a household newly routed to it', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      await importOfficeBundle(hub, await officeBundle(a, hub, [awcChange('2714-001', 1, '27271400001'), ...family('2714-001', 2, { household: 'H1', awc: '27271400001', trip: { destination_block: 'Nowhere' } })]));
      // B acknowledges everything the hub held then (H1 was not for B).
      await importOfficeBundle(hub, await officeBundle(b, hub, [change('4712-001', 1, 'setting', 's', { v: 1 })], { acks: { '2714-001': 6, '4712-001': 1 } }));
      const nothing = await openHubBundle(hub, b, (await exportForOffice(hub, '4712')).files);
      expect(nothing.payload.changes).toEqual([]);
      expect(nothing.header.ranges).toEqual([]);

      // A adds a measurement of another household; the state officer routes H1 to B by hand.
      await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 7, { household: 'H2', awc: '27271400001', trip: null })));
      await routeByHand(hub.db, 'H1', '4712');
      const backfill = await openHubBundle(hub, b, (await exportForOffice(hub, '4712')).files);
      expect(backfill.payload.changes.map((x) => `${x.origin}#${x.counter}`)).toEqual([
        '2714-001#1', '2714-001#2', '2714-001#3', '2714-001#4', '2714-001#5', '2714-001#6', 'hub-001#1',
      ]);
      expect(backfill.header.ranges).toEqual([
        { origin: '2714-001', from: 1, to: 10 },
        { origin: 'hub-001', from: 1, to: 1 },
      ]);

      // Once B acknowledges the route, H1's old changes are not sent again; new ones are.
      await importOfficeBundle(hub, await officeBundle(b, hub, [change('4712-001', 2, 'setting', 't', { v: 2 })], { acks: { '2714-001': 10, '4712-001': 2, 'hub-001': 1 } }));
      await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 11, 'measurement', 'H1-m2', { id: 'H1-m2', beneficiary_id: 'H1-b2', weight_kg: 8.4 })]));
      const next = await openHubBundle(hub, b, (await exportForOffice(hub, '4712')).files);
      expect(next.payload.changes.map((x) => `${x.origin}#${x.counter}`)).toEqual(['2714-001#11']);
      expect(next.header.ranges).toEqual([{ origin: '2714-001', from: 11, to: 11 }]);
    });

    it('tells an office when a family that was coming to it now goes elsewhere, and sends nothing more of it', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001' })));
      await importOfficeBundle(hub, await officeBundle(b, hub, [change('4712-001', 1, 'setting', 's', { v: 1 })], { acks: { '2714-001': 5, 'hub-001': 1, '4712-001': 1 } }));
      await importOfficeBundle(hub, await officeBundle(a, hub, [
        change('2714-001', 6, 'migration', 'H1-t2', { id: 'H1-t2', household_id: 'H1', departure_date: '2027-10-01', destination_state: 'GJ' }),
      ]));
      const atB = await openHubBundle(hub, b, (await exportForOffice(hub, '4712')).files);
      expect(atB.payload.changes.map((x) => `${x.origin}#${x.counter}:${x.entity}`)).toEqual(['hub-001#2:household_route']);
      expect(JSON.parse(atB.payload.changes[0]!.data)).toEqual({ household_id: 'H1', owner_office: '2714', destination_office: null, routed_by_hand: 0 });
      expect(atB.header.ranges).toEqual([
        { origin: '2714-001', from: 6, to: 6 },
        { origin: 'hub-001', from: 2, to: 2 },
      ]);
    });

    it('splits a large export into parts that each verify, and refuses to export to an unknown or revoked office', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      const big = Array.from({ length: 40 }, (_, i) => change('2714-001', i + 1, 'awc', `2727140${String(i).padStart(4, '0')}`, { code: `x${i}`, name_en: randomBytes(500).toString('base64') }));
      await importOfficeBundle(hub, await officeBundle(a, hub, big));
      const split = await exportForOffice(hub, '2714', { maxBytes: 5_000 });
      expect(split.files.length).toBeGreaterThan(1);
      for (const file of split.files) expect(file.length).toBeLessThanOrEqual(5_000);
      expect((await openHubBundle(hub, a, [...split.files].reverse())).payload.changes).toHaveLength(40);

      await expectRefusedUnchanged(hub, () => exportForOffice(hub, '9999'), 'unknown-office');
      await revokeOffice(hub.db, '2714');
      await expectRefusedUnchanged(hub, () => exportForOffice(hub, '2714'), 'unknown-office');
    });
  });

  describe('revoke and status', () => {
    it('revokes an office and all its keys; every later export carries the revocation', async () => {
      const hub = await freshHub(backend);
      const { a, b } = await twoOffices(hub);
      const result = await revokeOffice(hub.db, '2714', new Date('2026-12-03T09:00:00.000Z'));
      expect(result).toEqual({ officeCode: '2714', revokedKeys: [a.keyId], alreadyRevoked: false });
      expect(await revokeOffice(hub.db, '2714')).toMatchObject({ alreadyRevoked: true, revokedKeys: [] });
      await expectRefusedUnchanged(hub, () => revokeOffice(hub.db, '9999'), 'unknown-office');
      const atB = await openHubBundle(hub, b, (await exportForOffice(hub, '4712')).files);
      expect(atB.payload.revocations).toEqual([{ keyId: a.keyId, office: '2714', revokedAt: '2026-12-03T09:00:00.000Z' }]);

      const report = await readHubReport(hub.db);
      expect(report.offices.map((office) => [office.code, office.status, office.keys.map((key) => key.revokedAt !== null)])).toEqual([
        ['2714', 'revoked', [true]],
        ['4712', 'enrolled', [false]],
      ]);
      expect(report.offices[1]!.keys[0]!.fingerprint).toBe(fingerprintOf(b.publicKey));
    });

    it('reports per office its series, last bundle and how many held changes it has not acknowledged', async () => {
      const hub = await freshHub(backend);
      const { a } = await twoOffices(hub);
      await importOfficeBundle(hub, await officeBundle(a, hub, family('2714-001', 1, { household: 'H1', awc: '27271400001' }), { acks: { '2714-001': 5 } }), { now: new Date('2026-12-03T10:00:00.000Z') });
      const report = await readHubReport(hub.db);
      expect(report.offices[0]).toMatchObject({ code: '2714', name: 'Office 2714', status: 'enrolled', series: [1], lastBundle: '2026-12-03T10:00:00.000Z', acksLag: 1 });
      expect(report.offices[1]).toMatchObject({ code: '4712', lastBundle: null, acksLag: 6 });
    });
  });
});
