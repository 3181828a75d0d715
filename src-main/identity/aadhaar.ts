// Aadhaar handling per the Aadhaar Act s.29(4): the block app never keeps the full number. At entry it
// is validated, then reduced to (a) the last 4 digits for display, (b) a short keyed bucket for local
// duplicate warnings, (c) the number sealed to the state's X25519 key, which only the state vault can open.
// The full-length HMAC never leaves aadhaarBucket: with its key on the same PC it would give the number
// back (README.md, "What each stored value reveals").
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { privateKeyOf, publicKeyOf, rawX25519, x25519FromRaw } from './keys.ts';
import { normaliseAadhaar as normalise, type AadhaarErrorCode } from './aadhaar-format.ts';
import type { Invalid, Message } from './messages.ts';

export { validateAadhaar } from './aadhaar-format.ts';
export type { AadhaarErrorCode, AadhaarValidation } from './aadhaar-format.ts';

/** Thrown by protectAadhaar for an invalid number; the message never contains the number. */
export class AadhaarError extends Error {
  readonly code: AadhaarErrorCode;
  readonly messages: Message;
  constructor(invalid: Invalid<AadhaarErrorCode>) {
    super(invalid.message.en);
    this.name = 'AadhaarError';
    this.code = invalid.code;
    this.messages = invalid.message;
  }
}

export interface AadhaarKeys {
  /** State-issued HMAC key (32 bytes). */
  readonly dedupKey: Uint8Array;
  /** State X25519 public key: KeyObject or base64 SPKI DER. */
  readonly sealPublicKey: KeyObject | string;
}

export interface ProtectedAadhaar {
  readonly last4: string;
  /**
   * The first 16 bits of HMAC-SHA256(dedupKey, 12 digits) as 4 lower-case hex digits. With the last 4 it
   * makes "probably the same number" among one office's records, yet leaves about 122 candidate numbers.
   */
  readonly bucket: string;
  /** The number sealed to the state's key; see SEAL_VERSION for the layout. */
  readonly sealed: string;
}

/**
 * Sealed layout: `mtsa1.` + base64url( ephemeral X25519 public key (32) ‖ nonce (12) ‖ AES-256-GCM
 * ciphertext (12) ‖ tag (16) ). Key = HKDF-SHA256(ikm = X25519(ephemeral, state), salt = ephemeral
 * public ‖ state public, info = SEAL_INFO). The version prefix is the GCM additional data, so it
 * cannot be swapped without detection.
 */
export const SEAL_VERSION = 'mtsa1';
const SEAL_INFO = Buffer.from('mts aadhaar seal v1', 'utf8');
const SEAL_AAD = Buffer.from(SEAL_VERSION, 'utf8');
const RAW_KEY = 32;
const NONCE = 12;
const TAG = 16;
const PLAINTEXT = 12;

function deriveKey(shared: Buffer, ephemeralRaw: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, recipientRaw]), SEAL_INFO, 32));
}

/** Bits of the HMAC kept: 16, so each bucket holds about 8×10⁶ / 65,536 ≈ 122 numbers of a last 4. */
export const AADHAAR_BUCKET_BITS = 16;

/** The bucket of a 12-digit number: the HMAC's first two bytes, nothing more leaves this function. */
export function aadhaarBucket(digits12: string, dedupKey: Uint8Array): string {
  return createHmac('sha256', dedupKey).update(digits12, 'ascii').digest().subarray(0, AADHAAR_BUCKET_BITS / 8).toString('hex');
}

/** Validates, then reduces the number to what the office may keep. Throws AadhaarError when invalid. */
export function protectAadhaar(number: string, keys: AadhaarKeys): ProtectedAadhaar {
  const n = normalise(number);
  if (!('digits' in n)) throw new AadhaarError(n);
  if (!(keys.dedupKey instanceof Uint8Array) || keys.dedupKey.length < 32) {
    throw new TypeError('protectAadhaar: dedup key must be 32 bytes');
  }
  const recipient = publicKeyOf(keys.sealPublicKey, 'x25519');
  if (recipient === undefined) throw new TypeError('protectAadhaar: seal key must be an X25519 public key');

  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawX25519(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = deriveKey(shared, ephemeralRaw, rawX25519(recipient));
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(SEAL_AAD);
  const ciphertext = Buffer.concat([cipher.update(n.digits, 'ascii'), cipher.final()]);
  const sealed = `${SEAL_VERSION}.${Buffer.concat([ephemeralRaw, nonce, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
  return { last4: n.digits.slice(8), bucket: aadhaarBucket(n.digits, keys.dedupKey), sealed };
}

/** State vault and tests only: opens a sealed value. Throws on a wrong key, tampering or a foreign format. */
export function openSealedAadhaar(sealed: string, statePrivateKey: KeyObject | string): string {
  const privateKey = privateKeyOf(statePrivateKey, 'x25519');
  if (privateKey === undefined) throw new TypeError('openSealedAadhaar: expected an X25519 private key');
  const prefix = `${SEAL_VERSION}.`;
  if (typeof sealed !== 'string' || !sealed.startsWith(prefix)) throw new Error('openSealedAadhaar: unknown seal format');
  const body = sealed.slice(prefix.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new Error('openSealedAadhaar: damaged seal');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== RAW_KEY + NONCE + PLAINTEXT + TAG) throw new Error('openSealedAadhaar: damaged seal');
  const ephemeralRaw = bytes.subarray(0, RAW_KEY);
  const nonce = bytes.subarray(RAW_KEY, RAW_KEY + NONCE);
  const ciphertext = bytes.subarray(RAW_KEY + NONCE, RAW_KEY + NONCE + PLAINTEXT);
  const tag = bytes.subarray(RAW_KEY + NONCE + PLAINTEXT);
  try {
    const ephemeral = x25519FromRaw(ephemeralRaw);
    const shared = diffieHellman({ privateKey, publicKey: ephemeral });
    const key = deriveKey(shared, Buffer.from(ephemeralRaw), rawX25519(privateKeyToPublic(privateKey)));
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(SEAL_AAD);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('ascii');
    if (!/^\d{12}$/.test(plain)) throw new Error('bad plaintext');
    return plain;
  } catch {
    throw new Error('openSealedAadhaar: cannot open (wrong key or altered seal)');
  }
}

function privateKeyToPublic(privateKey: KeyObject): KeyObject {
  const pub = publicKeyOf(privateKey, 'x25519');
  if (pub === undefined) throw new TypeError('not an X25519 key');
  return pub;
}

/** Display form: "XXXX XXXX 1234". */
export function maskAadhaar(last4: string): string {
  if (!/^\d{4}$/.test(last4)) throw new RangeError('maskAadhaar: expected the last 4 digits');
  return `XXXX XXXX ${last4}`;
}
