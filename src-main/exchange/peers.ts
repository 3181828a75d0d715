// The nodes this office exchanges bundles with, and what it knows about itself for a bundle header.
// Enrolment (a later step) will fill sync_peer from the hub's signed answer; tests and tools call addPeer.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Problem } from '../common/problem.ts';
import { keyIdOf } from '../keys/index.ts';
import type { OfficeData } from '../office/service.ts';
import { readOffice } from '../office/service.ts';
import { isNodeName, refuse, type TrustedKey } from '../sync/index.ts';
import type { PeerKey } from './types.ts';

export interface PeerInput {
  /** `hub` (or, later, an office code). */
  peer: string;
  /** Its Ed25519 public key. */
  publicKey: KeyObject;
  /** Its age recipient (`age1…`), what bundles to it are encrypted to. */
  ageRecipient: string;
}

export type { PeerKey } from './types.ts';

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Adds a peer's key (or re-adds a known one unchanged); local to this PC, not replicated. */
export function addPeer(data: OfficeData, input: PeerInput, now = new Date()): PeerKey {
  if (!isNodeName(input.peer)) throw new TypeError('addPeer: peer must be an office code or hub');
  if (input.publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError('addPeer: publicKey must be Ed25519');
  if (!RECIPIENT.test(input.ageRecipient)) throw new TypeError('addPeer: ageRecipient must be an age X25519 recipient');
  const publicKey = input.publicKey.type === 'private' ? createPublicKey(input.publicKey) : input.publicKey;
  const keyId = keyIdOf(publicKey);
  const { store } = data;
  const existing = store.first(store.db.selectFrom('sync_peer').selectAll().where('key_id', '=', keyId));
  if (existing && existing.peer !== input.peer) throw new TypeError('addPeer: this key already belongs to another peer');
  if (!existing) {
    store.run(
      store.db.insertInto('sync_peer').values({
        peer: input.peer,
        key_id: keyId,
        public_key: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        age_recipient: input.ageRecipient,
        added_at: now.toISOString(),
        revoked_at: null,
        last_epoch: null,
      }),
    );
  }
  return listPeerKeys(data).find((key) => key.keyId === keyId)!;
}

/** Bundles signed with a revoked key are refused from now on; the key stays listed as revoked. */
export function revokePeerKey(data: OfficeData, keyId: string, now = new Date()): void {
  data.store.run(
    data.store.db.updateTable('sync_peer').set({ revoked_at: now.toISOString() }).where('key_id', '=', keyId).where('revoked_at', 'is', null),
  );
}

export function listPeerKeys({ store }: OfficeData): PeerKey[] {
  return store
    .all(store.db.selectFrom('sync_peer').selectAll().orderBy('peer').orderBy('added_at'))
    .map((row) => ({ peer: row.peer, keyId: row.key_id, ageRecipient: row.age_recipient, addedAt: row.added_at, revokedAt: row.revoked_at }));
}

/** The keys a bundle may be signed with, and those revoked: what readBundleHeader needs. */
export function trustOf({ store }: OfficeData): { trustedKeys: Map<string, TrustedKey>; revoked: Set<string> } {
  const trustedKeys = new Map<string, TrustedKey>();
  const revoked = new Set<string>();
  for (const row of store.all(store.db.selectFrom('sync_peer').selectAll())) {
    if (row.revoked_at !== null) revoked.add(row.key_id);
    else trustedKeys.set(row.key_id, { office: row.peer, publicKey: createPublicKey({ key: Buffer.from(row.public_key, 'base64'), format: 'der', type: 'spki' }) });
  }
  return { trustedKeys, revoked };
}

/** The unrevoked key a bundle to `peer` is encrypted for (the newest one added). */
export function currentPeerKey(data: OfficeData, peer: string): PeerKey {
  const key = listPeerKeys(data)
    .filter((candidate) => candidate.peer === peer && candidate.revokedAt === null)
    .at(-1);
  if (!key) throw refuse.unknownPeer(peer);
  return key;
}

export interface OfficeIdentity {
  office: string;
  series: number;
  epoch: string;
  /** Number of migrations applied: the header's schemaVersion. */
  schemaVersion: number;
}

export function officeIdentity(data: OfficeData): OfficeIdentity {
  const office = readOffice(data);
  if (!office) {
    throw new Problem('not-set-up', { en: 'This office is not set up yet.', mr: 'हे कार्यालय अजून सेट केलेले नाही.' });
  }
  const { store } = data;
  const installation = store.first(store.db.selectFrom('installation').select('epoch').orderBy('series', 'desc').limit(1));
  const migrations = store.first(store.db.selectFrom('schema_migration').select((eb) => eb.fn.countAll<number>().as('n')));
  if (!installation?.epoch) throw new Error('installation without epoch: migration 0008 not applied');
  return { office: office.code, series: office.series, epoch: installation.epoch, schemaVersion: Number(migrations?.n ?? 0) };
}

/** Per origin, the highest counter held here: the change log is dense per origin from 1, so its maximum. */
export function heldHighWater({ store }: OfficeData): Record<string, number> {
  const acks: Record<string, number> = {};
  const rows = store.all(
    store.db
      .selectFrom('change_log')
      .select(['origin', (eb) => eb.fn.max('counter').as('high')])
      .groupBy('origin')
      .orderBy('origin'),
  );
  for (const row of rows) acks[row.origin] = Number(row.high);
  return acks;
}
