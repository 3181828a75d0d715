// The bundle header: what a hub or an office needs to authenticate and route a bundle without opening it.
// It travels as deterministic CBOR; a header is accepted only if it is exactly the bytes this module would
// write for it (same field order, shortest integers, no extra fields), so one header has one encoding and
// the signature covers it unambiguously.
import { decode, encode } from 'cborg';
import { isValidOfficeCode } from '../identity/index.ts';
import { refuse } from './errors.ts';

export const BUNDLE_KINDS = ['changes', 'acks', 'enrolment', 'keys', 'snapshot'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** The hub's name wherever an office code is expected (`to`, `from.office`, origins `hub-001`). */
export const HUB = 'hub';

/** Limits a header must respect; far above real use, low enough that a hostile header costs nothing. */
export const HEADER_LIMITS = {
  maxHeaderBytes: 1024 * 1024,
  maxRanges: 20_000,
  maxAcks: 20_000,
  maxParts: 10_000,
  maxSchemaVersion: 65_535,
} as const;

export interface BundleSender {
  /** State-issued office code (4 digits), or `hub`. */
  readonly office: string;
  /** The sender's installation series (1–999), as in its change-log origin. */
  readonly series: number;
  /** Which of the sender's signing keys signed the bundle: see `keyIdOf`. */
  readonly keyId: string;
}

/** Changes `from`..`to` (inclusive, per-origin counters) from one origin are in the payload. */
export interface ChangeRange {
  /** Change-log origin: office code (or `hub`) + '-' + 3-digit series, e.g. `2714-001`. */
  readonly origin: string;
  readonly from: number;
  readonly to: number;
}

/** Part `index` (0-based) of `count` parts of one split bundle; a whole bundle is part 0 of 1. */
export interface BundleChunk {
  readonly index: number;
  readonly count: number;
  /** Shared by every part of one split bundle; equals the bundle id when count is 1. */
  readonly groupId: string;
}

export interface BundleHeader {
  /** Random UUID of this file. */
  readonly id: string;
  readonly kind: BundleKind;
  readonly from: BundleSender;
  /** Office code of the recipient, or `hub`. */
  readonly to: string;
  /** Database schema version of the sender (number of applied migrations). */
  readonly schemaVersion: number;
  /** Random UUID of the sender's installation; a new epoch means history restarted (restore, reinstall). */
  readonly epoch: string;
  /** ISO-8601 UTC with milliseconds, as `Date.toISOString` writes it. */
  readonly createdAt: string;
  /** Sorted by origin then `from`, never overlapping. */
  readonly ranges: readonly ChangeRange[];
  /** Cumulative acknowledgements: origin → highest counter received without gaps. */
  readonly acks: Readonly<Record<string, number>>;
  /** The encrypted payload region that follows the signature: its exact length and SHA-256. */
  readonly payload: { readonly sha256: Uint8Array; readonly length: number };
  /** Bytes after decryption and decompression (of the whole group when split), so a receiver can refuse
   *  an oversized bundle before decrypting and stop decompression exactly there. */
  readonly contentLength: number;
  readonly chunk: BundleChunk;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const ORIGIN = /^(\d{4}|hub)-(\d{3})$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isBundleKind(value: unknown): value is BundleKind {
  return typeof value === 'string' && (BUNDLE_KINDS as readonly string[]).includes(value);
}

/** An office code or `hub`: the two kinds of node that exchange bundles. */
export function isNodeName(value: unknown): value is string {
  return typeof value === 'string' && (value === HUB || isValidOfficeCode(value));
}

export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ORIGIN.exec(value);
  return match !== null && isNodeName(match[1]) && match[2] !== '000';
}

export function originOf(office: string, series: number): string {
  return `${office}-${String(series).padStart(3, '0')}`;
}

// --- strict reading ---------------------------------------------------------------------------------------

/** Thrown inside validation with the dotted path of the bad field; turned into one BundleError. */
class FieldError extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

function asMap(value: unknown, field: string, keys: readonly string[]): Map<unknown, unknown> {
  if (!(value instanceof Map)) throw new FieldError(field);
  if (value.size !== keys.length) throw new FieldError(field);
  for (const key of value.keys()) if (typeof key !== 'string' || !keys.includes(key)) throw new FieldError(field);
  return value;
}

function text(map: Map<unknown, unknown>, key: string, field: string, check: (value: string) => boolean): string {
  const value = map.get(key);
  if (typeof value !== 'string' || !check(value)) throw new FieldError(field);
  return value;
}

function integer(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw new FieldError(field);
  return value;
}

function isUtcTimestamp(value: string): boolean {
  if (!ISO_UTC_MS.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

const HEADER_KEYS = ['id', 'kind', 'from', 'to', 'schemaVersion', 'epoch', 'createdAt', 'ranges', 'acks', 'payload', 'contentLength', 'chunk'];

/**
 * Checks a header value (as decoded with `useMaps`, or as built in memory) field by field and returns the
 * typed header. Throws FieldError naming the first bad field.
 */
function parseHeaderValue(value: unknown): BundleHeader {
  const map = asMap(value, 'header', HEADER_KEYS);
  const id = text(map, 'id', 'id', (v) => UUID.test(v));
  const kind = text(map, 'kind', 'kind', isBundleKind) as BundleKind;

  const fromMap = asMap(map.get('from'), 'from', ['office', 'series', 'keyId']);
  const from: BundleSender = {
    office: text(fromMap, 'office', 'from.office', isNodeName),
    series: integer(fromMap.get('series'), 'from.series', 1, 999),
    keyId: text(fromMap, 'keyId', 'from.keyId', (v) => KEY_ID.test(v)),
  };
  const to = text(map, 'to', 'to', isNodeName);
  const schemaVersion = integer(map.get('schemaVersion'), 'schemaVersion', 1, HEADER_LIMITS.maxSchemaVersion);
  const epoch = text(map, 'epoch', 'epoch', (v) => UUID.test(v));
  const createdAt = text(map, 'createdAt', 'createdAt', isUtcTimestamp);

  const rangeList = map.get('ranges');
  if (!Array.isArray(rangeList) || rangeList.length > HEADER_LIMITS.maxRanges) throw new FieldError('ranges');
  const ranges: ChangeRange[] = rangeList.map((item: unknown, i) => {
    const field = `ranges.${i}`;
    const range = asMap(item, field, ['origin', 'from', 'to']);
    const origin = text(range, 'origin', `${field}.origin`, isOrigin);
    const first = integer(range.get('from'), `${field}.from`, 1);
    const last = integer(range.get('to'), `${field}.to`, first);
    return { origin, from: first, to: last };
  });
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!;
    const current = ranges[i]!;
    const ordered = previous.origin < current.origin || (previous.origin === current.origin && current.from > previous.to);
    if (!ordered) throw new FieldError(`ranges.${i}`);
  }

  const ackMap = map.get('acks');
  if (!(ackMap instanceof Map) || ackMap.size > HEADER_LIMITS.maxAcks) throw new FieldError('acks');
  const acks: Record<string, number> = {}; // keys are checked origins, never '__proto__'
  for (const [origin, mark] of ackMap) {
    if (!isOrigin(origin)) throw new FieldError('acks');
    acks[origin] = integer(mark, `acks.${origin}`, 0);
  }

  const payloadMap = asMap(map.get('payload'), 'payload', ['sha256', 'length']);
  const sha256 = payloadMap.get('sha256');
  if (!(sha256 instanceof Uint8Array) || sha256.length !== 32) throw new FieldError('payload.sha256');
  const payload = { sha256, length: integer(payloadMap.get('length'), 'payload.length', 1) };
  const contentLength = integer(map.get('contentLength'), 'contentLength', 0);

  const chunkMap = asMap(map.get('chunk'), 'chunk', ['index', 'count', 'groupId']);
  const count = integer(chunkMap.get('count'), 'chunk.count', 1, HEADER_LIMITS.maxParts);
  const chunk: BundleChunk = {
    index: integer(chunkMap.get('index'), 'chunk.index', 0, count - 1),
    count,
    groupId: text(chunkMap, 'groupId', 'chunk.groupId', (v) => UUID.test(v) && (count > 1 || v === id)),
  };

  return { id, kind, from, to, schemaVersion, epoch, createdAt, ranges, acks, payload, contentLength, chunk };
}

/** Plain-object form for cborg: field order does not matter, cborg sorts map keys canonically. */
function toCborValue(header: BundleHeader): unknown {
  const acks: Record<string, number> = {};
  for (const origin of Object.keys(header.acks)) acks[origin] = header.acks[origin]!;
  return {
    id: header.id,
    kind: header.kind,
    from: { office: header.from.office, series: header.from.series, keyId: header.from.keyId },
    to: header.to,
    schemaVersion: header.schemaVersion,
    epoch: header.epoch,
    createdAt: header.createdAt,
    ranges: header.ranges.map((r) => ({ origin: r.origin, from: r.from, to: r.to })),
    acks,
    payload: { sha256: header.payload.sha256, length: header.payload.length },
    contentLength: header.contentLength,
    chunk: { index: header.chunk.index, count: header.chunk.count, groupId: header.chunk.groupId },
  };
}

/** The same value shape that decoding produces, so the writer's checks and the reader's are one function. */
function toMaps(value: unknown): unknown {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toMaps);
  return new Map(Object.entries(value).map(([key, item]) => [key, toMaps(item)]));
}

/**
 * The canonical bytes of a header. Throws TypeError naming the field when the header is not valid:
 * writing a bad header is a bug in the caller, not something an operator can fix.
 */
export function encodeHeader(header: BundleHeader): Uint8Array {
  const value = toCborValue(header);
  try {
    parseHeaderValue(toMaps(value));
  } catch (error) {
    if (error instanceof FieldError) throw new TypeError(`bundle header: invalid ${error.field}`);
    throw error;
  }
  const bytes = encode(value);
  if (bytes.length > HEADER_LIMITS.maxHeaderBytes) throw new RangeError('bundle header: too large');
  return bytes;
}

/** Canonical CBOR only: what the writer produces, nothing looser (shared by the header and the payload). */
export const DECODE_OPTIONS = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
} as const;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Reads header bytes from a file; anything but the canonical encoding of a valid header is refused. */
export function decodeHeader(bytes: Uint8Array): BundleHeader {
  let value: unknown;
  try {
    value = decode(bytes, DECODE_OPTIONS);
  } catch {
    throw refuse.headerDamaged('not valid CBOR');
  }
  let header: BundleHeader;
  try {
    header = parseHeaderValue(value);
  } catch (error) {
    if (error instanceof FieldError) throw refuse.headerDamaged(error.field);
    throw refuse.headerDamaged('header');
  }
  if (!sameBytes(encode(toCborValue(header)), bytes)) throw refuse.headerDamaged('not in canonical form');
  return header;
}
