// The hub's secret keys live in files, never in the database: a database dump or replica must not be able
// to sign bundles, open sealed Aadhaar numbers or recompute Aadhaar hashes. `mts-hub init` creates the
// files that are missing (mode 0600) in H/keys (or MTS_HUB_KEYS_DIR); production keeps the seal and hash
// keys in an HSM or vault and points the hub at them with the two path variables below.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Problem } from '../common/problem.ts';
import { parseStateKeyFile, writeStateKeyFile } from '../identity/index.ts';
import { createEncryptionKeys, keyIdOf, recipientOf } from '../sync/index.ts';

export const HUB_KEYS_DIR_ENV = 'MTS_HUB_KEYS_DIR';
export const HUB_SEAL_KEY_FILE_ENV = 'MTS_HUB_SEAL_KEY_FILE';
export const HUB_AADHAAR_HASH_KEY_FILE_ENV = 'MTS_HUB_AADHAAR_HASH_KEY_FILE';

export const HUB_KEY_FILES = {
  signing: 'hub-signing-key.pem',
  age: 'hub-age-identity.txt',
  seal: 'state-seal-key.pem',
  bucket: 'aadhaar-bucket-key.txt',
  aadhaarHash: 'aadhaar-hash-key.txt',
} as const;
export const STATE_KEY_FILE = 'state-keys.json';

const SECRET_BYTES = 32;

export interface HubKeys {
  /** Ed25519 private: signs every hub bundle. It is the state signing key of the state key file. */
  readonly signingKey: KeyObject;
  readonly signingPublicKey: KeyObject;
  readonly keyId: string;
  /** age X25519 identity (`AGE-SECRET-KEY-1…`): opens the bundles offices send to the hub. */
  readonly ageIdentity: string;
  readonly ageRecipient: string;
  /** X25519 private: opens Aadhaar numbers sealed by offices to the state seal key. */
  readonly sealPrivateKey: KeyObject;
  /** HMAC key of the 16-bit Aadhaar bucket, the same in every office (it is in the state key file). */
  readonly bucketKey: Buffer;
  /** Key of the full-length keyed Aadhaar hash the hub keeps for statewide duplicates; never leaves the hub. */
  readonly aadhaarHashKey: Buffer;
  /** Text of H/state-keys.json, as offices import it. */
  readonly stateKeyFile: string;
}

export interface HubKeyPaths {
  readonly dir: string;
  readonly signing: string;
  readonly age: string;
  readonly seal: string;
  readonly bucket: string;
  readonly aadhaarHash: string;
  readonly stateKeyFile: string;
}

export function hubKeyPaths(dataDir: string, env: NodeJS.ProcessEnv = process.env): HubKeyPaths {
  const dir = resolve(env[HUB_KEYS_DIR_ENV] || join(dataDir, 'keys'));
  return {
    dir,
    signing: join(dir, HUB_KEY_FILES.signing),
    age: join(dir, HUB_KEY_FILES.age),
    seal: resolve(env[HUB_SEAL_KEY_FILE_ENV] || join(dir, HUB_KEY_FILES.seal)),
    bucket: join(dir, HUB_KEY_FILES.bucket),
    aadhaarHash: resolve(env[HUB_AADHAAR_HASH_KEY_FILE_ENV] || join(dir, HUB_KEY_FILES.aadhaarHash)),
    stateKeyFile: join(resolve(dataDir), STATE_KEY_FILE),
  };
}

function writeSecret(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/**
 * Creates every key file that does not exist yet and H/state-keys.json; existing files are kept as they
 * are (a new signing key would make every office distrust the hub). Returns the loaded keys.
 */
export async function initHubKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<HubKeys> {
  const paths = hubKeyPaths(dataDir, env);
  if (!existsSync(paths.signing)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(paths.signing, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  }
  if (!existsSync(paths.age)) writeSecret(paths.age, `${(await createEncryptionKeys()).identity}\n`);
  if (!existsSync(paths.seal)) {
    const { privateKey } = generateKeyPairSync('x25519');
    writeSecret(paths.seal, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  }
  if (!existsSync(paths.bucket)) writeSecret(paths.bucket, `${randomBytes(SECRET_BYTES).toString('base64')}\n`);
  if (!existsSync(paths.aadhaarHash)) writeSecret(paths.aadhaarHash, `${randomBytes(SECRET_BYTES).toString('base64')}\n`);
  if (!existsSync(paths.stateKeyFile)) {
    const signingKey = readPrivateKey(paths.signing, 'ed25519');
    const text = writeStateKeyFile({
      sealPublicKey: createPublicKey(readPrivateKey(paths.seal, 'x25519')),
      signPrivateKey: signingKey,
      dedupKey: readSecretBytes(paths.bucket),
    });
    mkdirSync(resolve(dataDir), { recursive: true });
    // Public content (the office imports it); the file stays readable.
    writeFileSync(paths.stateKeyFile, text, { flag: 'wx' });
  }
  return loadHubKeys(dataDir, env);
}

/** Reads every hub key; a missing or unreadable file is named in one sentence. */
export async function loadHubKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<HubKeys> {
  const paths = hubKeyPaths(dataDir, env);
  const signingKey = readPrivateKey(paths.signing, 'ed25519');
  const signingPublicKey = createPublicKey(signingKey);
  const ageIdentity = readText(paths.age).trim();
  let ageRecipient: string;
  try {
    ageRecipient = await recipientOf(ageIdentity);
  } catch {
    throw unreadableKey(paths.age, 'not an age X25519 identity');
  }
  const sealPrivateKey = readPrivateKey(paths.seal, 'x25519');
  const bucketKey = readSecretBytes(paths.bucket);
  const aadhaarHashKey = readSecretBytes(paths.aadhaarHash);
  const stateKeyFile = readText(paths.stateKeyFile);
  const parsed = parseStateKeyFile(stateKeyFile);
  if (!parsed.ok) throw unreadableKey(paths.stateKeyFile, parsed.message.en);
  const sealPublic = createPublicKey(sealPrivateKey).export({ format: 'der', type: 'spki' });
  if (
    keyIdOf(parsed.value.signPublicKey) !== keyIdOf(signingPublicKey) ||
    Buffer.compare(parsed.value.sealPublicKey.export({ format: 'der', type: 'spki' }), sealPublic) !== 0 ||
    Buffer.compare(parsed.value.dedupKey, bucketKey) !== 0
  ) {
    throw unreadableKey(paths.stateKeyFile, 'it does not match the hub key files');
  }
  return {
    signingKey,
    signingPublicKey,
    keyId: keyIdOf(signingPublicKey),
    ageIdentity,
    ageRecipient,
    sealPrivateKey,
    bucketKey,
    aadhaarHashKey,
    stateKeyFile,
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Problem('hub-key-missing', {
        en: `The hub key file ${path} is missing. Run \`mts-hub init\` (or restore it from the key backup); nothing was changed.`,
        mr: `हब की फाइल ${path} सापडत नाही. \`mts-hub init\` चालवा (किंवा की बॅकअपमधून ती परत आणा); काहीही बदललेले नाही.`,
      });
    }
    throw unreadableKey(path, code ?? 'cannot read');
  }
}

function readPrivateKey(path: string, type: 'ed25519' | 'x25519'): KeyObject {
  const text = readText(path);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw unreadableKey(path, `not a PKCS#8 PEM ${type} private key`);
  }
  if (key.asymmetricKeyType !== type) throw unreadableKey(path, `not a PKCS#8 PEM ${type} private key`);
  return key;
}

function readSecretBytes(path: string): Buffer {
  const text = readText(path).trim();
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== SECRET_BYTES || bytes.toString('base64') !== text) throw unreadableKey(path, `not ${SECRET_BYTES} bytes in base64`);
  return bytes;
}

function unreadableKey(path: string, reason: string): Problem {
  return new Problem('hub-key-unreadable', {
    en: `The hub key file ${path} cannot be used (${reason}); nothing was changed.`,
    mr: `हब की फाइल ${path} वापरता येत नाही (${reason}); काहीही बदललेले नाही.`,
  });
}
