// The payload of a `changes` bundle: change-log entries and cumulative acks, as deterministic CBOR.
// Pure: no database here. The exchange layer (src-main/exchange/) builds it from the change log and
// applies what it reads; README.md in this folder documents the format.
import { encode } from 'cborg';
import { refuse } from './errors.ts';
import { HUB, isOrigin, type BundleHeader, type ChangeRange } from './header.ts';
import { Bad, encodeRevocations, exactMap, readPayload, readRevocations, type Revocation } from './strict-payload.ts';

export type { Revocation } from './strict-payload.ts';

/** One change-log entry as it travels: the same columns as the change_log table. */
export interface BundleChange {
  readonly origin: string;
  readonly counter: number;
  /** Hybrid logical clock, `WWWWWWWWWWWWWWW.CCCCC.node` (store/hlc.ts). */
  readonly hlc: string;
  /** Replicated table name. */
  readonly entity: string;
  readonly entityId: string;
  readonly op: 'insert' | 'update';
  /** The changed fields as the change log stores them: JSON text of an object (binary as `{base64}`). */
  readonly data: string;
  /** `data` parsed, on a change read from a bundle: it is parsed once, to be checked, and kept. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface ChangesPayload {
  /** Sorted by origin, then counter; no repeats. Each lies within one of the header's ranges. */
  readonly changes: readonly BundleChange[];
  /** Origin → highest counter the sender holds without a gap: equal to the header's acks. */
  readonly acks: Readonly<Record<string, number>>;
  /** Keys revoked by the hub (only the hub sends them; an office's own bundles carry none). */
  readonly revocations: readonly Revocation[];
}

export const PAYLOAD_LIMITS = {
  maxChanges: 5_000_000,
  maxDataChars: 16 * 1024 * 1024,
  maxIdChars: 200,
} as const;

const HLC = /^\d{15}\.\d{5,9}\.[0-9a-z-]{1,40}$/;
const ENTITY = /^[a-z][a-z_]{0,62}$/;
const CHANGE_KEYS = ['origin', 'counter', 'hlc', 'entity', 'entityId', 'op', 'data'];

/** Per origin, the runs of consecutive counters in sorted changes: the header's `ranges`. */
export function rangesOf(changes: readonly BundleChange[]): ChangeRange[] {
  const ranges: ChangeRange[] = [];
  for (const change of changes) {
    const last = ranges.at(-1);
    if (last && last.origin === change.origin && last.to + 1 === change.counter) {
      ranges[ranges.length - 1] = { origin: last.origin, from: last.from, to: change.counter };
    } else {
      ranges.push({ origin: change.origin, from: change.counter, to: change.counter });
    }
  }
  return ranges;
}

function sortedCopy(acks: Readonly<Record<string, number>>): Record<string, number> {
  const copy: Record<string, number> = {};
  for (const origin of Object.keys(acks).sort()) copy[origin] = acks[origin]!;
  return copy;
}

/** What to encode: an office's bundle has no revocations to carry. */
export type ChangesPayloadInput = Omit<ChangesPayload, 'revocations'> & { readonly revocations?: readonly Revocation[] };

export function encodeChangesPayload(payload: ChangesPayloadInput): Uint8Array {
  return encode({
    changes: payload.changes.map((c) => ({
      origin: c.origin,
      counter: c.counter,
      hlc: c.hlc,
      entity: c.entity,
      entityId: c.entityId,
      op: c.op,
      data: c.data,
    })),
    acks: sortedCopy(payload.acks),
    revocations: encodeRevocations(payload.revocations ?? []),
  });
}

/**
 * Whether every change lies within a range of its origin. A header range is what the bundle *covers*:
 * an office sends every change of the range, the hub only those routed to the recipient (the others
 * concern other blocks), so a range may hold counters that are not in the payload.
 */
function coveredByRanges(changes: readonly BundleChange[], ranges: readonly ChangeRange[]): boolean {
  let r = 0;
  for (const change of changes) {
    while (r < ranges.length && (ranges[r]!.origin < change.origin || (ranges[r]!.origin === change.origin && ranges[r]!.to < change.counter))) r++;
    const range = ranges[r];
    if (!range || range.origin !== change.origin || change.counter < range.from) return false;
  }
  return true;
}

function counterOf(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new Bad(what);
  return value;
}

/** The object a change's data holds, or undefined when it is not JSON text of an object within the limit. */
function jsonObjectOf(text: string): Record<string, unknown> | undefined {
  if (text.length > PAYLOAD_LIMITS.maxDataChars) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isOp = (v: string) => v === 'insert' || v === 'update';
const isHlc = (v: string) => HLC.test(v);
const isEntity = (v: string) => ENTITY.test(v);
const isEntityId = (v: string) => v.length >= 1 && v.length <= PAYLOAD_LIMITS.maxIdChars;

/** One change of the list, checked field by field. The path of a field is spelled only when it is bad. */
function readChange(item: unknown, i: number): BundleChange {
  const map = exactMap(item, CHANGE_KEYS, `changes.${i}`);
  const text = (key: string, check: (v: string) => boolean): string => {
    const value = map.get(key);
    if (typeof value !== 'string' || !check(value)) throw new Bad(`changes.${i}.${key}`);
    return value;
  };
  const counter = map.get('counter');
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 1) throw new Bad(`changes.${i}.counter`);
  const data = text('data', () => true);
  const fields = jsonObjectOf(data);
  if (!fields) throw new Bad(`changes.${i}.data`);
  return {
    origin: text('origin', isOrigin),
    counter,
    hlc: text('hlc', isHlc),
    entity: text('entity', isEntity),
    entityId: text('entityId', isEntityId),
    op: text('op', isOp) as 'insert' | 'update',
    data,
    fields,
  };
}

/**
 * Reads a payload strictly: exactly the documented fields, sorted changes without repeats, and exactly
 * the changes and acks its authenticated header announces. Anything else is refused as `payload-invalid`.
 */
export function decodeChangesPayload(bytes: Uint8Array, header: BundleHeader): ChangesPayload {
  return readPayload(bytes, (value): ChangesPayload => {
    const top = exactMap(value, ['changes', 'acks', 'revocations'], 'payload');
    const list = top.get('changes');
    if (!Array.isArray(list) || list.length > PAYLOAD_LIMITS.maxChanges) throw new Bad('changes');
    const changes: BundleChange[] = list.map(readChange);
    for (let i = 1; i < changes.length; i++) {
      const a = changes[i - 1]!;
      const b = changes[i]!;
      if (!(a.origin < b.origin || (a.origin === b.origin && a.counter < b.counter))) throw new Bad(`changes.${i} out of order`);
    }
    const ackMap = top.get('acks');
    if (!(ackMap instanceof Map)) throw new Bad('acks');
    const acks: Record<string, number> = {};
    for (const [origin, mark] of ackMap) {
      if (!isOrigin(origin)) throw new Bad('acks');
      acks[origin] = counterOf(mark, `acks.${origin}`, 0);
    }

    const revocations = readRevocations(top.get('revocations'));
    if (revocations.length > 0 && header.from.office !== HUB) throw new Bad('revocations from an office');

    // The payload must be what the signed header announced.
    if (!coveredByRanges(changes, header.ranges)) throw new Bad('a change outside the header ranges');
    if (JSON.stringify(sortedCopy(acks)) !== JSON.stringify(sortedCopy(header.acks))) throw new Bad('acks differ from the header');
    return { changes, acks, revocations };
  });
}
