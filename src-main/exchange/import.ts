// Import: authenticate, check, decrypt and read a bundle first (nothing written), then apply it in one
// SQLite transaction. Each change is applied at most once: per origin, the next counter is applied (and
// any held successors after it), an older one is skipped, a later one is held until the gap closes.
// A bundle that is refused for any reason changes nothing.
import { ensureOfficeAgeIdentity } from '../keys/index.ts';
import type { BilingualText } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { applyReceivedChange, checkReceivedChange, materialiseWaiting, UnusableChange, type ReceivedChange } from '../store/received.ts';
import {
  BundleError,
  ChunkAssembler,
  DEFAULT_MAX_CONTENT_BYTES,
  decodeChangesPayload,
  readBundleHeader,
  refuse,
  type BundleChange,
  type ChangeRange,
} from '../sync/index.ts';
import { officeIdentity, trustOf } from './peers.ts';
import type { Gap, ImportResult } from './types.ts';

export interface ImportOptions {
  maxContentBytes?: number;
  now?: Date;
}

export type { Gap, ImportResult } from './types.ts';

type Counts = Pick<ImportResult, 'applied' | 'held' | 'skipped' | 'inserted' | 'updated'>;

function toReceived(change: BundleChange): ReceivedChange {
  return change;
}

/**
 * Imports one bundle (a single file, or all parts of a split one in any order). Throws a BundleError,
 * with nothing changed, for a damaged, foreign, revoked, misaddressed, newer-schema or invalid bundle.
 */
export async function importBundle(
  data: OfficeData,
  files: Uint8Array | readonly Uint8Array[],
  actor: Actor,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const list = files instanceof Uint8Array ? [files] : files;
  if (list.length === 0) throw refuse.emptyFile();
  const me = officeIdentity(data);
  const trust = trustOf(data);
  const read = { ...trust, expectedRecipient: me.office };

  // Checks that need no key: every part authenticated, addressed to us, of a kind and schema we read.
  for (const file of list) {
    const header = readBundleHeader(file, read);
    if (header.kind !== 'changes') throw refuse.unsupportedKind(header.kind);
    if (header.schemaVersion > me.schemaVersion) throw refuse.newerSchema(header.schemaVersion, me.schemaVersion);
  }
  const identity = (await ensureOfficeAgeIdentity(data.dataDir, data.keyProtection)).identity();
  const assembler = new ChunkAssembler({ ...read, identity, maxContentBytes: options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES });
  for (const file of list) await assembler.add(file);
  const opened = assembler.open();
  const { header } = opened;
  const payload = decodeChangesPayload(opened.payload, header);
  const bundleId = header.chunk.groupId;
  const from = header.from.office;

  const { store } = data;
  let current: BundleChange | undefined;
  try {
    return store.transaction((): ImportResult => {
      const done = store.first(store.db.selectFrom('sync_bundle').select('at').where('bundle_id', '=', bundleId).where('direction', '=', 'in'));
      if (done) return alreadyImported(bundleId, from, payload.changes.length, gapsOf(data));

      const counts: Counts = { applied: 0, held: 0, skipped: 0, inserted: 0, updated: 0 };
      const applied = new Map<string, number>();
      const highWater = (origin: string): number => {
        let mark = applied.get(origin);
        if (mark === undefined) {
          const row = store.first(store.db.selectFrom('change_log').select((eb) => eb.fn.max('counter').as('high')).where('origin', '=', origin));
          mark = Number(row?.high ?? 0);
          applied.set(origin, mark);
        }
        return mark;
      };
      const apply = (change: BundleChange): void => {
        current = change;
        const outcome = applyReceivedChange(store, toReceived(change));
        if (outcome === 'inserted') counts.inserted += 1;
        if (outcome === 'updated') counts.updated += 1;
        counts.applied += 1;
        applied.set(change.origin, change.counter);
        data.writer.observe(change.hlc);
      };

      for (const change of payload.changes) {
        const mark = highWater(change.origin);
        if (change.counter <= mark) {
          counts.skipped += 1;
        } else if (change.counter === mark + 1) {
          apply(change);
          drainHeld(data, change.origin, highWater, apply);
        } else {
          // Checked now, not when the gap closes: a bad change must refuse this bundle, not a later one.
          checkReceivedChange(store, change);
          const inserted = store.run(
            store.db
              .insertInto('sync_held')
              .values({ origin: change.origin, counter: change.counter, hlc: change.hlc, entity: change.entity, entity_id: change.entityId, op: change.op, data: change.data })
              .onConflict((oc) => oc.doNothing()),
          );
          if (inserted.changes > 0) counts.held += 1;
          else counts.skipped += 1;
        }
      }
      current = undefined;
      counts.inserted += materialiseWaiting(store);

      for (const [origin, mark] of applied) {
        store.run(
          store.db
            .insertInto('sync_applied')
            .values({ origin, high_water: mark })
            .onConflict((oc) => oc.column('origin').doUpdateSet({ high_water: mark })),
        );
      }
      // Acks are cumulative: a delayed bundle never lowers what the peer is known to hold.
      for (const [origin, mark] of Object.entries(payload.acks)) {
        store.run(
          store.db
            .insertInto('sync_peer_ack')
            .values({ peer: from, origin, high_water: mark })
            .onConflict((oc) => oc.columns(['peer', 'origin']).doUpdateSet((eb) => ({ high_water: eb.fn('max', [eb.ref('sync_peer_ack.high_water'), eb.val(mark)]) }))),
        );
      }
      const signer = store.first(store.db.selectFrom('sync_peer').select('last_epoch').where('key_id', '=', header.from.keyId));
      const senderEpochChanged = signer?.last_epoch != null && signer.last_epoch !== header.epoch;
      store.run(store.db.updateTable('sync_peer').set({ last_epoch: header.epoch }).where('key_id', '=', header.from.keyId));

      const gaps = gapsOf(data);
      store.run(
        store.db.insertInto('sync_bundle').values({
          bundle_id: bundleId,
          direction: 'in',
          peer: from,
          at: (options.now ?? new Date()).toISOString(),
          changes: payload.changes.length,
          applied: counts.applied,
          held: counts.held,
          skipped: counts.skipped,
          outcome: gaps.length > 0 ? 'imported with gaps' : 'imported',
        }),
      );
      // One audit entry for the whole bundle: the changes keep their own authors in the change log.
      data.writer.auditOnly(actor, 'sync.import', {
        entity: 'sync_bundle',
        entityId: bundleId,
        after: { from, changes: payload.changes.length, ...counts, gaps: gaps.length },
      });
      return { status: 'imported', bundleId, from, changes: payload.changes.length, ...counts, gaps, senderEpochChanged, message: importedText(counts, gaps) };
    });
  } catch (error) {
    if (error instanceof BundleError) throw error;
    if (error instanceof UnusableChange) throw refuse.payloadInvalid(error.detail);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw refuse.payloadInvalid(`a ${current?.entity ?? 'record'} change of ${current?.origin ?? 'the sender'} breaks a rule of this database (${code})`);
    }
    throw error;
  }
}

function drainHeld(data: OfficeData, origin: string, highWater: (origin: string) => number, apply: (change: BundleChange) => void): void {
  const { store } = data;
  for (;;) {
    const next = store.first(store.db.selectFrom('sync_held').selectAll().where('origin', '=', origin).where('counter', '=', highWater(origin) + 1));
    if (!next) return;
    store.run(store.db.deleteFrom('sync_held').where('origin', '=', origin).where('counter', '=', next.counter));
    apply({ origin: next.origin, counter: next.counter, hlc: next.hlc, entity: next.entity, entityId: next.entity_id, op: next.op, data: next.data });
  }
}

/** Per origin with held changes: the counters between what is applied and the first change held. */
export function gapsOf({ store }: OfficeData): Gap[] {
  const rows = store.all(
    store.db
      .selectFrom('sync_held')
      .select(['origin', (eb) => eb.fn.min('counter').as('first')])
      .groupBy('origin')
      .orderBy('origin'),
  );
  return rows.map((row) => {
    const applied = store.first(store.db.selectFrom('change_log').select((eb) => eb.fn.max('counter').as('high')).where('origin', '=', row.origin));
    return { origin: row.origin, from: Number(applied?.high ?? 0) + 1, to: Number(row.first) - 1 };
  });
}

function gapText(gaps: readonly Gap[]): BilingualText {
  if (gaps.length === 0) return { en: '', mr: '' };
  const list = gaps.map((gap) => `${gap.origin} ${gap.from}–${gap.to}`).join(', ');
  return {
    en: ` Changes ${list} have not arrived yet; the ones after them wait until they do (ask the office named first for a new export).`,
    mr: ` बदल ${list} अजून आलेले नाहीत; त्यानंतरचे बदल ते येईपर्यंत थांबून राहतील (पहिल्या नावाच्या कार्यालयाकडून नवीन निर्यात मागवा).`,
  };
}

function importedText(counts: Counts, gaps: readonly Gap[]): BilingualText {
  const gap = gapText(gaps);
  return {
    en: `Imported: ${counts.applied} change(s) applied (${counts.inserted} new record(s), ${counts.updated} updated), ${counts.held} held, ${counts.skipped} already here.${gap.en}`,
    mr: `आयात झाली: ${counts.applied} बदल लागू (${counts.inserted} नवीन नोंदी, ${counts.updated} अद्ययावत), ${counts.held} थांबवलेले, ${counts.skipped} आधीच होते.${gap.mr}`,
  };
}

function alreadyImported(bundleId: string, from: string, changes: number, gaps: Gap[]): ImportResult {
  return {
    status: 'already-imported',
    bundleId,
    from,
    changes,
    applied: 0,
    held: 0,
    skipped: changes,
    inserted: 0,
    updated: 0,
    gaps,
    senderEpochChanged: false,
    message: {
      en: 'This bundle was already imported; nothing changed.',
      mr: 'ही बंडल आधीच आयात केली आहे; काहीही बदलले नाही.',
    },
  };
}
