// The hub's key files: created once with mode 0600, kept on later runs, found elsewhere through the
// environment, and refused in one sentence naming the file when missing or damaged.
import { createPublicKey, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Problem } from '../../../src-main/common/problem.ts';
import { createStateKeys, parseStateKeyFile, writeStateKeyFile } from '../../../src-main/identity/index.ts';
import {
  HUB_AADHAAR_HASH_KEY_FILE_ENV,
  HUB_KEY_FILES,
  HUB_KEYS_DIR_ENV,
  HUB_SEAL_KEY_FILE_ENV,
  initHubKeys,
  loadHubKeys,
} from '../../../src-main/hub/keys.ts';
import { keyIdOf } from '../../../src-main/sync/index.ts';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mts-hub-keys-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function problemOf(action: () => Promise<unknown>): Promise<Problem> {
  const error = await action().then(() => undefined, (thrown: unknown) => thrown);
  if (error instanceof Problem) return error;
  throw error ?? new Error('expected a refusal');
}

describe('hub keys', () => {
  it('init creates the five key files (0600) and a state key file signed by the hub key, holding the seal key and bucket key', async () => {
    const hub = tempDir();
    const keys = await initHubKeys(hub, {});
    for (const name of Object.values(HUB_KEY_FILES)) {
      expect(statSync(join(hub, 'keys', name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(hub, 'keys', HUB_KEY_FILES.signing), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(hub, 'keys', HUB_KEY_FILES.age), 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}\n$/);
    expect(keys.ageRecipient).toMatch(/^age1/);
    expect(keys.bucketKey).toHaveLength(32);
    expect(keys.aadhaarHashKey).toHaveLength(32);
    expect(Buffer.compare(keys.bucketKey, keys.aadhaarHashKey)).not.toBe(0);

    const text = readFileSync(join(hub, 'state-keys.json'), 'utf8');
    expect(text).toBe(keys.stateKeyFile);
    const parsed = parseStateKeyFile(text);
    if (!parsed.ok) throw new Error(parsed.message.en);
    expect(keyIdOf(parsed.value.signPublicKey)).toBe(keys.keyId);
    expect(parsed.value.dedupKey.equals(keys.bucketKey)).toBe(true);
    expect(parsed.value.sealPublicKey.export({ format: 'der', type: 'spki' })).toEqual(createPublicKey(keys.sealPrivateKey).export({ format: 'der', type: 'spki' }));
    const message = Buffer.from('bundle header');
    expect(verify(null, message, parsed.value.signPublicKey, sign(null, message, keys.signingKey))).toBe(true);
  });

  it('a second init keeps every existing key, and loadHubKeys reads the same keys', async () => {
    const hub = tempDir();
    const first = await initHubKeys(hub, {});
    const files = Object.values(HUB_KEY_FILES).map((name) => readFileSync(join(hub, 'keys', name), 'utf8'));
    const second = await initHubKeys(hub, {});
    expect(Object.values(HUB_KEY_FILES).map((name) => readFileSync(join(hub, 'keys', name), 'utf8'))).toEqual(files);
    expect(second.stateKeyFile).toBe(first.stateKeyFile);
    const loaded = await loadHubKeys(hub, {});
    expect(loaded.keyId).toBe(first.keyId);
    expect(loaded.ageIdentity).toBe(first.ageIdentity);
  });

  it('takes the key folder, the seal key and the Aadhaar hash key from the environment', async () => {
    const hub = tempDir();
    const vault = tempDir();
    const env = {
      [HUB_KEYS_DIR_ENV]: join(vault, 'hub-keys'),
      [HUB_SEAL_KEY_FILE_ENV]: join(vault, 'hsm', 'seal.pem'),
      [HUB_AADHAAR_HASH_KEY_FILE_ENV]: join(vault, 'hsm', 'hash.key'),
    };
    const keys = await initHubKeys(hub, env);
    expect(existsSync(join(hub, 'keys'))).toBe(false);
    expect(existsSync(join(vault, 'hub-keys', HUB_KEY_FILES.signing))).toBe(true);
    expect(existsSync(join(vault, 'hub-keys', HUB_KEY_FILES.seal))).toBe(false);
    expect(statSync(join(vault, 'hsm', 'seal.pem')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(vault, 'hsm', 'hash.key'), 'utf8').trim(), 'base64').equals(keys.aadhaarHashKey)).toBe(true);
    expect((await loadHubKeys(hub, env)).keyId).toBe(keys.keyId);
  });

  it('names a missing or damaged key file in one sentence', async () => {
    const hub = tempDir();
    await initHubKeys(hub, {});
    const seal = join(hub, 'keys', HUB_KEY_FILES.seal);
    const text = readFileSync(seal, 'utf8');
    unlinkSync(seal);
    const missing = await problemOf(() => loadHubKeys(hub, {}));
    expect(missing.code).toBe('hub-key-missing');
    expect(missing.text.en).toBe(`The hub key file ${seal} is missing. Run \`mts-hub init\` (or restore it from the key backup); nothing was changed.`);
    expect(missing.text.mr).toContain(seal);

    writeFileSync(seal, text.replace(/[A-Za-z]/, '*'));
    const damaged = await problemOf(() => loadHubKeys(hub, {}));
    expect(damaged.code).toBe('hub-key-unreadable');
    expect(damaged.text.en).toContain(seal);

    // Another seal key than the one the state key file announces: refused, the offices would seal to the wrong key.
    unlinkSync(seal);
    await initHubKeys(tempDir(), { [HUB_SEAL_KEY_FILE_ENV]: seal });
    const mismatch = await problemOf(() => loadHubKeys(hub, {}));
    expect(mismatch.text.en).toContain('does not match the hub key files');

    const hash = join(hub, 'keys', HUB_KEY_FILES.aadhaarHash);
    writeFileSync(hash, 'c2hvcnQ=\n');
    const short = await problemOf(() => loadHubKeys(hub, { [HUB_SEAL_KEY_FILE_ENV]: seal }));
    expect(short.text.en).toContain('aadhaar-hash-key.txt');
  });

  it('writeStateKeyFile signs existing keys in the format createStateKeys writes', () => {
    const made = createStateKeys();
    const text = writeStateKeyFile({
      sealPublicKey: createPublicKey(made.sealPrivateKey),
      signPrivateKey: made.signPrivateKey,
      dedupKey: Buffer.alloc(32, 7),
      issuedAt: new Date('2026-12-03T08:00:00.000Z'),
    });
    const parsed = parseStateKeyFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.fingerprint).toBe(made.fingerprint);
      expect(parsed.value.issuedAt).toBe('2026-12-03T08:00:00.000Z');
    }
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(JSON.parse(made.text)));
    expect(() => writeStateKeyFile({ sealPublicKey: createPublicKey(made.sealPrivateKey), signPrivateKey: made.signPrivateKey, dedupKey: Buffer.alloc(31) })).toThrow(TypeError);
  });
});
