// The state key file: what the state IT cell issues and the office administrator imports at setup,
// before the office is enrolled with the hub. Format (JSON, UTF-8):
//
//   { "format": "mts-state-keys/1",
//     "issued_at": "2025-06-01T10:00:00.000Z",          ISO-8601 UTC
//     "seal_public_key": "<base64 SPKI DER, X25519>",    Aadhaar numbers are sealed to this key
//     "sign_public_key": "<base64 SPKI DER, Ed25519>",   verifies this file and, later, hub bundles
//     "dedup_key": "<base64, 32 bytes>",                 HMAC key for the Aadhaar duplicate bucket
//     "signature": "<base64, 64 bytes>" }                Ed25519 by the state signing key
//
// The signature covers the canonical content: the other five fields as JSON with keys in sorted
// order and no whitespace. No other fields are allowed (they would be unsigned).
//
// The signature is checked against the key embedded in the same file, so it only proves that the
// file is intact and was made by whoever holds that signing key. Authenticity comes from the
// fingerprint (SHA-256 of the sign key's SPKI DER, 16 groups of 4 hex digits): the administrator
// reads it out by phone to the state IT cell, which compares it with its own copy, before the
// import is confirmed.
import { createHash, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { publicKeyOf, pkcs8Base64, spkiBase64, strictBase64 } from './keys.ts';
import type { Invalid, Message } from './messages.ts';

export const STATE_KEY_FILE_FORMAT = 'mts-state-keys/1';
export const DEDUP_KEY_BYTES = 32;

export interface StateKeys {
  readonly issuedAt: string;
  /** X25519: Aadhaar numbers are sealed to it; only the state vault holds the private half. */
  readonly sealPublicKey: KeyObject;
  /** Ed25519: verifies this file and hub bundles. */
  readonly signPublicKey: KeyObject;
  /** HMAC-SHA256 key for the Aadhaar duplicate bucket (16 bits of the HMAC); the same in every office. */
  readonly dedupKey: Buffer;
  /** Fingerprint of the sign key, to read out by phone. */
  readonly fingerprint: string;
}

export type StateKeyFileErrorCode =
  | 'not-json'
  | 'not-object'
  | 'wrong-format'
  | 'missing-field'
  | 'unknown-field'
  | 'bad-issued-at'
  | 'bad-seal-key'
  | 'bad-sign-key'
  | 'bad-dedup-key'
  | 'bad-signature';

export interface StateKeyFileError extends Invalid<StateKeyFileErrorCode> {
  /** The JSON field at fault, when there is one. */
  readonly field?: string;
}

export type ParsedStateKeyFile = { readonly ok: true; readonly value: StateKeys } | StateKeyFileError;

const SIGNED_FIELDS = ['dedup_key', 'format', 'issued_at', 'seal_public_key', 'sign_public_key'] as const;
type SignedField = (typeof SIGNED_FIELDS)[number];
const ALL_FIELDS: readonly string[] = [...SIGNED_FIELDS, 'signature'];

function error(code: StateKeyFileErrorCode, message: Message, field?: string): StateKeyFileError {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, field, message };
}

/** SHA-256 of the sign key's SPKI DER as 16 groups of 4 upper-case hex digits. */
export function stateKeyFingerprint(signPublicKey: KeyObject | string): string {
  const key = publicKeyOf(signPublicKey, 'ed25519');
  if (key === undefined) throw new TypeError('stateKeyFingerprint: not an Ed25519 public key');
  const hex = createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

function canonicalContent(fields: Record<SignedField, string>): Buffer {
  const ordered: Record<string, string> = {};
  for (const name of SIGNED_FIELDS) ordered[name] = fields[name];
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function parseStateKeyFile(text: string): ParsedStateKeyFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return error('not-json', {
      en: 'This is not a state key file: it is not valid JSON.',
      mr: 'ही राज्य की फाइल नाही: ती वैध JSON नाही.',
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return error('not-object', {
      en: 'This is not a state key file: expected a JSON object.',
      mr: 'ही राज्य की फाइल नाही: JSON ऑब्जेक्ट अपेक्षित आहे.',
    });
  }
  const record = data as Record<string, unknown>;
  if (record['format'] !== STATE_KEY_FILE_FORMAT) {
    return error(
      'wrong-format',
      {
        en: `Field "format" must be "${STATE_KEY_FILE_FORMAT}": this is not a state key file of a version this app reads.`,
        mr: `"format" हे क्षेत्र "${STATE_KEY_FILE_FORMAT}" असायला हवे: ही फाइल या ॲपला वाचता येणाऱ्या आवृत्तीची राज्य की फाइल नाही.`,
      },
      'format',
    );
  }
  for (const name of ALL_FIELDS) {
    if (typeof record[name] !== 'string' || record[name] === '') {
      return error(
        'missing-field',
        { en: `Field "${name}" is missing or empty.`, mr: `"${name}" हे क्षेत्र नाही किंवा रिकामे आहे.` },
        name,
      );
    }
  }
  const unknown = Object.keys(record).find((k) => !ALL_FIELDS.includes(k));
  if (unknown !== undefined) {
    return error(
      'unknown-field',
      {
        en: `Field "${unknown}" is not part of a state key file (it would not be covered by the signature).`,
        mr: `"${unknown}" हे क्षेत्र राज्य की फाइलचा भाग नाही (त्यावर स्वाक्षरी लागू होत नाही).`,
      },
      unknown,
    );
  }
  const fields = record as Record<SignedField | 'signature', string>;

  const issuedAt = fields.issued_at;
  if (!ISO_UTC.test(issuedAt) || Number.isNaN(Date.parse(issuedAt))) {
    return error(
      'bad-issued-at',
      {
        en: 'Field "issued_at" must be a UTC date-time such as 2025-06-01T10:00:00Z.',
        mr: '"issued_at" हे क्षेत्र 2025-06-01T10:00:00Z अशा स्वरूपातील UTC दिनांक-वेळ असायला हवे.',
      },
      'issued_at',
    );
  }
  const sealPublicKey = publicKeyOf(fields.seal_public_key, 'x25519');
  if (sealPublicKey === undefined) {
    return error(
      'bad-seal-key',
      {
        en: 'Field "seal_public_key" is not an X25519 public key (base64 SPKI).',
        mr: '"seal_public_key" हे क्षेत्र X25519 सार्वजनिक की (base64 SPKI) नाही.',
      },
      'seal_public_key',
    );
  }
  const signPublicKey = publicKeyOf(fields.sign_public_key, 'ed25519');
  if (signPublicKey === undefined) {
    return error(
      'bad-sign-key',
      {
        en: 'Field "sign_public_key" is not an Ed25519 public key (base64 SPKI).',
        mr: '"sign_public_key" हे क्षेत्र Ed25519 सार्वजनिक की (base64 SPKI) नाही.',
      },
      'sign_public_key',
    );
  }
  const dedupKey = strictBase64(fields.dedup_key);
  if (dedupKey === undefined || dedupKey.length !== DEDUP_KEY_BYTES) {
    return error(
      'bad-dedup-key',
      {
        en: `Field "dedup_key" must be ${DEDUP_KEY_BYTES} bytes in base64.`,
        mr: `"dedup_key" हे क्षेत्र base64 मधील ${DEDUP_KEY_BYTES} बाइट असायला हवे.`,
      },
      'dedup_key',
    );
  }
  const signature = strictBase64(fields.signature);
  let signatureOk = false;
  if (signature !== undefined && signature.length === 64) {
    try {
      signatureOk = verify(null, canonicalContent(fields), signPublicKey, signature);
    } catch {
      signatureOk = false;
    }
  }
  if (!signatureOk) {
    return error(
      'bad-signature',
      {
        en: 'Field "signature" does not match the file: it has been altered or damaged. Ask the state IT cell for a new copy.',
        mr: '"signature" हे क्षेत्र फाइलशी जुळत नाही: फाइल बदललेली किंवा खराब झालेली आहे. राज्य आयटी कक्षाकडून नवीन प्रत मागवा.',
      },
      'signature',
    );
  }
  return {
    ok: true,
    value: { issuedAt, sealPublicKey, signPublicKey, dedupKey, fingerprint: stateKeyFingerprint(signPublicKey) },
  };
}

export interface CreatedStateKeys {
  /** The key file as the state would issue it. */
  readonly text: string;
  readonly sealPrivateKey: KeyObject;
  readonly signPrivateKey: KeyObject;
  /** PKCS#8 DER, base64, for fixtures and the state vault. */
  readonly sealPrivateKeyPkcs8: string;
  readonly signPrivateKeyPkcs8: string;
  readonly fingerprint: string;
}

export interface StateKeyFileInput {
  readonly sealPublicKey: KeyObject;
  /** The state signing key (Ed25519 private): it signs this file and, on the hub, every hub bundle. */
  readonly signPrivateKey: KeyObject;
  readonly dedupKey: Uint8Array;
  readonly issuedAt?: Date;
}

/** The signed text of a state key file for existing keys (the hub writes it from its own key files). */
export function writeStateKeyFile(input: StateKeyFileInput): string {
  if (input.dedupKey.length !== DEDUP_KEY_BYTES) throw new TypeError(`writeStateKeyFile: dedupKey must be ${DEDUP_KEY_BYTES} bytes`);
  const sealPublicKey = publicKeyOf(input.sealPublicKey, 'x25519');
  if (sealPublicKey === undefined) throw new TypeError('writeStateKeyFile: sealPublicKey must be X25519');
  if (input.signPrivateKey.type !== 'private' || input.signPrivateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('writeStateKeyFile: signPrivateKey must be an Ed25519 private key');
  }
  const fields: Record<SignedField, string> = {
    format: STATE_KEY_FILE_FORMAT,
    issued_at: (input.issuedAt ?? new Date()).toISOString(),
    seal_public_key: spkiBase64(sealPublicKey),
    sign_public_key: spkiBase64(publicKeyOf(input.signPrivateKey, 'ed25519')!),
    dedup_key: Buffer.from(input.dedupKey).toString('base64'),
  };
  const signature = sign(null, canonicalContent(fields), input.signPrivateKey).toString('base64');
  const file = {
    format: fields.format,
    issued_at: fields.issued_at,
    seal_public_key: fields.seal_public_key,
    sign_public_key: fields.sign_public_key,
    dedup_key: fields.dedup_key,
    signature,
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Makes a fresh state key set and its signed file. For tests and development; the state makes the real one. */
export function createStateKeys(options: { issuedAt?: Date } = {}): CreatedStateKeys {
  const seal = generateKeyPairSync('x25519');
  const signing = generateKeyPairSync('ed25519');
  const text = writeStateKeyFile({
    sealPublicKey: seal.publicKey,
    signPrivateKey: signing.privateKey,
    dedupKey: randomBytes(DEDUP_KEY_BYTES),
    ...(options.issuedAt ? { issuedAt: options.issuedAt } : {}),
  });
  return {
    text,
    sealPrivateKey: seal.privateKey,
    signPrivateKey: signing.privateKey,
    sealPrivateKeyPkcs8: pkcs8Base64(seal.privateKey),
    signPrivateKeyPkcs8: pkcs8Base64(signing.privateKey),
    fingerprint: stateKeyFingerprint(signing.publicKey),
  };
}
