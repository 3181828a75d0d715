// The byte layout of a `.mtsb` file (README.md in this folder draws it):
//
//   offset        size  what
//   0             4     magic "MTSB"
//   4             1     format version (1)
//   5             4     header length H, unsigned big-endian
//   9             H     header, canonical CBOR (header.ts)
//   9 + H         64    Ed25519 signature over bytes 0 .. 9+H (magic, version, length, header)
//   73 + H        L     payload: a standard age file (gzip stream inside); L and its SHA-256 are in the header
//
// Nothing may follow the payload. This module only cuts a file into its parts and refuses malformed ones;
// seal.ts decides whether to trust them.
import { decodeHeader, HEADER_LIMITS, type BundleHeader } from './header.ts';
import { refuse } from './errors.ts';

export const MAGIC = Uint8Array.from([0x4d, 0x54, 0x53, 0x42]); // "MTSB"
export const FORMAT_VERSION = 1;
export const SIGNATURE_BYTES = 64;

const VERSION_OFFSET = 4;
const LENGTH_OFFSET = 5;
export const HEADER_OFFSET = 9;

/** A bundle file cut into its regions. Nothing here is authenticated yet. */
export interface BundleFrame {
  readonly formatVersion: number;
  readonly header: BundleHeader;
  readonly headerLength: number;
  /** Magic, version, header length and header: exactly what the signature covers. */
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
  readonly payloadOffset: number;
  readonly payload: Uint8Array;
}

/** Bytes 0 .. 9+H: the part of the file the signature covers. */
export function signedPrefix(headerBytes: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(HEADER_OFFSET + headerBytes.length);
  prefix.set(MAGIC, 0);
  prefix[VERSION_OFFSET] = FORMAT_VERSION;
  new DataView(prefix.buffer).setUint32(LENGTH_OFFSET, headerBytes.length, false);
  prefix.set(headerBytes, HEADER_OFFSET);
  return prefix;
}

export function joinBundle(signed: Uint8Array, signature: Uint8Array, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(signed.length + signature.length + payload.length);
  bytes.set(signed, 0);
  bytes.set(signature, signed.length);
  bytes.set(payload, signed.length + signature.length);
  return bytes;
}

/**
 * Cuts a file into magic, version, header, signature and payload, refusing it at the first region that
 * is missing, cut short or malformed. The checks go front to back, so a truncated file is reported at
 * the region where it ends.
 */
export function parseFrame(bytes: Uint8Array): BundleFrame {
  if (bytes.length === 0) throw refuse.emptyFile();
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) if (bytes[i] !== MAGIC[i]) throw refuse.notABundle();
  if (bytes.length < MAGIC.length) throw refuse.truncated('magic');
  if (bytes.length <= VERSION_OFFSET) throw refuse.truncated('format-version');
  const formatVersion = bytes[VERSION_OFFSET]!;
  if (formatVersion > FORMAT_VERSION) throw refuse.newerFormat(formatVersion);
  if (formatVersion < FORMAT_VERSION) throw refuse.unsupportedFormat(formatVersion);
  if (bytes.length < HEADER_OFFSET) throw refuse.truncated('header-length');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(LENGTH_OFFSET, false);
  if (headerLength === 0 || headerLength > HEADER_LIMITS.maxHeaderBytes) throw refuse.headerDamaged('header length');
  const signatureOffset = HEADER_OFFSET + headerLength;
  if (bytes.length < signatureOffset) throw refuse.truncated('header');
  const payloadOffset = signatureOffset + SIGNATURE_BYTES;
  if (bytes.length < payloadOffset) throw refuse.truncated('signature');

  const header = decodeHeader(bytes.subarray(HEADER_OFFSET, signatureOffset));
  const end = payloadOffset + header.payload.length;
  if (bytes.length < end) throw refuse.truncated('payload');
  if (bytes.length > end) throw refuse.trailingData();

  return {
    formatVersion,
    header,
    headerLength,
    signed: bytes.subarray(0, signatureOffset),
    signature: bytes.subarray(signatureOffset, payloadOffset),
    payloadOffset,
    payload: bytes.subarray(payloadOffset, end),
  };
}
