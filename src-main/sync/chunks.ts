// Splitting a bundle for e-mail, and putting it back together. The payload is compressed once and the
// compressed stream is cut into slices; each slice is encrypted and signed on its own, so every part is a
// complete bundle that verifies and decrypts alone (and can be checked the moment it arrives), and the
// parts can arrive in any order. Only decompression needs them all.
import { randomUUID } from 'node:crypto';
import { refuse } from './errors.ts';
import { HEADER_OFFSET, SIGNATURE_BYTES } from './format.ts';
import { encodeHeader, HEADER_LIMITS, type BundleHeader } from './header.ts';
import { keyIdOf } from './keys.ts';
import {
  checkContentLimit,
  compress,
  decompress,
  decryptPayload,
  encryptTo,
  sealPart,
  verifyBundle,
  type OpenBundleOptions,
  type OpenedBundle,
  type WriteBundleInput,
} from './seal.ts';

/** Default largest file, in bytes: fits a 10 MB attachment limit, and 25 MB ones after base64. */
export const DEFAULT_MAX_BUNDLE_BYTES = 10_000_000;

const AGE_CHUNK = 64 * 1024;
const AGE_TAG = 16;

/** Bytes of age ciphertext for `plain` bytes after the fixed header and nonce (STREAM: 64 KiB + tag). */
function ageBodyLength(plain: number): number {
  return plain + AGE_TAG * Math.max(1, Math.ceil(plain / AGE_CHUNK));
}

/**
 * Writes the bundle as one file if it fits in `maxBytes`, otherwise as the fewest parts that each fit.
 * Every part carries the full header (ranges, acks, sender) so the hub can route any part alone.
 */
export async function splitIntoChunks(input: WriteBundleInput, maxBytes = DEFAULT_MAX_BUNDLE_BYTES): Promise<Uint8Array[]> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError('splitIntoChunks: maxBytes must be a positive integer');
  const compressed = compress(input.payload);
  const fields = { ...input, createdAt: input.createdAt ?? new Date() };

  // The largest header any part could have: the integers that vary between parts at their largest.
  const ageFixed = (await encryptTo(input.recipients, new Uint8Array(0))).length - ageBodyLength(0);
  const largestHeader = encodeHeader({
    id: randomUUID(),
    kind: input.kind,
    from: { ...input.from, keyId: keyIdOf(input.signingKey) },
    to: input.to,
    schemaVersion: input.schemaVersion,
    epoch: input.epoch,
    createdAt: fields.createdAt.toISOString(),
    ranges: input.ranges,
    acks: input.acks,
    payload: { sha256: new Uint8Array(32), length: maxBytes },
    contentLength: input.payload.length,
    chunk: { index: HEADER_LIMITS.maxParts - 1, count: HEADER_LIMITS.maxParts, groupId: randomUUID() },
  }).length;
  const budget = maxBytes - HEADER_OFFSET - largestHeader - SIGNATURE_BYTES - ageFixed;
  let slice = budget - AGE_TAG * Math.ceil(budget / (AGE_CHUNK + AGE_TAG));
  while (slice > 0 && ageBodyLength(slice) > budget) slice--;
  if (slice < 1) throw new RangeError(`splitIntoChunks: ${maxBytes} bytes cannot hold even the header of a bundle`);

  if (compressed.length <= slice) {
    return [await sealPart(fields, compressed, input.payload.length, { index: 0, count: 1 }, input.signingKey, input.recipients)];
  }
  const count = Math.ceil(compressed.length / slice);
  if (count > HEADER_LIMITS.maxParts) throw new RangeError(`splitIntoChunks: more than ${HEADER_LIMITS.maxParts} parts`);
  const groupId = randomUUID();
  const parts: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const piece = compressed.subarray(index * slice, (index + 1) * slice);
    parts.push(await sealPart(fields, piece, input.payload.length, { index, count, groupId }, input.signingKey, input.recipients));
  }
  return parts;
}

/** What every part of one group must agree on (all but id, payload and index). */
function groupKey(header: BundleHeader): string {
  const acks = Object.keys(header.acks)
    .sort()
    .map((origin) => [origin, header.acks[origin]]);
  return JSON.stringify([
    header.kind,
    header.from,
    header.to,
    header.schemaVersion,
    header.epoch,
    header.createdAt,
    header.ranges,
    acks,
    header.contentLength,
    header.chunk.count,
    header.chunk.groupId,
  ]);
}

export interface AddedPart {
  readonly header: BundleHeader;
  /** The same part was already added; nothing changed. */
  readonly duplicate: boolean;
  /** Part indexes (0-based) still missing after this one. */
  readonly missing: readonly number[];
}

interface HeldPart {
  readonly header: BundleHeader;
  readonly compressed: Uint8Array;
}

/**
 * Collects the parts of one split bundle in any order. Each part is authenticated and decrypted as it is
 * added, so a bad file is named at once; parts of another group are refused, repeats are ignored, and
 * `missing()` says which parts are still to come. A whole (unsplit) bundle is a group of one.
 */
export class ChunkAssembler {
  readonly #options: OpenBundleOptions;
  #groupKey: string | undefined;
  #count: number | undefined;
  readonly #parts = new Map<number, HeldPart>();

  constructor(options: OpenBundleOptions) {
    this.#options = options;
  }

  /** Parts in the group, once the first part is added. */
  get count(): number | undefined {
    return this.#count;
  }

  get complete(): boolean {
    return this.#count !== undefined && this.#parts.size === this.#count;
  }

  /** 0-based indexes not yet added (empty before the first part, when the count is not known yet). */
  missing(): number[] {
    const missing: number[] = [];
    for (let index = 0; index < (this.#count ?? 0); index++) if (!this.#parts.has(index)) missing.push(index);
    return missing;
  }

  async add(bytes: Uint8Array): Promise<AddedPart> {
    const frame = verifyBundle(bytes, this.#options);
    const { header } = frame;
    this.#checkGroup(header);
    if (this.#isRepeat(header)) return { header, duplicate: true, missing: this.missing() };
    checkContentLimit(header, this.#options.maxContentBytes);
    const compressed = await decryptPayload(frame, this.#options.identity);
    // Another add() may have settled the group or this index while we were decrypting.
    this.#checkGroup(header);
    if (this.#isRepeat(header)) return { header, duplicate: true, missing: this.missing() };
    this.#groupKey ??= groupKey(header);
    this.#count ??= header.chunk.count;
    this.#parts.set(header.chunk.index, { header, compressed });
    return { header, duplicate: false, missing: this.missing() };
  }

  /** The whole payload; refuses while parts are missing. The header returned is part 1's. */
  open(): OpenedBundle {
    const missing = this.missing();
    if (this.#count === undefined) throw refuse.partsMissing([0], 1);
    if (missing.length > 0) throw refuse.partsMissing(missing, this.#count);
    const parts = [...this.#parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
    const first = parts[0]!.header;
    const compressed = Buffer.concat(parts.map((part) => part.compressed));
    return { header: first, payload: decompress(compressed, first.contentLength) };
  }

  /** The group is fixed by the first part that is fully accepted, so one bad file cannot claim it. */
  #checkGroup(header: BundleHeader): void {
    if (this.#groupKey !== undefined && groupKey(header) !== this.#groupKey) {
      throw refuse.partOfAnotherGroup(header.chunk.index, header.chunk.count);
    }
  }

  #isRepeat(header: BundleHeader): boolean {
    const held = this.#parts.get(header.chunk.index);
    if (held === undefined) return false;
    if (Buffer.compare(held.header.payload.sha256, header.payload.sha256) !== 0) {
      throw refuse.partConflict(header.chunk.index, header.chunk.count);
    }
    return true;
  }
}
