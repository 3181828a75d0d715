// Export: one `changes` bundle to a peer carrying every change it has not acknowledged, of every origin
// (ours and those received from elsewhere), so the newest bundle alone repairs any that was lost. The
// only write is the line in the bundle history.
import { ensureOfficeKey } from '../keys/index.ts';
import type { OfficeData } from '../office/service.ts';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  describeBundle,
  encodeChangesPayload,
  rangesOf,
  splitIntoChunks,
  type BundleChange,
  type ChangeRange,
} from '../sync/index.ts';
import { currentPeerKey, heldHighWater, officeIdentity, ownKeyRevocation } from './peers.ts';
import { Problem } from '../common/problem.ts';

export interface ExportOptions {
  /** Largest file; a bigger bundle is split into parts (default 10 MB). */
  maxBytes?: number;
  now?: Date;
}

export interface ExportedBundle {
  /** The bundle's group id (its id when not split): what the history and the receiver record. */
  bundleId: string;
  /** One file, or the parts of a split bundle; each verifies alone. */
  files: Uint8Array[];
  changes: number;
  ranges: ChangeRange[];
  /** What this office tells the peer it holds, per origin. */
  acks: Record<string, number>;
}

/** Per origin, what `peer` has acknowledged (0 when nothing yet). */
export function acknowledgedBy({ store }: OfficeData, peer: string): Map<string, number> {
  const rows = store.all(store.db.selectFrom('sync_peer_ack').select(['origin', 'high_water']).where('peer', '=', peer));
  return new Map(rows.map((row) => [row.origin, row.high_water]));
}

/** Every change-log entry above the peer's acknowledgement of its origin, sorted by origin and counter. */
export function unacknowledgedChanges(data: OfficeData, peer: string): BundleChange[] {
  const { store } = data;
  const acked = acknowledgedBy(data, peer);
  const changes: BundleChange[] = [];
  for (const origin of Object.keys(heldHighWater(data))) {
    const rows = store.all(
      store.db
        .selectFrom('change_log')
        .selectAll()
        .where('origin', '=', origin)
        .where('counter', '>', acked.get(origin) ?? 0)
        .orderBy('counter'),
    );
    for (const row of rows) {
      changes.push({ origin: row.origin, counter: row.counter, hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, data: row.data });
    }
  }
  return changes;
}

export async function exportChanges(data: OfficeData, peer: string, options: ExportOptions = {}): Promise<ExportedBundle> {
  const revoked = ownKeyRevocation(data);
  if (revoked) {
    // The hub refuses everything signed with it; a bundle would only travel to be refused.
    throw new Problem('office-key-revoked', {
      en: `The state hub revoked this office's key on ${revoked.revokedAt.slice(0, 10)}; bundles cannot be sent until the office enrols again (Sync → Write enrolment request).`,
      mr: `राज्य हबने ${revoked.revokedAt.slice(0, 10)} रोजी या कार्यालयाची की रद्द केली; कार्यालयाची पुन्हा नोंदणी होईपर्यंत बंडल पाठवता येणार नाहीत (सिंक → नोंदणी विनंती लिहा).`,
    });
  }
  const peerKey = currentPeerKey(data, peer);
  const me = officeIdentity(data);
  const enrolments = data.store.all(data.store.db.selectFrom('sync_enrolment').select('series'));
  if (peer === 'hub' && enrolments.length > 0 && !enrolments.some((row) => row.series === me.series)) {
    // A restore opened a series the hub has not granted: it would refuse every change of it.
    throw new Problem('enrol-again', {
      en: `This office's data was restored and now issues IDs in series ${me.series}, which the state hub has not granted yet. Write a new enrolment request (Sync page), send it to the state IT cell and import their answer; then export.`,
      mr: `या कार्यालयाचा डेटा पुनर्स्थापित झाला असून आता ओळख मालिका ${me.series} वापरली जाते, जी राज्य हबने अजून मंजूर केलेली नाही. नवीन नोंदणी विनंती लिहा (सिंक पान), ती राज्य आयटी कक्षाकडे पाठवा आणि त्यांचे उत्तर आयात करा; मग निर्यात करा.`,
    });
  }
  const signingKey = ensureOfficeKey(data.dataDir, data.keyProtection).privateKey();
  // Read in one transaction so the changes and the acks describe the same moment.
  const { changes, acks } = data.store.transaction(() => ({ changes: unacknowledgedChanges(data, peer), acks: heldHighWater(data) }));
  const ranges = rangesOf(changes);
  const files = await splitIntoChunks(
    {
      kind: 'changes',
      from: { office: me.office, series: me.series },
      to: peer,
      schemaVersion: me.schemaVersion,
      epoch: me.epoch,
      ranges,
      acks,
      createdAt: options.now,
      payload: encodeChangesPayload({ changes, acks }),
      signingKey,
      recipients: [peerKey.ageRecipient],
    },
    options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES,
  );
  const bundleId = describeBundle(files[0]!).header.chunk.groupId;
  data.store.run(
    data.store.db.insertInto('sync_bundle').values({
      bundle_id: bundleId,
      direction: 'out',
      peer,
      at: (options.now ?? new Date()).toISOString(),
      changes: changes.length,
      applied: 0,
      held: 0,
      skipped: 0,
      outcome: files.length === 1 ? 'written' : `written in ${files.length} parts`,
    }),
  );
  return { bundleId, files, changes: changes.length, ranges, acks };
}

/**
 * File names for an export: who to whom, when, and the bundle's first 8 id digits, with the part number
 * when split (`mts-2714-to-hub-20261203-0830-1a2b3c4d.mtsb`, `…-part-2-of-3.mtsb`).
 */
export function exportFileNames(office: string, bundle: Pick<ExportedBundle, 'bundleId' | 'files'>, peer: string, now = new Date()): string[] {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = `mts-${office}-to-${peer}-${stamp}-${bundle.bundleId.slice(0, 8)}`;
  const count = bundle.files.length;
  return bundle.files.map((_file, index) => (count === 1 ? `${base}.mtsb` : `${base}-part-${index + 1}-of-${count}.mtsb`));
}
