import { encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { BundleError, decodeChangesPayload, encodeChangesPayload, rangesOf, type BundleChange, type BundleHeader } from '../../../src-main/sync/index.ts';

const change = (origin: string, counter: number, extra: Partial<BundleChange> = {}): BundleChange => ({
  origin,
  counter,
  hlc: `0017644000000${String(counter).padStart(2, '0')}.00000.${origin}`,
  entity: 'household',
  entityId: 'hh-1',
  op: 'update',
  data: JSON.stringify({ village: 'Molgi' }),
  ...extra,
});

const CHANGES = [change('2714-001', 3), change('2714-001', 4), change('2714-001', 6), change('4712-001', 1)];
const ACKS = { '2714-001': 6, '4712-001': 1 };

function headerFor(changes: readonly BundleChange[], acks: Record<string, number> = ACKS): BundleHeader {
  return { ranges: rangesOf(changes), acks } as unknown as BundleHeader;
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('payload-invalid');
    return (error as BundleError).detail ?? '';
  }
  throw new Error('expected payload-invalid');
}

describe('changes payload', () => {
  it('round-trips, and its ranges are the runs of consecutive counters per origin', () => {
    expect(rangesOf(CHANGES)).toEqual([
      { origin: '2714-001', from: 3, to: 4 },
      { origin: '2714-001', from: 6, to: 6 },
      { origin: '4712-001', from: 1, to: 1 },
    ]);
    const bytes = encodeChangesPayload({ changes: CHANGES, acks: ACKS });
    // Each change comes back with its data parsed once, as the importers use it.
    const read = CHANGES.map((change) => ({ ...change, fields: JSON.parse(change.data) }));
    expect(decodeChangesPayload(bytes, headerFor(CHANGES))).toEqual({ changes: read, acks: ACKS, revocations: [] });
    // Deterministic: the same content gives the same bytes whatever the order of the acks object.
    expect(encodeChangesPayload({ changes: CHANGES, acks: { '4712-001': 1, '2714-001': 6 } })).toEqual(bytes);
  });

  it('refuses payloads that differ from the signed header', () => {
    const bytes = encodeChangesPayload({ changes: CHANGES, acks: ACKS });
    expect(refusal(() => decodeChangesPayload(bytes, headerFor(CHANGES.slice(1))))).toMatch(/ranges/);
    expect(refusal(() => decodeChangesPayload(bytes, headerFor(CHANGES, { '2714-001': 7, '4712-001': 1 })))).toMatch(/acks/);
  });

  it('accepts ranges wider than the changes: the hub covers counters routed to other offices', () => {
    const wide = { ranges: [{ origin: '2714-001', from: 1, to: 9 }, { origin: '4712-001', from: 1, to: 3 }], acks: ACKS } as unknown as BundleHeader;
    expect(decodeChangesPayload(encodeChangesPayload({ changes: CHANGES, acks: ACKS }), wide).changes).toEqual(CHANGES.map((change) => ({ ...change, fields: JSON.parse(change.data) })));
    const narrow = { ranges: [{ origin: '2714-001', from: 4, to: 9 }, { origin: '4712-001', from: 1, to: 3 }], acks: ACKS } as unknown as BundleHeader;
    expect(refusal(() => decodeChangesPayload(encodeChangesPayload({ changes: CHANGES, acks: ACKS }), narrow))).toMatch(/outside the header ranges/);
  });

  it('carries revocations from the hub only', () => {
    const revocations = [{ keyId: '0123456789abcdef', office: '2714', revokedAt: '2026-12-01T10:00:00.000Z' }];
    const bytes = encodeChangesPayload({ changes: [], acks: {}, revocations });
    const fromHub = { ranges: [], acks: {}, from: { office: 'hub' } } as unknown as BundleHeader;
    expect(decodeChangesPayload(bytes, fromHub).revocations).toEqual(revocations);
    const fromOffice = { ranges: [], acks: {}, from: { office: '4712' } } as unknown as BundleHeader;
    expect(refusal(() => decodeChangesPayload(bytes, fromOffice))).toMatch(/revocations from an office/);
    const badKey = encode({ changes: [], acks: {}, revocations: [{ keyId: 'zz', office: '2714', revokedAt: '2026-12-01T10:00:00.000Z' }] });
    expect(refusal(() => decodeChangesPayload(badKey, fromHub))).toMatch(/revocations.0.keyId/);
  });

  it.each([
    ['not CBOR', () => Uint8Array.from([0xff, 0x00])],
    ['an extra top-level key', () => encode({ changes: [], acks: {}, revocations: [], extra: 1 })],
    ['a change with an extra key', () => encode({ changes: [{ ...change('2714-001', 1), by: 'x' }], acks: {}, revocations: [] })],
    ['a change missing a key', () => encode({ changes: [{ origin: '2714-001', counter: 1 }], acks: {}, revocations: [] })],
    ['a bad origin', () => encode({ changes: [change('27-1', 1)], acks: {}, revocations: [] })],
    ['counter zero', () => encode({ changes: [change('2714-001', 0)], acks: {}, revocations: [] })],
    ['a malformed clock', () => encode({ changes: [change('2714-001', 1, { hlc: 'yesterday' })], acks: {}, revocations: [] })],
    ['an unknown op', () => encode({ changes: [change('2714-001', 1, { op: 'delete' as 'update' })], acks: {}, revocations: [] })],
    ['data that is not a JSON object', () => encode({ changes: [change('2714-001', 1, { data: '[1,2]' })], acks: {}, revocations: [] })],
    ['data that is not JSON', () => encode({ changes: [change('2714-001', 1, { data: '{village' })], acks: {}, revocations: [] })],
    ['an entity that is not a table name', () => encode({ changes: [change('2714-001', 1, { entity: 'Household; DROP' })], acks: {}, revocations: [] })],
    ['changes out of order', () => encode({ changes: [change('2714-001', 2), change('2714-001', 1)], acks: {}, revocations: [] })],
    ['a repeated change', () => encode({ changes: [change('2714-001', 1), change('2714-001', 1)], acks: {}, revocations: [] })],
    ['a negative ack', () => encode({ changes: [], acks: { '2714-001': -1 }, revocations: [] })],
  ])('refuses %s', (_name, make) => {
    const bytes = make();
    refusal(() => decodeChangesPayload(bytes, headerFor([], {})));
  });
});
