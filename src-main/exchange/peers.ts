// The nodes this office exchanges bundles with, and what it knows about itself for a bundle header.
// Enrolment fills sync_peer from the hub's signed answer (enrolment.ts); tests and tools may call addPeer.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Problem } from '../common/problem.ts';
import { ensureOfficeKey, keyIdOf } from '../keys/index.ts';
import { readStateKeys } from '../registry/index.ts';
import type { OfficeData } from '../office/service.ts';
import { readOffice } from '../office/service.ts';
import { HUB, isNodeName, refuse, type Revocation, type TrustedKey } from '../sync/index.ts';
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

/**
 * The keys a bundle may be signed with, and those revoked: what readBundleHeader needs. The hub signs
 * with the state's signing key, whose fingerprint the administrator checked by phone when importing the
 * state key file; so the hub's first bundle (the enrolment) is trusted through that file.
 */
export function trustOf(data: OfficeData): { trustedKeys: Map<string, TrustedKey>; revoked: Set<string> } {
  const { store } = data;
  const trustedKeys = new Map<string, TrustedKey>();
  const revoked = new Set<string>(store.all(store.db.selectFrom('sync_revocation').select('key_id')).map((row) => row.key_id));
  const stateKeys = readStateKeys(data);
  if (stateKeys) trustedKeys.set(keyIdOf(stateKeys.signPublicKey), { office: HUB, publicKey: stateKeys.signPublicKey });
  for (const row of store.all(store.db.selectFrom('sync_peer').selectAll())) {
    if (row.revoked_at !== null) revoked.add(row.key_id);
    else trustedKeys.set(row.key_id, { office: row.peer, publicKey: createPublicKey({ key: Buffer.from(row.public_key, 'base64'), format: 'der', type: 'spki' }) });
  }
  for (const keyId of revoked) trustedKeys.delete(keyId);
  return { trustedKeys, revoked };
}

/** When the hub has revoked this office's own signing key: exports stop until it enrols again. */
export function ownKeyRevocation(data: OfficeData): { keyId: string; revokedAt: string } | null {
  const keyId = ensureOfficeKey(data.dataDir, data.keyProtection).keyId;
  const row = data.store.first(data.store.db.selectFrom('sync_revocation').select(['key_id', 'revoked_at']).where('key_id', '=', keyId));
  return row ? { keyId: row.key_id, revokedAt: row.revoked_at } : null;
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

/**
 * Per origin, the counter up to which this office holds everything meant for it: for its own origins
 * the newest change it wrote, for others the end of the ranges received without a gap (the hub sends an
 * office only the changes that concern it, so received counters need not be dense).
 */
export function coveredMarks({ store }: OfficeData): Map<string, number> {
  const marks = new Map<string, number>();
  const written = store.all(
    store.db
      .selectFrom('change_log')
      .select(['origin', (eb) => eb.fn.max('counter').as('high')])
      .groupBy('origin'),
  );
  for (const row of written) marks.set(row.origin, Number(row.high));
  for (const row of store.all(store.db.selectFrom('sync_applied').select(['origin', 'high_water']))) {
    marks.set(row.origin, Math.max(marks.get(row.origin) ?? 0, row.high_water));
  }
  return marks;
}

/** What this office acknowledges in every bundle it writes: its covered marks, sorted by origin. */
export function heldHighWater(data: OfficeData): Record<string, number> {
  const marks = coveredMarks(data);
  const acks: Record<string, number> = {};
  for (const origin of [...marks.keys()].sort()) acks[origin] = marks.get(origin)!;
  return acks;
}

/** Revocations the hub announced: remembered, and the peer keys they name stop being trusted. */
export function recordRevocations(data: OfficeData, revocations: readonly Revocation[], now: string): number {
  const { store } = data;
  let learned = 0;
  for (const revocation of revocations) {
    const inserted = store.run(
      store.db
        .insertInto('sync_revocation')
        .values({ key_id: revocation.keyId, office: revocation.office, revoked_at: revocation.revokedAt, received_at: now })
        .onConflict((oc) => oc.doNothing()),
    );
    learned += inserted.changes;
    store.run(store.db.updateTable('sync_peer').set({ revoked_at: revocation.revokedAt }).where('key_id', '=', revocation.keyId).where('revoked_at', 'is', null));
  }
  return learned;
}

