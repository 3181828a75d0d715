// Writing and opening bundles: compress, encrypt to the recipients with age, sign the header that holds
// the ciphertext's hash (encrypt-then-sign: the hub authenticates and routes without decrypting). Opening
// runs the same steps backwards and refuses at the first one that fails.
import { createHash, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Decrypter, Encrypter } from 'age-encryption';
import { refuse } from './errors.ts';
import { joinBundle, parseFrame, signedPrefix, type BundleFrame } from './format.ts';
import { keyIdOf } from './keys.ts';
import { encodeHeader, type BundleChunk, type BundleHeader, type BundleKind, type ChangeRange } from './header.ts';

/** Above this a decompressed payload is refused (zip-bomb guard); the importer may pass its own limit. */
export const DEFAULT_MAX_CONTENT_BYTES = 512 * 1024 * 1024;

/** What the caller says about a bundle; the module adds id, key id, hashes, lengths and chunk numbers. */
export interface BundleFields {
  readonly kind: BundleKind;
  readonly from: { readonly office: string; readonly series: number };
  readonly to: string;
  readonly schemaVersion: number;
  readonly epoch: string;
  readonly ranges: readonly ChangeRange[];
  readonly acks: Readonly<Record<string, number>>;
  /** Defaults to now. */
  readonly createdAt?: Date;
}

export interface WriteBundleInput extends BundleFields {
  readonly payload: Uint8Array;
  /** The sender's Ed25519 private key. */
  readonly signingKey: KeyObject;
  /** age X25519 recipients (`age1…`): the addressee, and any other reader such as a state archive key. */
  readonly recipients: readonly string[];
}

/** A signing key the reader trusts, and the node it belongs to. */
export interface TrustedKey {
  /** Office code or `hub`: a bundle signed with this key must say it comes from this node. */
  readonly office: string;
  readonly publicKey: KeyObject;
}

export interface BundleTrust {
  /** key id (see `keyIdOf`) → key. */
  readonly trustedKeys: ReadonlyMap<string, TrustedKey>;
  /** Key ids revoked by the hub: refused even when still listed as trusted. */
  readonly revoked?: ReadonlySet<string>;
}

export interface ReadBundleOptions extends BundleTrust {
  /** Our own office code or `hub`; when given, a bundle addressed elsewhere is refused. */
  readonly expectedRecipient?: string;
}

export interface OpenBundleOptions extends BundleTrust {
  readonly expectedRecipient: string;
  /** Our age identity (`AGE-SECRET-KEY-1…`); several while a key is being replaced. */
  readonly identity: string | readonly string[];
  readonly maxContentBytes?: number;
}

export interface OpenedBundle {
  readonly header: BundleHeader;
  readonly payload: Uint8Array;
}

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY_PREFIX = 'AGE-SECRET-KEY-1';

export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

export function compress(payload: Uint8Array): Uint8Array {
  const gzipped = gzipSync(payload, { level: 6 });
  return new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength);
}

export async function encryptTo(recipients: readonly string[], plain: Uint8Array): Promise<Uint8Array> {
  if (recipients.length === 0) throw new TypeError('bundle: at least one recipient is needed');
  const encrypter = new Encrypter();
  for (const recipient of recipients) {
    if (!RECIPIENT.test(recipient)) throw new TypeError('bundle: recipients must be age X25519 recipients (age1…)');
    encrypter.addRecipient(recipient);
  }
  return encrypter.encrypt(plain);
}

function checkSigningKey(key: KeyObject): void {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('bundle: signingKey must be an Ed25519 private key');
  }
}

/**
 * Signs a finished header over an already encrypted payload and joins the file. The header must carry
 * this payload's length and SHA-256; `sealPart` fills them in. Exposed for tests that need a validly
 * signed bundle with chosen header values.
 */
export function signBundle(header: BundleHeader, encrypted: Uint8Array, signingKey: KeyObject): Uint8Array {
  checkSigningKey(signingKey);
  const signed = signedPrefix(encodeHeader(header));
  return joinBundle(signed, new Uint8Array(sign(null, signed, signingKey)), encrypted);
}

/** One file: `compressed` (all or a slice of the compressed payload) encrypted and signed. */
export async function sealPart(
  fields: BundleFields,
  compressed: Uint8Array,
  contentLength: number,
  chunk: Omit<BundleChunk, 'groupId'> & { groupId?: string },
  signingKey: KeyObject,
  recipients: readonly string[],
): Promise<Uint8Array> {
  checkSigningKey(signingKey);
  const encrypted = await encryptTo(recipients, compressed);
  const id = randomUUID();
  const header: BundleHeader = {
    id,
    kind: fields.kind,
    from: { office: fields.from.office, series: fields.from.series, keyId: keyIdOf(signingKey) },
    to: fields.to,
    schemaVersion: fields.schemaVersion,
    epoch: fields.epoch,
    createdAt: (fields.createdAt ?? new Date()).toISOString(),
    ranges: fields.ranges,
    acks: fields.acks,
    payload: { sha256: sha256(encrypted), length: encrypted.length },
    contentLength,
    chunk: { index: chunk.index, count: chunk.count, groupId: chunk.groupId ?? id },
  };
  return signBundle(header, encrypted, signingKey);
}

/** A whole bundle in one file, whatever its size (see `splitIntoChunks` for e-mail). */
export async function writeBundle(input: WriteBundleInput): Promise<Uint8Array> {
  return sealPart(input, compress(input.payload), input.payload.length, { index: 0, count: 1 }, input.signingKey, input.recipients);
}

/** Parses and authenticates a file: structure, signer, signature, payload hash, then the addressee. */
export function verifyBundle(bytes: Uint8Array, options: ReadBundleOptions): BundleFrame {
  const frame = parseFrame(bytes);
  const { from, to } = frame.header;
  if (options.revoked?.has(from.keyId)) throw refuse.revokedSigner(from.office, from.keyId);
  const signer = options.trustedKeys.get(from.keyId);
  if (signer === undefined) throw refuse.unknownSigner(from.office, from.keyId);
  if (signer.office !== from.office) throw refuse.signerOfficeMismatch(from.office, signer.office);
  if (!verify(null, frame.signed, signer.publicKey, frame.signature)) throw refuse.badSignature();
  if (Buffer.compare(sha256(frame.payload), frame.header.payload.sha256) !== 0) throw refuse.payloadHashMismatch();
  if (options.expectedRecipient !== undefined && to !== options.expectedRecipient) {
    throw refuse.notAddressedToUs(to, options.expectedRecipient);
  }
  return frame;
}

/** The authenticated header, without decrypting anything: what the hub routes on. */
export function readBundleHeader(bytes: Uint8Array, options: ReadBundleOptions): BundleHeader {
  return verifyBundle(bytes, options).header;
}

export function checkContentLimit(header: BundleHeader, maxContentBytes = DEFAULT_MAX_CONTENT_BYTES): void {
  if (header.contentLength > maxContentBytes) throw refuse.payloadTooLarge(header.contentLength, maxContentBytes);
}

/** Decrypts a verified frame's payload to the compressed bytes it carries. */
export async function decryptPayload(frame: BundleFrame, identity: string | readonly string[]): Promise<Uint8Array> {
  const identities = typeof identity === 'string' ? [identity] : identity;
  const decrypter = new Decrypter();
  for (const one of identities) {
    if (!one.startsWith(IDENTITY_PREFIX)) throw new TypeError('bundle: identity must be an age X25519 identity');
    decrypter.addIdentity(one);
  }
  try {
    return await decrypter.decrypt(frame.payload);
  } catch {
    throw refuse.cannotDecrypt();
  }
}

/** Inflates exactly `contentLength` bytes; output beyond it stops the inflater (the header lied). */
export function decompress(compressed: Uint8Array, contentLength: number): Uint8Array {
  let plain: Buffer;
  try {
    plain = gunzipSync(compressed, { maxOutputLength: Math.max(1, contentLength) });
  } catch {
    throw refuse.payloadDamaged();
  }
  if (plain.length !== contentLength) throw refuse.payloadDamaged();
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
}

/** Authenticates, checks the addressee and the size limit, decrypts and decompresses a whole bundle. */
export async function openBundle(bytes: Uint8Array, options: OpenBundleOptions): Promise<OpenedBundle> {
  const frame = verifyBundle(bytes, options);
  const { chunk } = frame.header;
  if (chunk.count > 1) throw refuse.bundlePart(chunk.index, chunk.count);
  checkContentLimit(frame.header, options.maxContentBytes);
  const compressed = await decryptPayload(frame, options.identity);
  return { header: frame.header, payload: decompress(compressed, frame.header.contentLength) };
}
