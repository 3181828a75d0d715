// The office side of the rules DESIGN §6 adds on top of plain exchange: enrolment through the state key
// file, a preview that changes nothing, ranges that cover more than they carry (the hub routes), identity
// fields written only by the owner office (corrections), records only the hub writes, and revocations.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decideCorrection,
  enrolRequest,
  exportChanges,
  importBundle,
  listCorrections,
  listPeerKeys,
  syncStatus,
} from '../../../src-main/exchange/index.ts';
import { ensureOfficeKey, readOfficeAgeIdentity } from '../../../src-main/keys/index.ts';
import { readOffice } from '../../../src-main/office/service.ts';
import {
  BundleError,
  createEncryptionKeys,
  encodeChangesPayload,
  encodeEnrolmentPayload,
  issueCertificate,
  keyIdOf,
  readEnrolRequest,
  writeBundle,
  type BundleChange,
} from '../../../src-main/sync/index.ts';
import { Problem } from '../../../src-main/common/problem.ts';
import type { TestOffice } from '../../helpers/office.ts';
import { pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { dumpDatabase, openOffice, STATE_KEYS } from './exchange-helpers.ts';
import { TestRelay } from './relay.ts';

const tempDir = useTempDirs();
const ACTOR = { operatorId: null };

async function refusedUnchanged(dir: string, office: TestOffice, work: () => Promise<unknown>): Promise<Problem> {
  office.data.store.pragma('wal_checkpoint(TRUNCATE)');
  const before = dumpDatabase(dir);
  const error = await work().then(
    () => {
      throw new Error('expected a refusal');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Problem);
  office.data.store.pragma('wal_checkpoint(TRUNCATE)');
  expect(dumpDatabase(dir)).toBe(before);
  return error as Problem;
}

/** The hub's answer to a request, made the way the hub makes it: signed with the state signing key. */
async function enrolmentAnswer(
  requestText: string,
  series: number,
  options: { awcs?: { code: string; nameMr: string; nameEn: string; village: string; sector: string }[]; recipient?: string } = {},
) {
  const request = readEnrolRequest(requestText);
  const hubAge = await createEncryptionKeys();
  const files = await writeBundle({
    kind: 'enrolment',
    from: { office: 'hub', series: 1 },
    to: request.officeCode,
    schemaVersion: 9,
    epoch: randomUUID(),
    ranges: [],
    acks: {},
    payload: encodeEnrolmentPayload({
      certificate: issueCertificate(request, series, STATE_KEYS.signPrivateKey),
      hub: { signingPublicKey: STATE_KEYS.signPrivateKey, ageRecipient: hubAge.recipient },
      stateKeyFile: STATE_KEYS.text,
      series,
      awcs: options.awcs ?? [],
      revocations: [],
    }),
    signingKey: STATE_KEYS.signPrivateKey,
    recipients: [options.recipient ?? request.ageRecipient],
  });
  return files;
}

describe('enrolment', () => {
  it('the request carries a verified key; the hub answer adds the hub, a new series and AWCs, once', async () => {
    const dir = tempDir();
    const office = await openOffice(dir, '2714');
    const request = await enrolRequest(office.data);
    const key = ensureOfficeKey(dir);
    expect(request.fingerprint).toBe(key.info.fingerprint);
    expect(request.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(readEnrolRequest(request.text).officeCode).toBe('2714');
    // A request edited after signing is refused naming the field.
    const edited = request.text.replace('"block_name": "Akkalkuwa"', '"block_name": "Parli"');
    expect(() => readEnrolRequest(edited)).toThrow(/signature/);

    const answer = await enrolmentAnswer(request.text, 3, { awcs: [{ code: '27271400777', nameMr: 'नवी अंगणवाडी', nameEn: 'New AWC', village: 'Molgi', sector: 'Sector 2' }] });
    const preview = await importBundle(office.data, answer, ACTOR, { dryRun: true });
    expect(preview.status).toBe('preview');
    expect(listPeerKeys(office.data)).toEqual([]);

    const result = await importBundle(office.data, answer, ACTOR);
    expect(result.status).toBe('imported');
    expect(result.message.en).toMatch(/series 3/);
    expect(listPeerKeys(office.data).map((peer) => [peer.peer, peer.keyId])).toEqual([['hub', keyIdOf(STATE_KEYS.signPrivateKey)]]);
    expect(readOffice(office.data)!.series).toBe(3);
    expect(office.data.writer.currentOrigin).toBe('2714-003');
    expect(office.data.store.first(office.data.store.db.selectFrom('awc').select('name_en').where('code', '=', '27271400777'))?.name_en).toBe('New AWC');
    // IDs issued from now on are of series 3.
    const saved = await office.call('registry.saveHousehold', pawarForm());
    expect(saved.beneficiaries[0]!.mtsId.slice(4, 7)).toBe('003');

    const again = await importBundle(office.data, answer, ACTOR);
    expect(again.status).toBe('already-imported');
  });

  it('refuses an answer made for another key, and one signed by a key that is not the state key', async () => {
    const dir = tempDir();
    const office = await openOffice(dir, '2714');
    const otherDir = tempDir();
    const other = await openOffice(otherDir, '2714');
    const otherRequest = (await enrolRequest(other.data)).text;
    // Encrypted for the other PC: this one cannot even open it.
    const forOther = await enrolmentAnswer(otherRequest, 1);
    expect((await refusedUnchanged(dir, office, () => importBundle(office.data, forOther, ACTOR))).code).toBe('cannot-decrypt');
    // Encrypted for this PC but certifying the other PC's key.
    const misdirected = await enrolmentAnswer(otherRequest, 1, { recipient: readOfficeAgeIdentity(dir)!.recipient });
    expect((await refusedUnchanged(dir, office, () => importBundle(office.data, misdirected, ACTOR))).code).toBe('enrolment-not-for-us');

    const stranger = await TestRelay.create();
    const request = readEnrolRequest((await enrolRequest(office.data)).text);
    const forged = await writeBundle({
      kind: 'enrolment',
      from: { office: 'hub', series: 1 },
      to: '2714',
      schemaVersion: 9,
      epoch: randomUUID(),
      ranges: [],
      acks: {},
      payload: encodeEnrolmentPayload({
        certificate: issueCertificate(request, 1, stranger.signingKey),
        hub: { signingPublicKey: stranger.publicKey, ageRecipient: stranger.recipient },
        stateKeyFile: STATE_KEYS.text,
        series: 1,
        awcs: [],
        revocations: [],
      }),
      signingKey: stranger.signingKey,
      recipients: [request.ageRecipient],
    });
    const refused = await refusedUnchanged(dir, office, () => importBundle(office.data, forged, ACTOR));
    expect((refused as BundleError).code).toBe('unknown-signer');
  });
});

describe('changes from the hub', () => {
  async function pair() {
    const dirA = tempDir();
    const dirB = tempDir();
    const a = await openOffice(dirA, '2714');
    const b = await openOffice(dirB, '4712');
    const relay = await TestRelay.create();
    await relay.enrol(a.data);
    await relay.enrol(b.data);
    await a.call('registry.saveHousehold', pawarForm());
    await relay.receive((await exportChanges(a.data, 'hub')).files);
    return { a, b, dirA, dirB, relay };
  }

  function logOf(office: TestOffice, origin: string): BundleChange[] {
    return office.data.store
      .all(office.data.store.db.selectFrom('change_log').selectAll().where('origin', '=', origin).orderBy('counter'))
      .map((row) => ({ origin: row.origin, counter: row.counter, hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, data: row.data }));
  }

  async function hubBundle(relay: TestRelay, to: string, recipient: string, ranges: { origin: string; from: number; to: number }[], changes: BundleChange[]) {
    return writeBundle({
      kind: 'changes',
      from: { office: 'hub', series: 1 },
      to,
      schemaVersion: 9,
      epoch: relay.epoch,
      ranges,
      acks: {},
      payload: encodeChangesPayload({ changes, acks: {} }),
      signingKey: relay.signingKey,
      recipients: [recipient],
    });
  }

  it('a preview reports what an import will do and changes nothing', async () => {
    const { b, dirB, relay } = await pair();
    const bundle = await relay.bundleFor('4712');
    b.data.store.pragma('wal_checkpoint(TRUNCATE)');
    const before = dumpDatabase(dirB);
    const preview = await importBundle(b.data, bundle, ACTOR, { dryRun: true });
    b.data.store.pragma('wal_checkpoint(TRUNCATE)');
    expect(dumpDatabase(dirB)).toBe(before);
    expect(preview.status).toBe('preview');
    expect(preview.records['household']).toEqual({ inserted: 1, updated: 0 });
    expect(preview.records['beneficiary']!.inserted).toBeGreaterThanOrEqual(2);
    const done = await importBundle(b.data, bundle, ACTOR);
    expect({ ...done, status: 'preview', message: preview.message }).toEqual({ ...preview });
  });

  it('ranges cover counters routed elsewhere; a range beyond the covered mark waits for the gap to close', async () => {
    const { a, b, relay } = await pair();
    const log = logOf(a, '2714-001');
    const last = log.at(-1)!.counter;
    const recipient = readOfficeAgeIdentity(b.data.dataDir)!.recipient;
    // Only the AWC and household rows are "routed" to B; the range still covers every counter to `last`.
    expect(last).toBeGreaterThan(6);
    const half = Math.floor((last - 3) / 2);
    const firstPart = log.filter((change) => change.counter <= half);
    const secondPart = log.filter((change) => change.counter > half && change.counter <= last - 3);
    const laterRange = { origin: '2714-001', from: last - 2, to: last + 5 };
    const held = await importBundle(b.data, await hubBundle(relay, '4712', recipient, [laterRange], log.filter((change) => change.counter >= last - 2)), ACTOR);
    expect(held.held).toBe(3);
    expect(held.gaps).toEqual([{ origin: '2714-001', from: 1, to: last - 3 }]);
    expect(syncStatus(b.data).gaps).toEqual([{ origin: '2714-001', from: 1, to: last - 3, office: '2714' }]);

    await importBundle(b.data, await hubBundle(relay, '4712', recipient, [{ origin: '2714-001', from: 1, to: half }], firstPart), ACTOR);
    const closed = await importBundle(b.data, await hubBundle(relay, '4712', recipient, [{ origin: '2714-001', from: half + 1, to: last - 3 }], secondPart), ACTOR);
    expect(closed.gaps).toEqual([]);
    // Acks name the covered mark, beyond the newest counter received.
    const exported = await exportChanges(b.data, 'hub');
    expect(exported.acks['2714-001']).toBe(last + 5);
    expect(b.data.store.all(b.data.store.db.selectFrom('sync_held').selectAll())).toEqual([]);
    expect(b.data.store.first(b.data.store.db.selectFrom('household').select('head_name_en'))?.head_name_en).toBe('Ramdas Vitthal Pawar');
  });

  it('records only the hub writes are refused from an office origin', async () => {
    const { b, dirB, relay } = await pair();
    const recipient = readOfficeAgeIdentity(b.data.dataDir)!.recipient;
    const forged: BundleChange = {
      origin: '2714-001',
      counter: 1,
      hlc: '001764400000000.00000.2714-001',
      entity: 'household_route',
      entityId: 'x',
      op: 'insert',
      data: JSON.stringify({ household_id: 'x', owner_office: '4712', destination_office: null, routed_by_hand: 0 }),
    };
    const bundle = await hubBundle(relay, '4712', recipient, [{ origin: '2714-001', from: 1, to: 1 }], [forged]);
    const problem = await refusedUnchanged(dirB, b, () => importBundle(b.data, bundle, ACTOR));
    expect(problem.text.en).toMatch(/only the state hub/);
  });

  it('identity fields: an edit at another office is a correction the owner accepts or rejects', async () => {
    const { a, b, relay } = await pair();
    await importBundle(b.data, await relay.bundleFor('4712'), ACTOR);
    const householdId = b.data.store.first(b.data.store.db.selectFrom('household').select('id'))!.id;
    const headName = (office: TestOffice) => office.data.store.first(office.data.store.db.selectFrom('household').select(['head_name_en', 'village']).where('id', '=', householdId));

    const editAtB = async (name: string) => {
      b.data.writer.write(ACTOR, (batch) => batch.update('household', householdId, { head_name_en: name, village: 'Parli' }));
      await relay.receive((await exportChanges(b.data, 'hub')).files);
      return importBundle(a.data, await relay.bundleFor('2714'), ACTOR);
    };
    const aToB = async () => {
      await relay.receive((await exportChanges(a.data, 'hub')).files);
      await importBundle(b.data, await relay.bundleFor('4712'), ACTOR);
    };

    const first = await editAtB('Ramdas Pawar');
    expect(first.corrections).toBe(1);
    // The village (not an identity field) is taken; the name waits for A's decision.
    expect(headName(a)).toEqual({ head_name_en: 'Ramdas Vitthal Pawar', village: 'Parli' });
    const pending = listCorrections(a.data);
    expect(pending.map((c) => [c.field, c.current, c.proposed, c.fromOffice])).toEqual([['head_name_en', 'Ramdas Vitthal Pawar', 'Ramdas Pawar', '4712']]);
    decideCorrection(a.data, ACTOR, pending[0]!.id, 'reject');
    expect(listCorrections(a.data)).toEqual([]);
    await aToB();
    expect(headName(b)).toEqual({ head_name_en: 'Ramdas Vitthal Pawar', village: 'Parli' });

    await editAtB('R. V. Pawar');
    decideCorrection(a.data, ACTOR, listCorrections(a.data)[0]!.id, 'accept');
    expect(headName(a)?.head_name_en).toBe('R. V. Pawar');
    await aToB();
    expect(headName(b)?.head_name_en).toBe('R. V. Pawar');
    await expect(async () => decideCorrection(a.data, ACTOR, pending[0]!.id, 'accept')).rejects.toThrow(/no longer waiting/);
  });

  it('revocations: a revoked hub key is refused from then on; a revoked own key stops exports', async () => {
    const { a, b, dirB, relay } = await pair();
    const ownKey = ensureOfficeKey(b.data.dataDir).keyId;
    relay.revocations = [{ keyId: ownKey, office: '4712', revokedAt: '2026-12-01T10:00:00.000Z' }];
    const result = await importBundle(b.data, await relay.bundleFor('4712'), ACTOR);
    expect(result.revocations).toBe(1);
    await expect(exportChanges(b.data, 'hub')).rejects.toThrow(/revoked this office's key/);
    expect(await exportChanges(a.data, 'hub')).toBeTruthy();

    relay.revocations = [{ keyId: keyIdOf(relay.signingKey), office: 'hub', revokedAt: '2026-12-02T10:00:00.000Z' }];
    const householdId = a.data.store.first(a.data.store.db.selectFrom('household').select('id'))!.id;
    a.data.writer.write(ACTOR, (batch) => batch.update('household', householdId, { village: 'Molgi' }));
    await relay.receive((await exportChanges(a.data, 'hub')).files);
    await importBundle(b.data, await relay.bundleFor('4712'), ACTOR);
    relay.revocations = [];
    const refused = await refusedUnchanged(dirB, b, async () => importBundle(b.data, await relay.bundleFor('4712'), ACTOR));
    expect((refused as BundleError).code).toBe('revoked-signer');
  });
});
