// The two keys a node uses for bundles: its Ed25519 signing key (node:crypto KeyObject, the office key of
// issue 6) and an age X25519 identity to receive bundles. Callers get age keys here so that the age
// library stays a detail of this folder.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';

const IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;

/**
 * Short id of a signing key: the first 32 hex digits of SHA-256 over its SPKI DER, i.e. the start of the
 * fingerprint the state key file and enrolment read out by phone. Accepts the private or public half.
 */
export function keyIdOf(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('keyIdOf: not an Ed25519 key');
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(spki).digest('hex').slice(0, 32);
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
