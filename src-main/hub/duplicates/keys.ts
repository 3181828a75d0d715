// The two secrets of statewide Aadhaar duplicate detection, both read from files outside the database:
// the state's X25519 seal private key (opens the numbers offices sealed) and the hash key (the HMAC key of
// the full-length hash the hub keeps). A copy of the database alone therefore holds neither numbers nor a
// way to test guesses against the hashes. Production keeps both in a vault or HSM and mounts them for the
// hub process only (README.md in this folder).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Problem } from '../../common/problem.ts';

export const SEAL_KEY_FILE_ENV = 'MTS_HUB_SEAL_KEY_FILE';
export const HASH_KEY_FILE_ENV = 'MTS_HUB_AADHAAR_HASH_KEY_FILE';
export const MIN_HASH_KEY_BYTES = 32;

export interface AadhaarVaultKeys {
  /** The state's X25519 private key: opens `mtsa1.` sealed numbers. */
  readonly sealPrivateKey: KeyObject;
  /** HMAC-SHA256 key of the full-length hash (at least 32 bytes). */
  readonly hashKey: Uint8Array;
}

export interface AadhaarVaultKeyFiles {
  /** Path of the seal private key file; else $MTS_HUB_SEAL_KEY_FILE; else `defaultSealKeyFile`. */
  readonly sealKeyFile?: string | undefined;
  /** Path of the hash key file; else $MTS_HUB_AADHAAR_HASH_KEY_FILE. There is no default. */
  readonly hashKeyFile?: string | undefined;
  /** Where the hub keeps the seal key when nothing else is said (the hub's keys folder). */
  readonly defaultSealKeyFile?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Reads both keys. Refuses, naming the file and never its content: a missing setting or file, a file that
 * other users may read, a seal key that is not an X25519 private key, a hash key shorter than 32 bytes.
 */
export function loadAadhaarVaultKeys(files: AadhaarVaultKeyFiles = {}): AadhaarVaultKeys {
  const env = files.env ?? process.env;
  const sealPath = files.sealKeyFile ?? env[SEAL_KEY_FILE_ENV] ?? files.defaultSealKeyFile;
  const hashPath = files.hashKeyFile ?? env[HASH_KEY_FILE_ENV];
  if (!sealPath) throw notConfigured('seal', SEAL_KEY_FILE_ENV);
  if (!hashPath) throw notConfigured('hash', HASH_KEY_FILE_ENV);
  return { sealPrivateKey: parseSealKey(readSecretFile(sealPath), sealPath), hashKey: parseHashKey(readSecretFile(hashPath), hashPath) };
}

function readSecretFile(path: string): string {
  const full = resolve(path);
  let mode: number;
  try {
    mode = statSync(full).mode;
  } catch {
    throw new Problem('aadhaar-key-missing', {
      en: `The key file ${full} does not exist or cannot be read.`,
      mr: `की फाइल ${full} अस्तित्वात नाही किंवा वाचता येत नाही.`,
    });
  }
  // Like ssh with a private key: a secret other accounts could read is refused, not silently used.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Problem('aadhaar-key-readable-by-others', {
      en: `The key file ${full} can be read by other users of this computer; make it readable by the hub's account only (chmod 600).`,
      mr: `की फाइल ${full} या संगणकाचे इतर वापरकर्ते वाचू शकतात; ती फक्त हबच्या खात्याला वाचता येईल अशी करा (chmod 600).`,
    });
  }
  return readFileSync(full, 'utf8').trim();
}

/** PEM (`-----BEGIN PRIVATE KEY-----`, PKCS#8) or one line of base64 PKCS#8 DER. */
function parseSealKey(text: string, path: string): KeyObject {
  let key: KeyObject | undefined;
  try {
    key = text.startsWith('-----BEGIN')
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPrivateKey({ key: strictBase64(text) ?? Buffer.alloc(0), format: 'der', type: 'pkcs8' });
  } catch {
    key = undefined;
  }
  if (key?.asymmetricKeyType !== 'x25519') {
    throw new Problem('aadhaar-seal-key-invalid', {
      en: `${resolve(path)} is not the state's X25519 seal private key (PKCS#8, PEM or base64).`,
      mr: `${resolve(path)} ही राज्याची X25519 सील खाजगी की (PKCS#8, PEM किंवा base64) नाही.`,
    });
  }
  return key;
}

/** One line of base64 holding at least 32 random bytes. */
function parseHashKey(text: string, path: string): Uint8Array {
  const bytes = strictBase64(text);
  if (bytes === undefined || bytes.length < MIN_HASH_KEY_BYTES) {
    throw new Problem('aadhaar-hash-key-invalid', {
      en: `${resolve(path)} is not an Aadhaar hash key: one line of base64 holding at least ${MIN_HASH_KEY_BYTES} random bytes.`,
      mr: `${resolve(path)} ही आधार हॅश की नाही: किमान ${MIN_HASH_KEY_BYTES} यादृच्छिक बाइट असलेली base64 ची एक ओळ हवी.`,
    });
  }
  return new Uint8Array(bytes);
}

function strictBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function notConfigured(which: 'seal' | 'hash', variable: string): Problem {
  const en = which === 'seal' ? "the state's seal private key" : 'the Aadhaar hash key';
  const mr = which === 'seal' ? 'राज्याची सील खाजगी की' : 'आधार हॅश की';
  return new Problem('aadhaar-key-not-configured', {
    en: `Say where ${en} is: set ${variable} to the path of its file.`,
    mr: `${mr} कुठे आहे ते सांगा: ${variable} मध्ये तिच्या फाइलचा मार्ग द्या.`,
  });
}
