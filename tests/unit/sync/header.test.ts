// Headers that are validly signed but malformed: each is refused as damaged, naming the field. The
// signature is made over the bad header on purpose, so the refusal can only come from the header checks.
import { sign } from 'node:crypto';
import { encode } from 'cborg';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, describeBundle, readBundleHeader, writeBundle } from '../../../src-main/sync/index.ts';
import { joinBundle, signedPrefix } from '../../../src-main/sync/format.ts';
import { fieldsFor, makeNode, text, trustOf, type TestNode } from './fixtures.ts';

let office: TestNode;
let hub: TestNode;
let payload: Uint8Array;
let good: Record<string, unknown>;

beforeAll(async () => {
  office = await makeNode('2714', 1);
  hub = await makeNode('hub', 1);
  const bytes = await writeBundle({ ...fieldsFor(office, 'hub'), payload: text('x'), signingKey: office.signingKey, recipients: [hub.recipient] });
  const description = describeBundle(bytes);
  payload = bytes.subarray(description.payloadOffset);
  good = structuredClone(description.header) as unknown as Record<string, unknown>;
});

/** A bundle with `value` as its header, encoded as given and signed by the office's real key. */
function bundleWithHeader(headerBytes: Uint8Array): Uint8Array {
  const signed = signedPrefix(headerBytes);
  return joinBundle(signed, new Uint8Array(sign(null, signed, office.signingKey)), payload);
}

function edited(change: (header: Record<string, any>) => void): Uint8Array {
  const header = structuredClone(good) as Record<string, any>;
  change(header);
  return bundleWithHeader(encode(header));
}

function damagedField(bytes: Uint8Array): string | undefined {
  try {
    readBundleHeader(bytes, { trustedKeys: trustOf(office) });
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    expect(error.code).toBe('header-damaged');
    expect(error.text.en).toContain(`(${error.detail})`);
    return error.detail;
  }
  throw new Error('the header was accepted');
}

describe('header validation', () => {
  it('the unedited header, re-encoded and re-signed here, is accepted (the helpers change nothing else)', () => {
    expect(readBundleHeader(edited(() => {}), { trustedKeys: trustOf(office) }).from.office).toBe('2714');
  });

  const cases: [string, (h: Record<string, any>) => void, string][] = [
    ['an unknown field', (h) => (h['note'] = 'hello'), 'header'],
    ['a missing field', (h) => delete h['epoch'], 'header'],
    ['an unknown kind', (h) => (h['kind'] = 'backup'), 'kind'],
    ['a bundle id that is not a UUID', (h) => (h['id'] = 'not-a-uuid'), 'id'],
    ['an office code of the wrong shape', (h) => (h['from'].office = '271'), 'from.office'],
    ['office 0000', (h) => (h['from'].office = '0000'), 'from.office'],
    ['a series given as text', (h) => (h['from'].series = '1'), 'from.series'],
    ['a series above 999', (h) => (h['from'].series = 1000), 'from.series'],
    ['an unknown field inside from', (h) => (h['from'].name = 'Akkalkuwa'), 'from'],
    ['a key id that is not 16 hex digits', (h) => (h['from'].keyId = 'ABCD'), 'from.keyId'],
    ['a recipient that is no office', (h) => (h['to'] = 'state'), 'to'],
    ['a fractional schema version', (h) => (h['schemaVersion'] = 1.5), 'schemaVersion'],
    ['schema version 0', (h) => (h['schemaVersion'] = 0), 'schemaVersion'],
    ['an impossible date', (h) => (h['createdAt'] = '2026-02-30T10:00:00.000Z'), 'createdAt'],
    ['a local time without Z', (h) => (h['createdAt'] = '2026-12-03T07:30:00.000'), 'createdAt'],
    ['ranges that are not a list', (h) => (h['ranges'] = {}), 'ranges'],
    ['a range starting at 0', (h) => (h['ranges'][0].from = 0), 'ranges.0.from'],
    ['a range ending before it starts', (h) => (h['ranges'][0].to = 0), 'ranges.0.to'],
    ['a range with a bad origin', (h) => (h['ranges'][0].origin = '2714-000'), 'ranges.0.origin'],
    ['ranges out of order', (h) => h['ranges'].reverse(), 'ranges.1'],
    ['overlapping ranges of one origin', (h) => h['ranges'].splice(1, 0, { origin: h['ranges'][0].origin, from: 40, to: 50 }), 'ranges.1'],
    ['a negative ack', (h) => (h['acks']['2714-001'] = -1), 'acks.2714-001'],
    ['an ack for a bad origin', (h) => (h['acks']['someone'] = 3), 'acks'],
    ['a payload hash of the wrong length', (h) => (h['payload'].sha256 = new Uint8Array(31)), 'payload.sha256'],
    ['a payload hash given as text', (h) => (h['payload'].sha256 = 'ab'.repeat(32)), 'payload.sha256'],
    ['a chunk index beyond the count', (h) => (h['chunk'].index = 1), 'chunk.index'],
    ['a single bundle whose group is not itself', (h) => (h['chunk'].groupId = '0b6a3c52-5a5e-4f7e-8c1d-2e3f4a5b6c7d'), 'chunk.groupId'],
    ['a content length given as a float', (h) => (h['contentLength'] = 0.5), 'contentLength'],
  ];
  for (const [what, change, field] of cases) {
    it(`refuses ${what} (${field})`, () => {
      expect(damagedField(edited(change))).toBe(field);
    });
  }

  it('refuses headers that are not the canonical encoding: map keys out of order, long integers, big integers, tags', () => {
    const unsorted = encode(good, { mapSorter: () => 0 });
    expect(damagedField(bundleWithHeader(unsorted))).toBe('not in canonical form');

    const canonical = encode(good);
    // schemaVersion 8 is one byte (0x08); the same number as a two-byte integer (0x18 0x08) is not canonical.
    const at = Buffer.from(canonical).indexOf(Buffer.concat([Buffer.from([0x6d]), Buffer.from('schemaVersion'), Buffer.from([0x08])]));
    expect(at).toBeGreaterThan(0);
    const long = Buffer.concat([canonical.subarray(0, at + 14), Buffer.from([0x18, 0x08]), canonical.subarray(at + 15)]);
    expect(damagedField(bundleWithHeader(long))).toBe('not valid CBOR');

    expect(damagedField(edited((h) => (h['contentLength'] = 2n ** 60n)))).toBe('not valid CBOR');
    expect(damagedField(bundleWithHeader(encode([good])))).toBe('header');
    expect(damagedField(bundleWithHeader(Uint8Array.from([0xc1, 0x1a, 0x65, 0x00, 0x00, 0x00])))).toBe('not valid CBOR');
  });

  it('refuses a header length of zero or above the limit', () => {
    const bytes = edited(() => {});
    for (const length of [0, 2 * 1024 * 1024, 0xffffffff]) {
      const changed = Uint8Array.from(bytes);
      new DataView(changed.buffer).setUint32(5, length, false);
      expect(damagedField(changed)).toBe('header length');
    }
  });

  it('the writer refuses to sign a bad header, naming the field', async () => {
    const input = { ...fieldsFor(office, 'hub'), payload: text('x'), signingKey: office.signingKey, recipients: [hub.recipient] };
    await expect(writeBundle({ ...input, to: '99999' })).rejects.toThrow('bundle header: invalid to');
    await expect(writeBundle({ ...input, ranges: [{ origin: '2714-001', from: 5, to: 4 }] })).rejects.toThrow('invalid ranges.0.to');
    await expect(writeBundle({ ...input, recipients: [] })).rejects.toThrow('at least one recipient');
    await expect(writeBundle({ ...input, recipients: ['AGE-SECRET-KEY-1QQQ'] })).rejects.toThrow('age X25519 recipients');
    await expect(writeBundle({ ...input, signingKey: office.publicKey })).rejects.toThrow('Ed25519 private key');
  });
});
