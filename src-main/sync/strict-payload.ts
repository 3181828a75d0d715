// Strict reading of a decrypted payload (changes, enrolment): exact maps, a field path in every refusal,
// and the revocation list both payloads carry. One place, so both refuse the same way.
import { decode } from 'cborg';
import { refuse } from './errors.ts';
import { DECODE_OPTIONS, isNodeName } from './header.ts';

/** Thrown while reading with the path of the bad field; becomes one `payload-invalid` refusal. */
export class Bad extends Error {}

export function exactMap(value: unknown, keys: readonly string[], what: string): Map<unknown, unknown> {
  if (!(value instanceof Map) || value.size !== keys.length) throw new Bad(what);
  for (const key of value.keys()) if (typeof key !== 'string' || !keys.includes(key)) throw new Bad(what);
  return value;
}

/** Decodes deterministic CBOR and reads it with `read`; a Bad anywhere refuses the bundle naming the field. */
export function readPayload<T>(bytes: Uint8Array, read: (value: unknown) => T): T {
  let value: unknown;
  try {
    value = decode(bytes, DECODE_OPTIONS);
  } catch {
    throw refuse.payloadInvalid('not valid CBOR');
  }
  try {
    return read(value);
  } catch (error) {
    if (error instanceof Bad) throw refuse.payloadInvalid(error.message);
    throw error;
  }
}

/** A signing key the hub has revoked: bundles signed with it are refused from then on, everywhere. */
export interface Revocation {
  readonly keyId: string;
  /** The office (or `hub`) the key belonged to. */
  readonly office: string;
  /** ISO-8601 UTC. */
  readonly revokedAt: string;
}

export const MAX_REVOCATIONS = 100_000;
const KEY_ID = /^[0-9a-f]{16}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeRevocations(revocations: readonly Revocation[]): unknown[] {
  return revocations.map((r) => ({ keyId: r.keyId, office: r.office, revokedAt: r.revokedAt }));
}

export function readRevocations(list: unknown): Revocation[] {
  if (!Array.isArray(list) || list.length > MAX_REVOCATIONS) throw new Bad('revocations');
  return list.map((item: unknown, i): Revocation => {
    const where = `revocations.${i}`;
    const map = exactMap(item, ['keyId', 'office', 'revokedAt'], where);
    const keyId = map.get('keyId');
    const office = map.get('office');
    const revokedAt = map.get('revokedAt');
    if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) throw new Bad(`${where}.keyId`);
    if (!isNodeName(office)) throw new Bad(`${where}.office`);
    if (typeof revokedAt !== 'string' || !ISO_UTC_MS.test(revokedAt) || !Number.isFinite(Date.parse(revokedAt))) throw new Bad(`${where}.revokedAt`);
    return { keyId, office, revokedAt };
  });
}
