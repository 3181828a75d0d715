import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Decrypter, Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_KINDS,
  BundleError,
  createEncryptionKeys,
  describeBundle,
  keyIdOf,
  recipientOf,
  FORMAT_VERSION,
  MAGIC,
  openBundle,
  readBundleHeader,
  writeBundle,
  type BundleErrorCode,
} from '../../../src-main/sync/index.ts';
import { stateKeyFingerprint } from '../../../src-main/identity/index.ts';
import { signBundle, sha256 } from '../../../src-main/sync/seal.ts';
import { EPOCH, fieldsFor, makeNode, text, trustOf, type TestNode } from './fixtures.ts';

let office: TestNode;
let hub: TestNode;
let other: TestNode;

beforeAll(async () => {
  office = await makeNode('2714', 1);
  hub = await makeNode('hub', 1);
  other = await makeNode('3301', 2);
});

/** Runs `action` and returns the BundleError it throws; fails the test on success or any other error. */
async function refusal(action: () => unknown): Promise<BundleError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('expected the bundle to be refused');
}

async function expectRefused(action: () => unknown, code: BundleErrorCode): Promise<BundleError> {
  const error = await refusal(action);
  expect(error.code).toBe(code);
  expect(error.text.en).toMatch(/^[^\n]+\.$/);
  expect(error.text.mr).toMatch(/[\u0900-\u097f]/);
  return error;
}

function officeToHub(payload: Uint8Array, kind: (typeof BUNDLE_KINDS)[number] = 'changes') {
  return writeBundle({ ...fieldsFor(office, 'hub', kind), payload, signingKey: office.signingKey, recipients: [hub.recipient] });
}

const hubOpens = () => ({ trustedKeys: trustOf(office, hub), expectedRecipient: 'hub', identity: hub.identity });

describe('bundle round trip', () => {
  for (const kind of BUNDLE_KINDS) {
    it(`a ${kind} bundle opens to the same payload and header it was written with`, async () => {
      const payload = text(`{"kind":"${kind}","changes":[{"origin":"2714-001","counter":1}]}`);
      const bytes = await officeToHub(payload, kind);
      const opened = await openBundle(bytes, hubOpens());
      expect(opened.payload).toEqual(payload);
      const { header } = opened;
      expect(header.kind).toBe(kind);
      expect(header.from).toEqual({ office: '2714', series: 1, keyId: office.keyId });
      expect(header.to).toBe('hub');
      expect(header.schemaVersion).toBe(8);
      expect(header.epoch).toBe(EPOCH);
      expect(header.createdAt).toBe('2026-12-03T07:30:00.000Z');
      expect(header.ranges).toEqual(fieldsFor(office, 'hub').ranges);
      expect(header.acks).toEqual({ 'hub-001': 6, '2714-001': 0 });
      expect(header.contentLength).toBe(payload.length);
      expect(header.chunk).toEqual({ index: 0, count: 1, groupId: header.id });
      expect(header.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  }

  it('the hub reads the authenticated header without any decryption key', async () => {
    const bytes = await officeToHub(text('routing only'));
    const header = readBundleHeader(bytes, { trustedKeys: trustOf(office) });
    expect(header.from.office).toBe('2714');
    expect(header.payload.sha256).toEqual(sha256(bytes.subarray(bytes.length - header.payload.length)));
  });

  it('the hub answers an office: bundles flow both ways, to every recipient given', async () => {
    const archive = await makeNode('hub', 2);
    const bytes = await writeBundle({
      ...fieldsFor(hub, '2714', 'acks'),
      payload: text('acks'),
      signingKey: hub.signingKey,
      recipients: [office.recipient, archive.recipient],
    });
    const trust = { trustedKeys: trustOf(hub), expectedRecipient: '2714' };
    expect(text('acks')).toEqual((await openBundle(bytes, { ...trust, identity: office.identity })).payload);
    expect(text('acks')).toEqual((await openBundle(bytes, { ...trust, identity: archive.identity })).payload);
  });

  it('an empty payload and a payload of a few megabytes both round-trip', async () => {
    expect((await openBundle(await officeToHub(new Uint8Array(0)), hubOpens())).payload).toEqual(new Uint8Array(0));
    const large = randomBytes(3 * 1024 * 1024 + 17);
    large.fill(7, 0, 1024 * 1024); // part compressible, part not
    const opened = await openBundle(await officeToHub(large), hubOpens());
    expect(Buffer.compare(opened.payload, large)).toBe(0);
  });

  it('survives a real file: written to disk, read back as a Buffer, opened', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mtsb-'));
    try {
      const payload = text('on a USB stick');
      const file = join(folder, 'to-hub.mtsb');
      writeFileSync(file, await officeToHub(payload));
      expect((await openBundle(readFileSync(file), hubOpens())).payload).toEqual(payload);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('starts with the magic and format version, and the payload region is a plain age file holding gzip', async () => {
    const payload = text('state officer opens this with age and gunzip');
    const bytes = await officeToHub(payload);
    expect([...bytes.subarray(0, 5)]).toEqual([...MAGIC, FORMAT_VERSION]);
    const description = describeBundle(bytes, 'from 2714.mtsb', 'hub-key.txt');
    expect(description.payloadOffset + description.payloadLength).toBe(bytes.length);
    expect(description.ageCommand).toBe(
      `tail -c +${description.payloadOffset + 1} 'from 2714.mtsb' | age -d -i 'hub-key.txt' | gunzip > payload.bin`,
    );
    // What `tail -c +N` cuts out is exactly an age file: decrypt it as `age -d` would, then gunzip.
    const region = bytes.subarray(description.payloadOffset);
    expect(new TextDecoder().decode(region.subarray(0, 22))).toBe('age-encryption.org/v1\n');
    const decrypter = new Decrypter();
    decrypter.addIdentity(hub.identity);
    expect(new Uint8Array(gunzipSync(await decrypter.decrypt(region)))).toEqual(payload);
  });
});

describe('refusals', () => {
  it('a bundle for another office is refused as not addressed to us, even by a holder of the right key', async () => {
    const bytes = await officeToHub(text('for the hub'));
    const error = await expectRefused(
      () => openBundle(bytes, { trustedKeys: trustOf(office), expectedRecipient: '3301', identity: hub.identity }),
      'not-addressed-to-us',
    );
    expect(error.text.en).toBe('This bundle is addressed to the state hub, not to office 3301; it was not imported.');
    await expectRefused(() => readBundleHeader(bytes, { trustedKeys: trustOf(office), expectedRecipient: '3301' }), 'not-addressed-to-us');
  });

  it('a bundle encrypted for someone else cannot be decrypted with our key', async () => {
    const bytes = await officeToHub(text('for the hub'));
    await expectRefused(
      () => openBundle(bytes, { trustedKeys: trustOf(office), expectedRecipient: 'hub', identity: other.identity }),
      'cannot-decrypt',
    );
  });

  it('an unknown signer is refused, and so is a revoked one even while still listed', async () => {
    const bytes = await officeToHub(text('x'));
    const unknown = await expectRefused(() => readBundleHeader(bytes, { trustedKeys: trustOf(hub, other) }), 'unknown-signer');
    expect(unknown.text.en).toContain(office.keyId);
    await expectRefused(
      () => openBundle(bytes, { ...hubOpens(), revoked: new Set([office.keyId]) }),
      'revoked-signer',
    );
  });

  it('a key may sign only for its own office', async () => {
    // Office 3301 signs a bundle claiming to come from 2714.
    const forged = await writeBundle({ ...fieldsFor(office, 'hub'), payload: text('x'), signingKey: other.signingKey, recipients: [hub.recipient] });
    const error = await expectRefused(() => readBundleHeader(forged, { trustedKeys: trustOf(office, other) }), 'signer-office-mismatch');
    expect(error.text.en).toContain('office 2714');
    expect(error.text.en).toContain('office 3301');
  });

  it('a header re-signed by anyone else, or a signature copied from another bundle, is refused', async () => {
    const bytes = await officeToHub(text('x'));
    const otherBundle = await officeToHub(text('y'));
    const { payloadOffset } = describeBundle(bytes);
    const spliced = Uint8Array.from(bytes);
    spliced.set(otherBundle.subarray(payloadOffset - 64, payloadOffset), payloadOffset - 64);
    await expectRefused(() => readBundleHeader(spliced, { trustedKeys: trustOf(office) }), 'bad-signature');
  });

  it('another payload under a validly signed header is refused by the payload hash', async () => {
    const bytes = await officeToHub(text('original'));
    const { payloadOffset, header } = describeBundle(bytes);
    const encrypter = new Encrypter();
    encrypter.addRecipient(hub.recipient);
    const swapped = await encrypter.encrypt(gzipSync(text('Original')));
    expect(swapped.length).toBe(header.payload.length);
    const replaced = new Uint8Array(bytes.length);
    replaced.set(bytes.subarray(0, payloadOffset));
    replaced.set(swapped, payloadOffset);
    await expectRefused(() => openBundle(replaced, hubOpens()), 'payload-hash-mismatch');
  });

  it('empty files, other files, newer or unknown format versions and extra bytes are refused', async () => {
    const bytes = await officeToHub(text('x'));
    await expectRefused(() => readBundleHeader(new Uint8Array(0), { trustedKeys: trustOf(office) }), 'empty-file');
    await expectRefused(() => readBundleHeader(text('PK\u0003\u0004 a zip file'), { trustedKeys: trustOf(office) }), 'not-a-bundle');
    await expectRefused(() => readBundleHeader(text('MTSA'), { trustedKeys: trustOf(office) }), 'not-a-bundle');
    const newer = Uint8Array.from(bytes);
    newer[4] = FORMAT_VERSION + 1;
    const error = await expectRefused(() => readBundleHeader(newer, { trustedKeys: trustOf(office) }), 'newer-format-version');
    expect(error.text.en).toContain('update the app');
    const zero = Uint8Array.from(bytes);
    zero[4] = 0;
    await expectRefused(() => readBundleHeader(zero, { trustedKeys: trustOf(office) }), 'unsupported-format-version');
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    await expectRefused(() => readBundleHeader(longer, { trustedKeys: trustOf(office) }), 'trailing-data');
  });

  it('a payload above the size limit is refused from its signed header, before decrypting', async () => {
    const zeros = new Uint8Array(12 * 1024 * 1024);
    const bytes = await officeToHub(zeros);
    expect(bytes.length).toBeLessThan(64 * 1024);
    // A key that cannot decrypt proves the refusal comes first.
    const error = await expectRefused(
      () => openBundle(bytes, { ...hubOpens(), identity: other.identity, maxContentBytes: 10 * 1024 * 1024 }),
      'payload-too-large',
    );
    expect(error.text.en).toContain('12.0 MB');
    expect(error.text.en).toContain('10.0 MB');
  });

  it('a zip bomb whose signed header understates its size stops inflating at the stated size', async () => {
    const encrypter = new Encrypter();
    encrypter.addRecipient(hub.recipient);
    const encrypted = await encrypter.encrypt(gzipSync(new Uint8Array(64 * 1024 * 1024)));
    const bomb = signBundle(
      {
        ...fieldsFor(office, 'hub'),
        id: '0b6a3c52-5a5e-4f7e-8c1d-2e3f4a5b6c7d',
        from: { office: '2714', series: 1, keyId: office.keyId },
        createdAt: '2026-12-03T07:30:00.000Z',
        payload: { sha256: sha256(encrypted), length: encrypted.length },
        contentLength: 1000,
        chunk: { index: 0, count: 1, groupId: '0b6a3c52-5a5e-4f7e-8c1d-2e3f4a5b6c7d' },
      },
      encrypted,
      office.signingKey,
    );
    await expectRefused(() => openBundle(bomb, hubOpens()), 'payload-damaged');
  });
});

describe('keys', () => {
  it('a key id is the start of the phone fingerprint, the same from either half of the key', async () => {
    expect(keyIdOf(office.signingKey)).toBe(office.keyId);
    const fingerprint = stateKeyFingerprint(office.publicKey).replaceAll(' ', '').toLowerCase();
    expect(fingerprint.startsWith(office.keyId)).toBe(true);
    expect(() => keyIdOf(generateKeyPairSync('x25519').publicKey)).toThrow(TypeError);
  });

  it('encryption keys: the recipient is derived from the identity; anything else is refused', async () => {
    const keys = await createEncryptionKeys();
    expect(keys.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(await recipientOf(keys.identity)).toBe(keys.recipient);
    await expect(recipientOf(keys.recipient)).rejects.toThrow(TypeError);
  });
});
