// The two keys a node uses for bundles: its Ed25519 signing key (node:crypto KeyObject, the office key of
// issue 6) and an age X25519 identity to receive bundles. Callers get age keys here so that the age
// library stays a detail of this folder.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { keyIdOf as officeKeyIdOf } from '../keys/index.ts';

const IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;

/**
 * Short id of a signing key: the office key's own id (keys/office-key.ts: the first 16 hex digits of
 * SHA-256 over its SPKI DER), so a bundle's `from.keyId` names the same key as backups and the series
 * ledger do. Accepts the private or public half; refuses anything but Ed25519.
 */
export function keyIdOf(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('keyIdOf: not an Ed25519 key');
  return officeKeyIdOf(key.type === 'private' ? createPublicKey(key) : key);
}

export interface EncryptionKeys {
  /** Secret: `AGE-SECRET-KEY-1…`, the line an age identity file holds. */
  readonly identity: string;
  /** Public: `age1…`, what senders encrypt to. */
  readonly recipient: string;
}

export async function createEncryptionKeys(): Promise<EncryptionKeys> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The public recipient of an identity; TypeError if it is not an age X25519 identity. */
export async function recipientOf(identity: string): Promise<string> {
  if (!IDENTITY.test(identity)) throw new TypeError('recipientOf: not an age X25519 identity');
  return identityToRecipient(identity);
}
