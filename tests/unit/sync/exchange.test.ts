import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { exportChanges, gapsOf, importBundle, listPeerKeys, revokePeerKey, syncStatus } from '../../../src-main/exchange/index.ts';
import { readOfficeAgeIdentity } from '../../../src-main/keys/index.ts';
import { BundleError, encodeChangesPayload, writeBundle } from '../../../src-main/sync/index.ts';
import type { TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { dumpDatabase, openOffice } from './exchange-helpers.ts';
import { TestRelay } from './relay.ts';

const tempDir = useTempDirs();
const ADMIN = { operatorId: null };

interface Pair {
  a: TestOffice;
  b: TestOffice;
  dirA: string;
  dirB: string;
  relay: TestRelay;
}

async function twoOffices(): Promise<Pair> {
  const dirA = tempDir();
  const dirB = tempDir();
  const a = await openOffice(dirA, '2714');
  const b = await openOffice(dirB, '4712');
  const relay = await TestRelay.create();
  await relay.enrol(a.data);
  await relay.enrol(b.data);
  return { a, b, dirA, dirB, relay };
}

/** A → relay → B: A exports to the hub, the relay routes everything B lacks, B imports it. */
async function aToB({ a, b, relay }: Pair) {
  await relay.receive((await exportChanges(a.data, 'hub')).files);
  return importBundle(b.data, await relay.bundleFor('4712'), ADMIN);
}

async function bToA({ a, b, relay }: Pair) {
  await relay.receive((await exportChanges(b.data, 'hub')).files);
  return importBundle(a.data, await relay.bundleFor('2714'), ADMIN);
}

/** Changes of A's own origin above what the hub acknowledged, counted straight from the log. */
function pendingAtA(office: TestOffice): number {
  const acked = office.data.store.first(office.data.store.db.selectFrom('sync_peer_ack').select('high_water').where('origin', '=', '2714-001'));
  const high = office.data.store.first(office.data.store.db.selectFrom('change_log').select((eb) => eb.fn.max('counter').as('high')).where('origin', '=', '2714-001'));
  return Number(high?.high ?? 0) - (acked?.high_water ?? 0);
}

async function expectRefusedUnchanged(dir: string, work: () => Promise<unknown>, code: string): Promise<BundleError> {
  const before = dumpDatabase(dir);
  const error = await work().then(
    () => {
      throw new Error(`expected a refusal (${code})`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BundleError);
  expect((error as BundleError).code).toBe(code);
  expect((error as BundleError).text.mr.length).toBeGreaterThan(0);
  expect(dumpDatabase(dir)).toBe(before);
  return error as BundleError;
}

describe('block A → hub → block B and back', () => {
  it('an import that brings many members rebuilds the name index once: local and received names both found', async () => {
    const pair = await twoOffices();
    const { a, b, dirB } = pair;
    const local = await b.call(
      'registry.saveHousehold',
      pawarForm({
        awc: '27047500001',
        headNameMr: 'सखाराम नामदेव केंद्रे',
        headNameEn: 'Sakharam Namdeo Kendre',
        aadhaar: undefined,
        rationCard: '272099887766',
        contactNumber: '9890011223',
        migration: null,
        members: [{ nameMr: 'सविता सखाराम केंद्रे', nameEn: 'Savita Sakharam Kendre', sex: 'F', dateOfBirth: '1995-06-01', relation: 'spouse' }],
      }),
    );
    const received = await a.call('registry.saveHousehold', pawarForm());
    await pair.relay.receive((await exportChanges(a.data, 'hub')).files);
    const files = await pair.relay.bundleFor('4712');
    const before = dumpDatabase(dirB);
    // A dry run leaves nothing behind, the deferred index included.
    expect((await importBundle(b.data, files, ADMIN, { dryRun: true })).status).toBe('preview');
    expect(dumpDatabase(dirB)).toBe(before);

    expect((await importBundle(b.data, files, ADMIN)).status).toBe('imported');
    const kendre = await b.call('registry.search', { query: 'Savita Kendre' });
    expect(kendre.hits.map((hit) => hit.mtsId)).toContain(local.beneficiaries[0]!.mtsId);
    const pawar = await b.call('registry.search', { query: 'Pooja Pawar' });
    expect(pawar.hits.map((hit) => hit.mtsId)).toContain(received.beneficiaries[2]!.mtsId);
    // The index matches the rows exactly, and nothing is left deferred once the import has committed.
    const { store } = b.data;
    expect(store.all(store.db.selectFrom('name_search_deferred').selectAll())).toEqual([]);
    const integrityCheck = sql`INSERT INTO beneficiary_search (beneficiary_search, rank) VALUES ('integrity-check', 1)`;
    expect(() => store.run({ compile: () => integrityCheck.compile(store.db) })).not.toThrow();

    // A rename received later (a small import: the per-row triggers keep the index) is found by its new name.
    await a.call('registry.updateBeneficiary', { id: received.beneficiaries[0]!.id, reason: 'spelling on the card', changes: { nameEn: 'Suneeta Ramdas Pawar', dateOfBirth: '1998-03-14' } });
    expect((await aToB(pair)).status).toBe('imported');
    const renamed = await b.call('registry.search', { query: 'Suneeta Pawar' });
    expect(renamed.hits.map((hit) => hit.mtsId)).toContain(received.beneficiaries[0]!.mtsId);
    expect(() => store.run({ compile: () => integrityCheck.compile(store.db) })).not.toThrow();
  });

  it('B finds the family A registered, records a measurement, and A receives it', async () => {
    const pair = await twoOffices();
    const { a, b } = pair;
    const saved = await a.call('registry.saveHousehold', pawarForm());

    const atB = await aToB(pair);
    expect(atB.status).toBe('imported');
    expect(atB.gaps).toEqual([]);
    expect(atB.inserted).toBeGreaterThanOrEqual(1 + 3 + 1 + 1); // household, members, measurement, migration
    const found = await b.call('registry.search', { query: 'Ganesh Pawar' });
    expect(found.hits.map((hit) => hit.mtsId)).toContain(saved.beneficiaries[1]!.mtsId);
    const byId = await b.call('registry.search', { query: saved.beneficiaries[0]!.mtsId });
    expect(byId.hits).toHaveLength(1);

    // B's own office, series and login are untouched by A's.
    const officesAtB = b.data.store.all(b.data.store.db.selectFrom('office').select('code'));
    expect(officesAtB.map((o) => o.code)).toEqual(['4712']);
    expect(b.data.store.all(b.data.store.db.selectFrom('operator').select('username')).map((o) => o.username)).toEqual(['admin']);

    const ganesh = saved.beneficiaries[1]!.id;
    const measured = await b.call('registry.addMeasurement', { beneficiaryId: ganesh, measuredOn: daysAgo(0), weightKg: 8.4, heightCm: 77, posture: 'lying', muacMm: 120, oedema: false });

    const atA = await bToA(pair);
    expect(atA.status).toBe('imported');
    const row = a.data.store.first(a.data.store.db.selectFrom('measurement').selectAll().where('id', '=', measured.id));
    expect(row).toMatchObject({ beneficiary_id: ganesh, weight_kg: 8.4, muac_mm: 120 });
    // A's own changes came back through the hub as acknowledged, not re-applied.
    const origins = a.data.store.all(a.data.store.db.selectFrom('change_log').select('origin').distinct()).map((r) => r.origin).sort();
    expect(origins).toEqual(['2714-001', '4712-001']);
    // One audit entry per import, not one per field.
    const audits = b.data.store.all(b.data.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'sync.%'));
    expect(audits).toEqual([{ action: 'sync.import' }]);
    const fieldAudits = b.data.store.all(b.data.store.db.selectFrom('audit_log').select('id').where('entity_id', '=', saved.householdId));
    expect(fieldAudits).toEqual([]);
  });

  it('importing the same bundle again changes nothing and says so', async () => {
    const pair = await twoOffices();
    await pair.a.call('registry.saveHousehold', pawarForm());
    await pair.relay.receive((await exportChanges(pair.a.data, 'hub')).files);
    const bundle = await pair.relay.bundleFor('4712');
    const first = await importBundle(pair.b.data, bundle, ADMIN);
    expect(first.status).toBe('imported');
    const before = dumpDatabase(pair.dirB);
    const again = await importBundle(pair.b.data, bundle, ADMIN);
    expect(again.status).toBe('already-imported');
    expect(again.message.en).toBe('This bundle was already imported; nothing changed.');
    expect(again.message.mr.length).toBeGreaterThan(0);
    expect(dumpDatabase(pair.dirB)).toBe(before);
    // A different bundle with the same changes applies nothing new either.
    const copy = await importBundle(pair.b.data, await pair.relay.bundleFor('4712'), ADMIN);
    expect(copy).toMatchObject({ status: 'imported', applied: 0, inserted: 0, updated: 0, held: 0 });
    expect(copy.skipped).toBe(copy.changes);
  });

  it('export sends only what the peer has not acknowledged, records the bundle, and changes nothing else', async () => {
    const pair = await twoOffices();
    const { a } = pair;
    const first = await exportChanges(a.data, 'hub');
    expect(first.changes).toBeGreaterThan(0);
    expect(first.ranges).toEqual([{ origin: '2714-001', from: 1, to: first.changes }]);
    const history = a.data.store.all(a.data.store.db.selectFrom('sync_bundle').selectAll());
    expect(history).toMatchObject([{ bundle_id: first.bundleId, direction: 'out', peer: 'hub', changes: first.changes }]);

    // Until the hub acknowledges, every export repeats everything.
    const before = dumpDatabase(pair.dirA);
    const second = await exportChanges(a.data, 'hub');
    expect(second.ranges).toEqual(first.ranges);
    const after = JSON.parse(dumpDatabase(pair.dirA)) as Record<string, unknown[]>;
    const beforeTables = JSON.parse(before) as Record<string, unknown[]>;
    for (const table of Object.keys(after)) if (table !== 'sync_bundle') expect(after[table]).toEqual(beforeTables[table]);

    // The hub's acks ride back on its next bundle; then only newer changes travel.
    await pair.relay.receive(first.files);
    await importBundle(a.data, await pair.relay.bundleFor('2714'), ADMIN);
    await a.call('registry.saveHousehold', pawarForm({ headNameMr: 'बाळू कोळी', headNameEn: 'Balu Koli', contactNumber: '', migration: null, nativeVillage: 'Dhadgaon' }));
    expect(syncStatus(a.data).peers[0]!.unacknowledged).toBe(pendingAtA(a));
    const third = await exportChanges(a.data, 'hub');
    expect(syncStatus(a.data).peers[0]).toMatchObject({ unacknowledged: third.changes, lastSent: { bundleId: third.bundleId, changes: third.changes } });
    expect(third.ranges).toEqual([{ origin: '2714-001', from: first.changes + 1, to: first.changes + third.changes }]);
  });

  it('a bundle split for e-mail imports from its parts in any order, and not before all are there', async () => {
    const pair = await twoOffices();
    const { a, b, dirB, relay } = pair;
    const saved = await a.call('registry.saveHousehold', pawarForm());
    const exported = await exportChanges(a.data, 'hub', { maxBytes: 1_000 });
    expect(exported.files.length).toBeGreaterThan(1);
    expect(exported.files.every((file) => file.length <= 1_000)).toBe(true);
    await relay.receive([...exported.files].reverse());
    const parts = await relay.partsFor('4712', 1_000);
    expect(parts.length).toBeGreaterThan(1);
    const error = await expectRefusedUnchanged(dirB, () => importBundle(b.data, parts.slice(1), ADMIN), 'parts-missing');
    expect(error.text.en).toContain('Parts 1 of');
    const result = await importBundle(b.data, [...parts.slice(1), parts[0]!], ADMIN);
    expect(result.status).toBe('imported');
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('id').where('id', '=', saved.householdId))).toBeDefined();
    // Any one part again is the same bundle: already imported.
    expect((await importBundle(b.data, parts, ADMIN)).status).toBe('already-imported');
  });

  it('a lost bundle is repaired by the next export, which carries everything unacknowledged', async () => {
    const pair = await twoOffices();
    const { a, b } = pair;
    const one = await a.call('registry.saveHousehold', pawarForm());
    await exportChanges(a.data, 'hub'); // lost on the way: the hub never sees it
    await a.call('registry.updateHousehold', { id: one.householdId, reason: 'family moved', changes: { nativeVillage: 'Molgi Pada' } });
    const result = await aToB(pair);
    expect(result.gaps).toEqual([]);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('village').where('id', '=', one.householdId))).toEqual({ village: 'Molgi Pada' });
    const membersAtB = b.data.store.all(b.data.store.db.selectFrom('beneficiary').select('id').where('household_id', '=', one.householdId));
    expect(membersAtB).toHaveLength(3);
  });

  it('a later bundle first: its changes are held and the gap reported; the earlier one then applies all', async () => {
    const pair = await twoOffices();
    const { a, b, relay } = pair;
    await relay.receive((await exportChanges(a.data, 'hub')).files);
    const setupChanges = relay.highWater()['2714-001']!;
    const saved = await a.call('registry.saveHousehold', pawarForm());
    await relay.receive((await exportChanges(a.data, 'hub')).files);
    const total = relay.highWater()['2714-001']!;

    const early = await relay.bundleFor('4712', (c) => c.counter <= setupChanges);
    const late = await relay.bundleFor('4712', (c) => c.counter > setupChanges);
    const held = await importBundle(b.data, late, ADMIN);
    expect(held).toMatchObject({ applied: 0, held: total - setupChanges });
    expect(held.gaps).toEqual([{ origin: '2714-001', from: 1, to: setupChanges }]);
    expect(held.message.en).toContain(`2714-001 1–${setupChanges}`);
    expect(gapsOf(b.data)).toEqual(held.gaps);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('id').where('id', '=', saved.householdId))).toBeUndefined();

    const status = syncStatus(b.data);
    expect(status.gaps).toEqual([{ origin: '2714-001', from: 1, to: setupChanges, office: '2714' }]);
    expect(status.peers[0]).toMatchObject({ peer: 'hub', lastReceived: { direction: 'in', held: total - setupChanges, outcome: 'imported with gaps' }, lastSent: null });

    const filled = await importBundle(b.data, early, ADMIN);
    expect(filled.applied).toBe(total);
    expect(filled.gaps).toEqual([]);
    expect(b.data.store.all(b.data.store.db.selectFrom('sync_held').selectAll())).toEqual([]);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('head_name_en').where('id', '=', saved.householdId))).toEqual({ head_name_en: 'Ramdas Vitthal Pawar' });
  });

  it('an older edit never overwrites a newer one, whichever arrives first', async () => {
    const pair = await twoOffices();
    const { a, b } = pair;
    const saved = await a.call('registry.saveHousehold', pawarForm());
    await aToB(pair);
    // B edits the village, then A edits it later: A's edit is newer and must win at both.
    await b.call('registry.updateHousehold', { id: saved.householdId, reason: 'family told us', changes: { nativeVillage: 'Parli' } });
    await a.call('registry.updateHousehold', { id: saved.householdId, reason: 'checked the card', changes: { nativeVillage: 'Molgi Pada', contactNumber: '9823011111' } });
    await bToA(pair);
    await aToB(pair);
    const village = (office: TestOffice) =>
      office.data.store.first(office.data.store.db.selectFrom('household').select(['village', 'mobile']).where('id', '=', saved.householdId));
    expect(village(a)).toEqual({ village: 'Molgi Pada', mobile: '9823011111' });
    expect(village(b)).toEqual(village(a));
  });
});

describe('refused bundles change nothing', () => {
  it('tampered, truncated, foreign, revoked, misaddressed, newer-schema and invalid bundles are refused', async () => {
    const pair = await twoOffices();
    const { a, b, dirB, relay } = pair;
    await a.call('registry.saveHousehold', pawarForm());
    await relay.receive((await exportChanges(a.data, 'hub')).files);
    const good = await relay.bundleFor('4712');

    const tampered = Uint8Array.from(good);
    tampered[tampered.length - 10]! ^= 0x01;
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, tampered, ADMIN), 'payload-hash-mismatch');
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, good.subarray(0, good.length - 1), ADMIN), 'truncated');
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, new Uint8Array(0), ADMIN), 'empty-file');

    const stranger = await TestRelay.create();
    await stranger.enrol(a.data); // a hub B never enrolled with
    await stranger.receive((await exportChanges(a.data, 'hub')).files);
    const foreign = await stranger.bundleFor('2714');
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, foreign, ADMIN), 'unknown-signer');
    const toA = await relay.bundleFor('2714');
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, toA, ADMIN), 'not-addressed-to-us');

    // Signed by a key B does not know.
    const unknownKey = generateKeyPairSync('ed25519').privateKey;
    const recipientOfB = readOfficeAgeIdentity(pair.dirB)!.recipient;
    const bundleBy = (signingKey = relay.signingKey, extra: { schemaVersion?: number; payload?: Uint8Array; ranges?: { origin: string; from: number; to: number }[] } = {}) =>
      writeBundle({
        kind: 'changes',
        from: { office: 'hub', series: 1 },
        to: '4712',
        schemaVersion: extra.schemaVersion ?? 8,
        epoch: relay.epoch,
        ranges: extra.ranges ?? [],
        acks: {},
        payload: extra.payload ?? encodeChangesPayload({ changes: [], acks: {} }),
        signingKey,
        recipients: [recipientOfB],
      });
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(unknownKey), ADMIN), 'unknown-signer');

    // Newer schema: refused with a sentence that says to update the app.
    const newer = await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { schemaVersion: 99 }), ADMIN), 'newer-schema');
    expect(newer.text.en).toMatch(/update the app/);

    // Payload that does not match its header, and changes no version of the schema writes.
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { payload: Uint8Array.from([0xa0]) }), ADMIN), 'payload-invalid');
    const good1 = { origin: '2714-001', counter: 1, hlc: '001764400000000.00000.2714-001', entity: 'awc', entityId: '27271400009', op: 'insert' as const, data: JSON.stringify({ code: '27271400009', name_mr: 'न', name_en: 'N', village: 'V', sector: 'S', worker_name: null, worker_mobile: null }) };
    // A change outside every range its signed header announces.
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { ranges: [{ origin: '2714-001', from: 2, to: 2 }], payload: encodeChangesPayload({ changes: [good1], acks: {} }) }), ADMIN), 'payload-invalid');
    const bad2 = { ...good1, counter: 2, hlc: '001764400000001.00000.2714-001', op: 'update' as const, data: JSON.stringify({ password_hash: 'x' }) };
    const bad2b = { ...bad2, data: JSON.stringify({ no_such_column: 1 }) };
    const ranges = [{ origin: '2714-001', from: 1, to: 2 }];
    // A valid change followed by a bad one: the first is not kept either.
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { ranges, payload: encodeChangesPayload({ changes: [good1, bad2], acks: {} }) }), ADMIN), 'payload-invalid');
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { ranges, payload: encodeChangesPayload({ changes: [good1, bad2b], acks: {} }) }), ADMIN), 'payload-invalid');
    // A bad change that would only be held (its predecessors missing) refuses the bundle all the same.
    const heldBad = { ...bad2b, counter: 5 };
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { ranges: [{ origin: '2714-001', from: 5, to: 5 }], payload: encodeChangesPayload({ changes: [heldBad], acks: {} }) }), ADMIN), 'payload-invalid');
    const badEntity = { ...good1, entity: 'audit_log' };
    await expectRefusedUnchanged(dirB, async () => importBundle(b.data, await bundleBy(undefined, { ranges: [{ origin: '2714-001', from: 1, to: 1 }], payload: encodeChangesPayload({ changes: [badEntity], acks: {} }) }), ADMIN), 'payload-invalid');

    // Revoked: the hub's key, once revoked, no longer opens anything.
    const hubKey = listPeerKeys(b.data).find((k) => k.peer === 'hub')!;
    revokePeerKey(b.data, hubKey.keyId);
    await expectRefusedUnchanged(dirB, () => importBundle(b.data, good, ADMIN), 'revoked-signer');
    // B still holds none of A's records.
    expect(b.data.store.all(b.data.store.db.selectFrom('household').select('id'))).toEqual([]);
  });
});

describe('every damaged copy of a bundle is refused at import, and nothing changes', () => {
  it('each byte flipped in turn, and each truncation length', async () => {
    const pair = await twoOffices();
    const { b, dirB, relay } = pair;
    const awc = { origin: '2714-001', counter: 1, hlc: '001764400000000.00000.2714-001', entity: 'awc', entityId: '27271400009', op: 'insert' as const, data: JSON.stringify({ code: '27271400009', name_mr: 'न', name_en: 'N', village: 'V', sector: 'S', worker_name: null, worker_mobile: null }) };
    const recipient = readOfficeAgeIdentity(dirB)!.recipient;
    const bundle = await writeBundle({
      kind: 'changes',
      from: { office: 'hub', series: 1 },
      to: '4712',
      schemaVersion: 8,
      epoch: relay.epoch,
      ranges: [{ origin: '2714-001', from: 1, to: 1 }],
      acks: { '2714-001': 1 },
      payload: encodeChangesPayload({ changes: [awc], acks: { '2714-001': 1 } }),
      signingKey: relay.signingKey,
      recipients: [recipient],
    });
    const before = dumpDatabase(dirB);
    const codes = new Set<string>();
    for (let i = 0; i < bundle.length; i++) {
      const copy = Uint8Array.from(bundle);
      copy[i]! ^= 0x01;
      const error = await importBundle(b.data, copy, ADMIN).then(() => null, (thrown: unknown) => thrown);
      expect(error, `byte ${i}`).toBeInstanceOf(BundleError);
      codes.add((error as BundleError).code);
    }
    for (let length = 0; length < bundle.length; length++) {
      const error = await importBundle(b.data, bundle.subarray(0, length), ADMIN).then(() => null, (thrown: unknown) => thrown);
      expect(error, `length ${length}`).toBeInstanceOf(BundleError);
    }
    expect(dumpDatabase(dirB)).toBe(before);
    expect([...codes].sort()).toEqual(expect.arrayContaining(['bad-signature', 'payload-hash-mismatch', 'not-a-bundle']));
    // The intact file still imports: the refusals left nothing behind that would stop it.
    expect((await importBundle(b.data, bundle, ADMIN)).applied).toBe(1);
  });
});
