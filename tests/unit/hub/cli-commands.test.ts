// enrol, import, export, route, revoke and status as child processes on one real PGlite data folder, in the
// order a state IT cell would run them. Offices are keys and hand-made changes in real bundle files.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { loadHubKeys } from '../../../src-main/hub/keys.ts';
import { decodeEnrolmentPayload, openBundle } from '../../../src-main/sync/index.ts';
import { fingerprintOf } from '../../../src-main/keys/index.ts';
import { expectOneLineRefusal, mtsHub } from './cli-helpers.ts';
import { enrolRequestOf, fakeOffice, family, officeBundle, openHubBundle, type FakeOffice } from './hub-helpers.ts';

const SLOW = 180_000;

describe('mts-hub enrol, import, export, route, revoke and status', () => {
  let root = '';
  let data = '';
  let hub: Hub;
  let a: FakeOffice;
  let b: FakeOffice;

  const status = async () => {
    const run = await mtsHub(['status', '--data', data, '--json']);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mts-hub-cli-'));
    data = join(root, 'hub');
    const init = await mtsHub(['init', '--data', data]);
    expect(init.code).toBe(0);
    // Only the hub's public half is needed by the offices; tests read the keys to play the offices' part.
    hub = { db: undefined as never, keys: await loadHubKeys(data, {}) };
    a = await fakeOffice('2714', 486, 'Akkalkuwa');
    b = await fakeOffice('4712', 470, 'Parli');
  }, SLOW);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('enrol writes the enrolment bundle and prints its path, the fingerprint and the series; a tampered request is one line', async () => {
    writeFileSync(join(root, 'a.request'), enrolRequestOf(a));
    const run = await mtsHub(['enrol', join(root, 'a.request'), '--out', join(root, 'a.enrolment.mtsb'), '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(root, 'a.enrolment.mtsb'));
    expect(run.stdout).toContain(fingerprintOf(a.publicKey));
    expect(run.stdout).toMatch(/series granted\s+1/);
    const trustedKeys = new Map([[hub.keys.keyId, { office: 'hub', publicKey: hub.keys.signingPublicKey }]]);
    const opened = await openBundle(readFileSync(join(root, 'a.enrolment.mtsb')), { trustedKeys, expectedRecipient: '2714', identity: a.identity });
    expect(decodeEnrolmentPayload(opened.payload).stateKeyFile).toBe(readFileSync(join(data, 'state-keys.json'), 'utf8'));

    writeFileSync(join(root, 'b.request'), enrolRequestOf(b));
    expect((await mtsHub(['enrol', join(root, 'b.request'), '--out', join(root, 'b.enrolment.mtsb'), '--data', data])).code).toBe(0);

    writeFileSync(join(root, 'bad.request'), enrolRequestOf(b).replace('"name_en": "Office 4712"', '"name_en": "Office 9999"'));
    const before = await status();
    expectOneLineRefusal(await mtsHub(['enrol', join(root, 'bad.request'), '--out', join(root, 'bad.mtsb'), '--data', data]), /"signature" is missing or wrong/);
    expect(await status()).toEqual(before);

    const other = await fakeOffice('2714', 486, 'Akkalkuwa');
    writeFileSync(join(root, 'other.request'), enrolRequestOf(other));
    expectOneLineRefusal(await mtsHub(['enrol', join(root, 'other.request'), '--out', join(root, 'other.mtsb'), '--data', data]), /--replace-key/);
  }, SLOW);

  it('import stores an office bundle and routes; the same file again changes nothing; a refused bundle is one line', async () => {
    const [file] = await officeBundle(a, hub, [
      ...family('2714-001', 1, { household: 'H-PARLI', awc: '27271400001' }),
      ...family('2714-001', 6, { household: 'H-GUJ', awc: '27271400001', trip: { destination_state: 'GJ' } }),
    ]);
    writeFileSync(join(root, 'a-1.mtsb'), file!);
    const run = await mtsHub(['import', join(root, 'a-1.mtsb'), '--data', data, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'imported', from: '2714', changes: 10, inserted: 10, routed: ['H-PARLI'], unrouted: 1 });

    const before = await status();
    const again = await mtsHub(['import', join(root, 'a-1.mtsb'), '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/was already imported; nothing changed/);
    const tampered = Uint8Array.from(file!);
    tampered[tampered.length - 1]! ^= 0xff;
    writeFileSync(join(root, 'tampered.mtsb'), tampered);
    expectOneLineRefusal(await mtsHub(['import', join(root, 'tampered.mtsb'), '--data', data]), /does not match the hash in its signed header/);
    expect(await status()).toEqual(before);
    expect(before.counts).toMatchObject({ offices: 2, changes: 11, bundlesSeen: 1, households: 2, householdsUnrouted: 1 });
    expect(before.unrouted).toEqual([{ id: 'H-GUJ', owner: '2714', reason: 'other-state' }]);
  }, SLOW);

  it('export writes the bundle for an office and prints the paths; route assigns an unrouted family by hand', async () => {
    const out = join(root, 'out');
    const run = await mtsHub(['export', '--office', '4712', '--out', out, '--data', data]);
    expect(run.stderr).toBe('');
    const paths = run.stdout.trim().split('\n');
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/\/mts-hub-to-4712-\d{8}-\d{4}-[0-9a-f]{8}\.mtsb$/);
    const atB = await openHubBundle(hub, b, [readFileSync(paths[0]!)]);
    expect(atB.payload.changes).toHaveLength(6);
    expect(atB.payload.changes.every((change) => change.entityId.startsWith('H-PARLI'))).toBe(true);

    const routed = await mtsHub(['route', 'H-GUJ', '--office', '4712', '--data', data]);
    expect(routed.stdout).toMatch(/household H-GUJ \(owner 2714\) is routed to office 4712 by hand/);
    expectOneLineRefusal(await mtsHub(['route', 'H-NONE', '--office', '4712', '--data', data]), /holds no household H-NONE/);
    expect((await status()).unrouted).toEqual([]);

    const split = await mtsHub(['export', '--office', '4712', '--out', join(root, 'split'), '--max-bytes', '1000', '--data', data]);
    const parts = split.stdout.trim().split('\n');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toMatch(/-part-1-of-\d+\.mtsb$/);
    expect(readdirSync(join(root, 'split'))).toHaveLength(parts.length);
    const whole = await openHubBundle(hub, b, parts.map((path) => readFileSync(path)));
    expect(whole.payload.changes.filter((change) => change.entityId === 'H-GUJ' && change.entity === 'household')).toHaveLength(1);
  }, SLOW);

  it('revoke refuses the office\'s later bundles by name; status lists the offices and their keys', async () => {
    const run = await mtsHub(['revoke', '2714', '--data', data]);
    expect(run.stdout).toContain(`office 2714 revoked; keys revoked: ${a.keyId}`);
    const [file] = await officeBundle(a, hub, family('2714-001', 11, { household: 'H-3', awc: '27271400001' }));
    writeFileSync(join(root, 'a-2.mtsb'), file!);
    expectOneLineRefusal(await mtsHub(['import', join(root, 'a-2.mtsb'), '--data', data]), /signed by a revoked key \(office 2714/);
    expectOneLineRefusal(await mtsHub(['export', '--office', '2714', '--out', join(root, 'none'), '--data', data]), /not enrolled with this hub \(or was revoked\)/);

    const report = await status();
    expect(report.offices.map((office: { code: string; status: string }) => [office.code, office.status])).toEqual([
      ['2714', 'revoked'],
      ['4712', 'enrolled'],
    ]);
    expect(report.offices[1].keys).toEqual([{ keyId: b.keyId, fingerprint: fingerprintOf(b.publicKey), revokedAt: null }]);
    expect(report.offices[0].lastBundle).not.toBeNull();
    const text = await mtsHub(['status', '--data', data]);
    expect(text.stdout).toMatch(/office 2714 +revoked, series 1/);

    const elsewhere = join(root, 'no-keys-here');
    expectOneLineRefusal(
      await mtsHub(['export', '--office', '4712', '--out', join(root, 'none'), '--data', data], { MTS_HUB_KEYS_DIR: elsewhere }),
      new RegExp(`The hub key file ${elsewhere}/hub-signing-key\\.pem is missing\\.`),
    );
  }, SLOW);
});
