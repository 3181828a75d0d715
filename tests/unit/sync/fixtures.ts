// Keys and bundle fields for the sync tests: real Ed25519 and age X25519 keys, made fresh per test file.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createEncryptionKeys, keyIdOf, type BundleFields, type BundleKind, type TrustedKey } from '../../../src-main/sync/index.ts';

export interface TestNode {
  readonly office: string;
  readonly series: number;
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** age identity (AGE-SECRET-KEY-1…) and its recipient (age1…). */
  readonly identity: string;
  readonly recipient: string;
}

export async function makeNode(office: string, series = 1): Promise<TestNode> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { identity, recipient } = await createEncryptionKeys();
  return {
    office,
    series,
    signingKey: privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    identity,
    recipient,
  };
}

export function trustOf(...nodes: TestNode[]): Map<string, TrustedKey> {
  return new Map(nodes.map((node) => [node.keyId, { office: node.office, publicKey: node.publicKey }]));
}

export const EPOCH = '6f1c2a8e-4b1d-4c3a-9e2f-0a1b2c3d4e5f';

export function fieldsFor(from: TestNode, to: string, kind: BundleKind = 'changes'): BundleFields {
  return {
    kind,
    from: { office: from.office, series: from.series },
    to,
    schemaVersion: 8,
    epoch: EPOCH,
    createdAt: new Date('2026-12-03T07:30:00.000Z'),
    ranges: [
      { origin: `${from.office}-00${from.series}`, from: 1, to: 42 },
      { origin: '9001-002', from: 7, to: 9 },
    ].sort((a, b) => (a.origin < b.origin ? -1 : 1)),
    acks: { 'hub-001': 6, '2714-001': 0 },
  };
}

export const text = (value: string): Uint8Array => new TextEncoder().encode(value);
