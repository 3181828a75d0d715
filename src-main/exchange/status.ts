// What the Sync page and `sync status` show: per peer, the last bundle each way, how many changes it has
// not acknowledged, the gaps in what arrived here (with the office to ask), and the bundle history.
import type { OfficeData } from '../office/service.ts';
import { acknowledgedBy } from './export.ts';
import { gapsOf } from './import.ts';
import { heldHighWater, listPeerKeys } from './peers.ts';
import type { BundleRecord, PeerStatus, SyncStatus } from './types.ts';

export type { BundleRecord, PeerStatus, SyncStatus } from './types.ts';

export function syncStatus(data: OfficeData, historyLimit = 50): SyncStatus {
  const { store } = data;
  const records = store
    .all(store.db.selectFrom('sync_bundle').selectAll().orderBy('at', 'desc').orderBy('bundle_id'))
    .map(
      (row): BundleRecord => ({
        bundleId: row.bundle_id,
        direction: row.direction,
        peer: row.peer,
        at: row.at,
        changes: row.changes,
        applied: row.applied,
        held: row.held,
        skipped: row.skipped,
        outcome: row.outcome,
      }),
    );
  const keys = listPeerKeys(data);
  const held = heldHighWater(data);
  const peers = [...new Set(keys.map((key) => key.peer))].map((peer): PeerStatus => {
    const acked = acknowledgedBy(data, peer);
    let unacknowledged = 0;
    for (const origin of Object.keys(held)) {
      // Counted, not subtracted: counters received from the hub need not be dense.
      const row = store.first(
        store.db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).where('origin', '=', origin).where('counter', '>', acked.get(origin) ?? 0),
      );
      unacknowledged += Number(row?.n ?? 0);
    }
    return {
      peer,
      keys: keys.filter((key) => key.peer === peer),
      lastSent: records.find((record) => record.peer === peer && record.direction === 'out') ?? null,
      lastReceived: records.find((record) => record.peer === peer && record.direction === 'in') ?? null,
      unacknowledged,
    };
  });
  const gaps = gapsOf(data).map((gap) => ({ ...gap, office: gap.origin.split('-')[0]! }));
  return { peers, gaps, history: records.slice(0, historyLimit) };
}
