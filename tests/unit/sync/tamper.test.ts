// Every byte of a small bundle changed in turn, and every truncation length: each is refused with a
// typed BundleError (never another exception, never a success), and the code names the right problem for
// the region that was hit.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, describeBundle, openBundle, writeBundle, type BundleErrorCode, type BundlePart } from '../../../src-main/sync/index.ts';
import { fieldsFor, makeNode, text, trustOf, type TestNode } from './fixtures.ts';

let office: TestNode;
let hub: TestNode;
let bundle: Uint8Array;
let regions: { headerEnd: number; payloadOffset: number };

beforeAll(async () => {
  office = await makeNode('2714', 1);
  hub = await makeNode('hub', 1);
  bundle = await writeBundle({
    ...fieldsFor(office, 'hub'),
    payload: text('{"changes":[{"origin":"2714-001","counter":1,"entity":"household"}]}'),
    signingKey: office.signingKey,
    recipients: [hub.recipient],
  });
  const { payloadOffset } = describeBundle(bundle);
  regions = { headerEnd: payloadOffset - 64, payloadOffset };
});

async function refusalOf(bytes: Uint8Array): Promise<BundleError> {
  const options = { trustedKeys: trustOf(office, hub), expectedRecipient: 'hub', identity: hub.identity };
  let opened: unknown;
  try {
    opened = await openBundle(bytes, options);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    return error;
  }
  throw new Error(`a damaged bundle opened: ${JSON.stringify(opened)}`);
}

describe('tampering', () => {
  it('the untouched bundle opens (so every refusal below is caused by the change)', async () => {
    expect(bundle.length).toBeGreaterThan(300);
    expect(bundle.length).toBeLessThan(1000);
    const opened = await openBundle(bundle, { trustedKeys: trustOf(office), expectedRecipient: 'hub', identity: hub.identity });
    expect(opened.header.to).toBe('hub');
  });

  for (const mask of [0x01, 0x80, 0xff]) {
    it(`every byte XOR 0x${mask.toString(16).padStart(2, '0')} is refused with the problem of its region`, async () => {
      const seen = new Map<BundleErrorCode, number>();
      for (let position = 0; position < bundle.length; position++) {
        const changed = Uint8Array.from(bundle);
        changed[position]! ^= mask;
        const error = await refusalOf(changed);
        seen.set(error.code, (seen.get(error.code) ?? 0) + 1);
        const allowed: BundleErrorCode[] =
          position < 4
            ? ['not-a-bundle']
            : position === 4
              ? ['newer-format-version', 'unsupported-format-version']
              : position < 9
                ? ['header-damaged', 'truncated', 'trailing-data']
                : position < regions.headerEnd
                  ? ['header-damaged', 'bad-signature', 'unknown-signer', 'signer-office-mismatch', 'truncated', 'trailing-data']
                  : position < regions.payloadOffset
                    ? ['bad-signature']
                    : ['payload-hash-mismatch'];
        if (!allowed.includes(error.code)) throw new Error(`byte ${position}: unexpected ${error.code}`);
        expect(error.text.en.length).toBeGreaterThan(10);
        expect(error.text.mr.length).toBeGreaterThan(10);
      }
      expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(bundle.length);
    });
  }

  it('every truncation length is refused as truncated, naming the region where the file ends', async () => {
    for (let length = 0; length < bundle.length; length++) {
      const error = await refusalOf(bundle.subarray(0, length));
      if (length === 0) {
        expect(error.code).toBe('empty-file');
        continue;
      }
      const part: BundlePart =
        length < 4
          ? 'magic'
          : length < 5
            ? 'format-version'
            : length < 9
              ? 'header-length'
              : length < regions.headerEnd
                ? 'header'
                : length < regions.payloadOffset
                  ? 'signature'
                  : 'payload';
      if (error.code !== 'truncated' || error.part !== part) {
        throw new Error(`length ${length}: ${error.code} ${error.part ?? ''}, expected truncated in ${part}`);
      }
    }
  });

  it('random bytes after a valid start, and random multi-byte damage, are refused with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (tail) => {
        const bytes = new Uint8Array(9 + tail.length);
        bytes.set(bundle.subarray(0, 9));
        bytes.set(tail, 9);
        await refusalOf(bytes);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (edits) => {
          const changed = Uint8Array.from(bundle);
          for (const [position, mask] of edits) changed[position % changed.length]! ^= mask;
          fc.pre(Buffer.compare(changed, bundle) !== 0); // two edits of one byte may cancel out
          await refusalOf(changed);
        },
      ),
      { numRuns: 300 },
    );
  });
});
