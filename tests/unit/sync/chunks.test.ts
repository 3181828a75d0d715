import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BundleError,
  ChunkAssembler,
  DEFAULT_MAX_BUNDLE_BYTES,
  describeBundle,
  openBundle,
  readBundleHeader,
  splitIntoChunks,
  type OpenBundleOptions,
} from '../../../src-main/sync/index.ts';
import { sealPart } from '../../../src-main/sync/seal.ts';
import { fieldsFor, makeNode, trustOf, type TestNode } from './fixtures.ts';

let office: TestNode;
let hub: TestNode;
let options: OpenBundleOptions;
/** Two split bundles of incompressible data, made once: the properties reorder and drop their parts. */
let payloadA: Uint8Array;
let partsA: Uint8Array[];
let partsB: Uint8Array[];

const MAX = 1200;

function split(payload: Uint8Array, maxBytes = MAX): Promise<Uint8Array[]> {
  return splitIntoChunks({ ...fieldsFor(office, 'hub'), payload, signingKey: office.signingKey, recipients: [hub.recipient] }, maxBytes);
}

beforeAll(async () => {
  office = await makeNode('2714', 1);
  hub = await makeNode('hub', 1);
  options = { trustedKeys: trustOf(office), expectedRecipient: 'hub', identity: hub.identity };
  payloadA = randomBytes(5000);
  partsA = await split(payloadA);
  partsB = await split(randomBytes(3000));
});

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return (error as BundleError).code;
  }
  return 'accepted';
}

describe('splitting for e-mail', () => {
  it('every part fits the limit, verifies and decrypts alone, and carries the full routing header', async () => {
    expect(partsA.length).toBeGreaterThan(5);
    const groupIds = new Set<string>();
    for (const [index, part] of partsA.entries()) {
      expect(part.length).toBeLessThanOrEqual(MAX);
      const header = readBundleHeader(part, options);
      expect(header.chunk).toMatchObject({ index, count: partsA.length });
      expect(header.ranges).toEqual(fieldsFor(office, 'hub').ranges);
      expect(header.contentLength).toBe(payloadA.length);
      groupIds.add(header.chunk.groupId);
      const alone = new ChunkAssembler(options);
      const added = await alone.add(part);
      expect(added.missing).toEqual([...Array(partsA.length).keys()].filter((i) => i !== index));
      // A part on its own is not a bundle to import.
      expect(await codeOf(() => openBundle(part, options))).toBe('bundle-part');
      expect(describeBundle(part).ageCommand).toMatch(/\| age -d -i 'key.txt' > part-\d{5}\.gz$/);
    }
    expect(groupIds.size).toBe(1);
  });

  it('a bundle that fits stays one file; the default limit is 10 MB', async () => {
    const small = randomBytes(200);
    const parts = await split(small, DEFAULT_MAX_BUNDLE_BYTES);
    expect(parts).toHaveLength(1);
    expect((await openBundle(parts[0]!, options)).payload).toEqual(new Uint8Array(small));
    await expect(split(small, 300)).rejects.toThrow(RangeError);
  });

  it('any payload and any limit: every part fits, and the parts reassemble to the payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4000 }), fc.integer({ min: 900, max: 5000 }), async (payload, maxBytes) => {
        const parts = await split(payload, maxBytes);
        const assembler = new ChunkAssembler(options);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(maxBytes);
          await assembler.add(part);
        }
        expect(assembler.complete).toBe(true);
        expect(assembler.open().payload).toEqual(payload);
      }),
      { numRuns: 15 },
    );
  });
});

describe('ChunkAssembler', () => {
  it('any permutation of the parts, with any duplicates, reassembles to the original', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([...partsA.keys()], { minLength: partsA.length, maxLength: partsA.length }),
        fc.array(fc.nat({ max: partsA.length - 1 }), { maxLength: 5 }),
        async (order, repeats) => {
          const assembler = new ChunkAssembler(options);
          const sequence = [...order];
          for (const repeat of repeats) sequence.splice(repeat % (sequence.length + 1), 0, repeat);
          const seen = new Set<number>();
          for (const index of sequence) {
            const added = await assembler.add(partsA[index]!);
            expect(added.duplicate).toBe(seen.has(index));
            seen.add(index);
          }
          expect(assembler.missing()).toEqual([]);
          const opened = assembler.open();
          expect(Buffer.compare(opened.payload, payloadA)).toBe(0);
          expect(opened.header.chunk.index).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('any missing parts are reported by number, and the bundle does not open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...partsA.keys()], { minLength: 1, maxLength: partsA.length - 1 }), async (present) => {
        const assembler = new ChunkAssembler(options);
        for (const index of present) await assembler.add(partsA[index]!);
        const missing = [...partsA.keys()].filter((index) => !present.includes(index));
        expect(assembler.missing()).toEqual(missing);
        expect(assembler.complete).toBe(false);
        let error: unknown;
        try {
          assembler.open();
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(BundleError);
        expect((error as BundleError).code).toBe('parts-missing');
        expect((error as BundleError).text.en).toBe(
          `Parts ${missing.map((index) => index + 1).join(', ')} of ${partsA.length} of this split bundle are still missing.`,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a part of another split bundle, and keeps the parts it has', async () => {
    const assembler = new ChunkAssembler(options);
    await assembler.add(partsA[1]!);
    expect(await codeOf(() => assembler.add(partsB[0]!))).toBe('part-of-another-group');
    expect(assembler.count).toBe(partsA.length);
    for (const part of partsA) await assembler.add(part);
    expect(Buffer.compare(assembler.open().payload, payloadA)).toBe(0);
  });

  it('a refused first file does not claim the group', async () => {
    const assembler = new ChunkAssembler({ ...options, identity: office.identity });
    expect(await codeOf(() => assembler.add(partsB[0]!))).toBe('cannot-decrypt');
    expect(assembler.count).toBeUndefined();
    const good = new ChunkAssembler(options);
    const broken = Uint8Array.from(partsB[0]!);
    broken[broken.length - 1]! ^= 1;
    expect(await codeOf(() => good.add(broken))).toBe('payload-hash-mismatch');
    await good.add(partsA[0]!);
    expect(good.count).toBe(partsA.length);
  });

  it('refuses two different files claiming the same part of the same group', async () => {
    // Only the sender's key can make such a file: a buggy sender writing part 1 twice with other bytes.
    const first = readBundleHeader(partsA[0]!, options);
    const rival = await sealPart(
      fieldsFor(office, 'hub'),
      new Uint8Array([1, 2, 3]),
      first.contentLength,
      first.chunk,
      office.signingKey,
      [hub.recipient],
    );
    const assembler = new ChunkAssembler(options);
    await assembler.add(partsA[0]!);
    expect(await codeOf(() => assembler.add(rival))).toBe('part-conflict');
    // A later split of the same payload is another group.
    const again = await split(payloadA);
    expect(await codeOf(() => assembler.add(again[0]!))).toBe('part-of-another-group');
  });

  it('a whole bundle is a group of one', async () => {
    const [whole] = await split(randomBytes(100), DEFAULT_MAX_BUNDLE_BYTES);
    const assembler = new ChunkAssembler(options);
    const added = await assembler.add(whole!);
    expect(added.missing).toEqual([]);
    expect(assembler.open().header.chunk.count).toBe(1);
  });

  it('refuses parts from unknown signers or for someone else, like any bundle', async () => {
    expect(await codeOf(() => new ChunkAssembler({ ...options, trustedKeys: new Map() }).add(partsA[0]!))).toBe('unknown-signer');
    expect(await codeOf(() => new ChunkAssembler({ ...options, expectedRecipient: '2714' }).add(partsA[0]!))).toBe('not-addressed-to-us');
    expect(await codeOf(() => new ChunkAssembler({ ...options, maxContentBytes: 1000 }).add(partsA[0]!))).toBe('payload-too-large');
  });
});
