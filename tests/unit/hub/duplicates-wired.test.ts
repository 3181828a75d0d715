// Statewide Aadhaar duplicates through the hub's real import and export, and the online endpoint over the
// real exchange: a number sealed at two offices comes back to each as one notice naming the other.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseStateKeyFile, protectAadhaar, verhoeffCheckDigit } from '../../../src-main/identity/index.ts';
import { enrolOffice } from '../../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../../src-main/hub/export.ts';
import type { Hub } from '../../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../../src-main/hub/import.ts';
import { initHubKeys, type HubKeys } from '../../../src-main/hub/keys.ts';
import { buildHubServer } from '../../../src-main/hub/serve.ts';
import { hubSchemaVersion, loadHubMigrations } from '../../../src-main/hub/store/index.ts';
import { describeOnEachBackend } from './backends.ts';
import { change, dumpHub, enrolRequestOf, fakeOffice, officeBundle, openHubBundle } from './hub-helpers.ts';

let keysDir = '';
let keys: HubKeys;
beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'mts-hub-keys-'));
  keys = await initHubKeys(keysDir, {});
});
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

const payload = '23456789012';
const N = payload + String(verhoeffCheckDigit(payload));

describeOnEachBackend('Aadhaar duplicates and serve, wired to the hub', (backend) => {
  it('sends each office one notice about the other, over the real import, export and online endpoint', async () => {
    const hub: Hub = { db: await backend.fresh(), keys };
    const stateFile = parseStateKeyFile(keys.stateKeyFile);
    if (!stateFile.ok) throw new Error('the hub state key file does not parse');
    const officeKeys = { dedupKey: stateFile.value.dedupKey, sealPublicKey: stateFile.value.sealPublicKey };
    const a = await fakeOffice('2714', 486, 'Akkalkuwa');
    const b = await fakeOffice('3021', 470, 'Parli');
    await enrolOffice(hub, enrolRequestOf(a));
    await enrolOffice(hub, enrolRequestOf(b));
    const hA = 'aaaaaaaa-0000-4000-8000-000000000001';
    const hB = 'bbbbbbbb-0000-4000-8000-000000000002';
    const household = (id: string, awc: string) => {
      const aadhaar = protectAadhaar(N, officeKeys);
      return { id, awc_code: awc, head_name_en: 'Ramdas Pawar', village: 'Molgi', head_aadhaar_last4: aadhaar.last4, head_aadhaar_bucket: aadhaar.bucket, head_aadhaar_sealed: aadhaar.sealed };
    };
    expect((await importOfficeBundle(hub, await officeBundle(a, hub, [change('2714-001', 1, 'household', hA, household(hA, '27140001'))]))).status).toBe('imported');

    const server = await buildHubServer({
      exchange: { importOfficeBundle: (files) => importOfficeBundle(hub, files), exportForOffice: (code) => exportForOffice(hub, code) },
      schemaVersion: () => hubSchemaVersion(hub.db),
    });
    const post = (bytes: Uint8Array) => server.inject({ method: 'POST', url: '/v1/exchange', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) });
    const [fileB] = await officeBundle(b, hub, [change('3021-001', 1, 'household', hB, household(hB, '30210001'))]);
    const response = await post(fileB!);
    expect(response.statusCode).toBe(200);
    const noticesIn = async (files: Uint8Array[], office: typeof a) =>
      (await openHubBundle(hub, office, files)).payload.changes.filter((c) => c.entity === 'duplicate_notice').map((c) => JSON.parse(c.data) as Record<string, unknown>);
    expect(await noticesIn([new Uint8Array(response.rawPayload)], b)).toEqual([expect.objectContaining({ household_id: hB, other_office: '2714', other_household_id: hA })]);
    expect(await noticesIn((await exportForOffice(hub, '2714')).files, a)).toEqual([expect.objectContaining({ household_id: hA, other_office: '3021', other_household_id: hB })]);
    expect(await dumpHub(hub.db)).not.toContain(N);

    const tampered = Uint8Array.from(fileB!);
    tampered[40]! ^= 1;
    const before = await dumpHub(hub.db);
    expect((await post(tampered)).statusCode).toBe(422);
    expect(await dumpHub(hub.db)).toBe(before);

    // A split bundle posted part by part: 202 until the last part, then 200.
    const awcs = Array.from({ length: 60 }, (_, i) => {
      const code = `3021${String(i + 2).padStart(4, '0')}`;
      return change('3021-001', 2 + i, 'awc', code, { code, name_mr: 'अंगणवाडी', name_en: randomBytes(150).toString('hex'), village: 'Parli', sector: 'Sector 1' });
    });
    const parts = await officeBundle(b, hub, awcs, { maxBytes: 3_000 });
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) expect((await post(part)).statusCode).toBe(i === parts.length - 1 ? 200 : 202);
    expect((await server.inject({ method: 'GET', url: '/v1/health' })).json()).toEqual({ ok: true, schemaVersion: loadHubMigrations().at(-1)!.version });
    await server.close();
  });
});
