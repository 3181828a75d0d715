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
    expect(decodeChangesPayload(bytes, headerFor(CHANGES))).toEqual({ changes: CHANGES, acks: ACKS });
    // Deterministic: the same content gives the same bytes whatever the order of the acks object.
    expect(encodeChangesPayload({ changes: CHANGES, acks: { '4712-001': 1, '2714-001': 6 } })).toEqual(bytes);
  });

  it('refuses payloads that differ from the signed header', () => {
    const bytes = encodeChangesPayload({ changes: CHANGES, acks: ACKS });
    expect(refusal(() => decodeChangesPayload(bytes, headerFor(CHANGES.slice(1))))).toMatch(/ranges/);
    expect(refusal(() => decodeChangesPayload(bytes, headerFor(CHANGES, { '2714-001': 7, '4712-001': 1 })))).toMatch(/acks/);
  });

  it.each([
    ['not CBOR', () => Uint8Array.from([0xff, 0x00])],
    ['an extra top-level key', () => encode({ changes: [], acks: {}, extra: 1 })],
    ['a change with an extra key', () => encode({ changes: [{ ...change('2714-001', 1), by: 'x' }], acks: {} })],
    ['a change missing a key', () => encode({ changes: [{ origin: '2714-001', counter: 1 }], acks: {} })],
    ['a bad origin', () => encode({ changes: [change('27-1', 1)], acks: {} })],
    ['counter zero', () => encode({ changes: [change('2714-001', 0)], acks: {} })],
    ['a malformed clock', () => encode({ changes: [change('2714-001', 1, { hlc: 'yesterday' })], acks: {} })],
    ['an unknown op', () => encode({ changes: [change('2714-001', 1, { op: 'delete' as 'update' })], acks: {} })],
    ['data that is not a JSON object', () => encode({ changes: [change('2714-001', 1, { data: '[1,2]' })], acks: {} })],
    ['data that is not JSON', () => encode({ changes: [change('2714-001', 1, { data: '{village' })], acks: {} })],
    ['an entity that is not a table name', () => encode({ changes: [change('2714-001', 1, { entity: 'Household; DROP' })], acks: {} })],
    ['changes out of order', () => encode({ changes: [change('2714-001', 2), change('2714-001', 1)], acks: {} })],
    ['a repeated change', () => encode({ changes: [change('2714-001', 1), change('2714-001', 1)], acks: {} })],
    ['a negative ack', () => encode({ changes: [], acks: { '2714-001': -1 } })],
  ])('refuses %s', (_name, make) => {
    const bytes = make();
    refusal(() => decodeChangesPayload(bytes, headerFor([], {})));
  });
});
