// Import: authenticate, check, decrypt and read a bundle first (nothing written), then apply it in one
// SQLite transaction. A header range is what the bundle covers for one origin: when it starts at or
// before this office's covered mark + 1, every change in it that is not here yet is applied and the mark
// moves to its end; a range that starts later waits (with its changes) until the gap before it closes.
// Each change is applied at most once (its origin and counter are the change log's key). A bundle that
// is refused for any reason changes nothing.
import { ensureOfficeAgeIdentity } from '../keys/index.ts';
import type { BilingualText } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { applyReceivedChange, checkReceivedChange, deferNameSearch, isReceived, materialiseWaiting, UnusableChange } from '../store/received.ts';
import {
  BundleError,
  ChunkAssembler,
  DEFAULT_MAX_CONTENT_BYTES,
  decodeChangesPayload,
  readBundleHeader,
  refuse,
  type BundleChange,
  type BundleHeader,
  type ChangeRange,
  type Revocation,
} from '../sync/index.ts';
import { importEnrolment } from './enrolment.ts';
import { coveredMarks, officeIdentity, recordRevocations, trustOf } from './peers.ts';
import type { Gap, ImportResult, RecordCounts } from './types.ts';

export interface ImportOptions {
  maxContentBytes?: number;
  now?: Date;
  /** Compute the result, then roll everything back: the summary shown before the operator confirms. */
  dryRun?: boolean;
}

export type { Gap, ImportResult } from './types.ts';

type Counts = Pick<ImportResult, 'applied' | 'held' | 'skipped' | 'inserted' | 'updated' | 'corrections' | 'revocations'>;

/** Thrown at the end of a dry run so the transaction rolls back; carries the result out. */
class RolledBack extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
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
  let kind: BundleHeader['kind'] | undefined;
  for (const file of list) {
    const header = readBundleHeader(file, read);
    if (header.kind !== 'changes' && header.kind !== 'enrolment') throw refuse.unsupportedKind(header.kind);
    if (kind !== undefined && header.kind !== kind) throw refuse.unsupportedKind(header.kind);
    kind = header.kind;
    if (header.schemaVersion > me.schemaVersion) throw refuse.newerSchema(header.schemaVersion, me.schemaVersion);
  }
  const identity = (await ensureOfficeAgeIdentity(data.dataDir, data.keyProtection)).identity();
  const assembler = new ChunkAssembler({ ...read, identity, maxContentBytes: options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES });
  for (const file of list) await assembler.add(file);
  const opened = assembler.open();
  if (opened.header.kind === 'enrolment') return importEnrolment(data, opened, actor, options);

  const { header } = opened;
  const payload = decodeChangesPayload(opened.payload, header);
  return applyChanges(data, me.office, header, payload.changes, payload.acks, payload.revocations, actor, options);
}

function applyChanges(
  data: OfficeData,
  office: string,
  header: BundleHeader,
  changes: readonly BundleChange[],
  acks: Readonly<Record<string, number>>,
  revocations: readonly Revocation[],
  actor: Actor,
  options: ImportOptions,
): ImportResult {
  const bundleId = header.chunk.groupId;
  const from = header.from.office;
  const { store } = data;
  const now = (options.now ?? new Date()).toISOString();
  let current: BundleChange | undefined;
  // Every change log insert runs a trigger, so SQLite opens a statement journal for each; kept in memory
  // they cost a third of what a temporary file does. They only undo one failed statement inside this
  // transaction and play no part in recovery (the WAL does), so durability is unchanged.
  const tempStore = Number(store.pragma('temp_store'));
  store.pragma('temp_store = MEMORY');
  try {
    return store.transaction((): ImportResult => {
      const done = store.first(store.db.selectFrom('sync_bundle').select('at').where('bundle_id', '=', bundleId).where('direction', '=', 'in'));
      if (done) return alreadyImported(bundleId, from, changes.length, gapsOf(data));

      const counts: Counts = { applied: 0, held: 0, skipped: 0, inserted: 0, updated: 0, corrections: 0, revocations: 0 };
      const records: RecordCounts = {};
      const count = (entity: string, what: 'inserted' | 'updated', n = 1): void => {
        const entry = (records[entity] ??= { inserted: 0, updated: 0 });
        entry[what] += n;
        counts[what] += n;
      };
      const indexNames = deferNameSearch(store, changes.filter((change) => change.entity === 'beneficiary' && change.op === 'insert').length);
      const marks = coveredMarks(data);
      const moved = new Set<string>();
      // Per origin, a counter no logged change lies above: the marks start at the highest logged, and
      // every change logged here passes through apply. A change above it is new without asking the log.
      const loggedUpTo = new Map(marks);
      const apply = (change: BundleChange): void => {
        current = change;
        const logged = loggedUpTo.get(change.origin) ?? 0;
        if (change.counter <= logged && isReceived(store, change.origin, change.counter)) {
          counts.skipped += 1;
          return;
        }
        if (change.counter > logged) loggedUpTo.set(change.origin, change.counter);
        const outcome = applyReceivedChange(store, change, office);
        if (outcome.applied === 'inserted') count(change.entity, 'inserted');
        if (outcome.applied === 'updated') count(change.entity, 'updated');
        counts.corrections += outcome.corrections;
        counts.applied += 1;
        if (!options.dryRun) data.writer.observe(change.hlc);
      };
      const cover = (origin: string, to: number): void => {
        if (to > (marks.get(origin) ?? 0)) {
          marks.set(origin, to);
          moved.add(origin);
        }
      };

      let next = 0;
      for (const range of header.ranges) {
        const inRange: BundleChange[] = [];
        while (next < changes.length && changes[next]!.origin === range.origin && changes[next]!.counter <= range.to) inRange.push(changes[next++]!);
        if (range.from <= (marks.get(range.origin) ?? 0) + 1) {
          for (const change of inRange) apply(change);
          cover(range.origin, range.to);
          drainHeld(data, range.origin, marks, apply, cover);
        } else {
          hold(data, range, inRange, counts);
        }
      }
      current = undefined;
      for (const [table, built] of materialiseWaiting(store)) count(table, 'inserted', built);
      indexNames();

      for (const origin of moved) {
        const mark = marks.get(origin)!;
        store.run(
          store.db
            .insertInto('sync_applied')
            .values({ origin, high_water: mark })
            .onConflict((oc) => oc.column('origin').doUpdateSet({ high_water: mark })),
        );
      }
      // Acks are cumulative: a delayed bundle never lowers what the peer is known to hold.
      for (const [origin, mark] of Object.entries(acks)) {
        store.run(
          store.db
            .insertInto('sync_peer_ack')
            .values({ peer: from, origin, high_water: mark })
            .onConflict((oc) => oc.columns(['peer', 'origin']).doUpdateSet((eb) => ({ high_water: eb.fn('max', [eb.ref('sync_peer_ack.high_water'), eb.val(mark)]) }))),
        );
      }
      counts.revocations = recordRevocations(data, revocations, now);
      const signer = store.first(store.db.selectFrom('sync_peer').select('last_epoch').where('key_id', '=', header.from.keyId));
      const senderEpochChanged = signer?.last_epoch != null && signer.last_epoch !== header.epoch;
      store.run(store.db.updateTable('sync_peer').set({ last_epoch: header.epoch }).where('key_id', '=', header.from.keyId));

      const gaps = gapsOf(data);
      store.run(
        store.db.insertInto('sync_bundle').values({
          bundle_id: bundleId,
          direction: 'in',
          peer: from,
          at: now,
          changes: changes.length,
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
        after: { from, changes: changes.length, ...counts, gaps: gaps.length },
      });
      const result: ImportResult = {
        status: options.dryRun ? 'preview' : 'imported',
        bundleId,
        from,
        changes: changes.length,
        ...counts,
        records,
        gaps,
        senderEpochChanged,
        message: options.dryRun ? previewText(counts, gaps) : importedText(counts, gaps),
      };
      if (options.dryRun) throw new RolledBack(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    if (error instanceof BundleError) throw error;
    if (error instanceof UnusableChange) throw refuse.payloadInvalid(error.detail);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw refuse.payloadInvalid(`a ${current?.entity ?? 'record'} change of ${current?.origin ?? 'the sender'} breaks a rule of this database (${code})`);
    }
    throw error;
  } finally {
    store.pragma(`temp_store = ${tempStore}`);
  }
}

/** Keeps a range that starts beyond what is covered here, and its changes, until the gap closes. */
function hold(data: OfficeData, range: ChangeRange, changes: readonly BundleChange[], counts: Counts): void {
  const { store } = data;
  for (const change of changes) {
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
  store.run(
    store.db
      .insertInto('sync_held_range')
      .values({ origin: range.origin, from_counter: range.from, to_counter: range.to })
      .onConflict((oc) => oc.columns(['origin', 'from_counter']).doUpdateSet((eb) => ({ to_counter: eb.fn('max', [eb.ref('sync_held_range.to_counter'), eb.val(range.to)]) }))),
  );
}

/** Applies every held range of `origin` that the covered mark now reaches, in order. */
function drainHeld(
  data: OfficeData,
  origin: string,
  marks: Map<string, number>,
  apply: (change: BundleChange) => void,
  cover: (origin: string, to: number) => void,
): void {
  const { store } = data;
  for (;;) {
    const range = store.first(
      store.db
        .selectFrom('sync_held_range')
        .selectAll()
        .where('origin', '=', origin)
        .where('from_counter', '<=', (marks.get(origin) ?? 0) + 1)
        .orderBy('from_counter')
        .limit(1),
    );
    if (!range) return;
    const held = store.all(
      store.db
        .selectFrom('sync_held')
        .selectAll()
        .where('origin', '=', origin)
        .where('counter', '>=', range.from_counter)
        .where('counter', '<=', range.to_counter)
        .orderBy('counter'),
    );
    store.run(store.db.deleteFrom('sync_held').where('origin', '=', origin).where('counter', '>=', range.from_counter).where('counter', '<=', range.to_counter));
    store.run(store.db.deleteFrom('sync_held_range').where('origin', '=', origin).where('from_counter', '=', range.from_counter));
    for (const row of held) {
      apply({ origin: row.origin, counter: row.counter, hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, data: row.data });
    }
    cover(origin, range.to_counter);
  }
}

/** Per origin with held ranges: the counters between what is covered here and the first range held. */
export function gapsOf(data: OfficeData): Gap[] {
  const { store } = data;
  const marks = coveredMarks(data);
  const rows = store.all(
    store.db
      .selectFrom('sync_held_range')
      .select(['origin', (eb) => eb.fn.min('from_counter').as('first')])
      .groupBy('origin')
      .orderBy('origin'),
  );
  return rows.map((row) => ({ origin: row.origin, from: (marks.get(row.origin) ?? 0) + 1, to: Number(row.first) - 1 }));
}

function gapText(gaps: readonly Gap[]): BilingualText {
  if (gaps.length === 0) return { en: '', mr: '' };
  const list = gaps.map((gap) => `${gap.origin} ${gap.from}–${gap.to}`).join(', ');
  return {
    en: ` Changes ${list} have not arrived yet; the ones after them wait until they do (ask the office named first for a new export).`,
    mr: ` बदल ${list} अजून आलेले नाहीत; त्यानंतरचे बदल ते येईपर्यंत थांबून राहतील (पहिल्या नावाच्या कार्यालयाकडून नवीन निर्यात मागवा).`,
  };
}

function correctionText(counts: Counts): BilingualText {
  if (counts.corrections === 0) return { en: '', mr: '' };
  return {
    en: ` ${counts.corrections} correction(s) proposed by other offices wait for your decision.`,
    mr: ` इतर कार्यालयांनी सुचवलेल्या ${counts.corrections} दुरुस्त्या तुमच्या निर्णयाची वाट पाहत आहेत.`,
  };
}

function importedText(counts: Counts, gaps: readonly Gap[]): BilingualText {
  const gap = gapText(gaps);
  const corrections = correctionText(counts);
  return {
    en: `Imported: ${counts.applied} change(s) applied (${counts.inserted} new record(s), ${counts.updated} updated), ${counts.held} held, ${counts.skipped} already here.${corrections.en}${gap.en}`,
    mr: `आयात झाली: ${counts.applied} बदल लागू (${counts.inserted} नवीन नोंदी, ${counts.updated} अद्ययावत), ${counts.held} थांबवलेले, ${counts.skipped} आधीच होते.${corrections.mr}${gap.mr}`,
  };
}

function previewText(counts: Counts, gaps: readonly Gap[]): BilingualText {
  const gap = gapText(gaps);
  const corrections = correctionText(counts);
  return {
    en: `Importing this bundle will apply ${counts.applied} change(s) (${counts.inserted} new record(s), ${counts.updated} updated); ${counts.held} will wait, ${counts.skipped} are already here. Nothing has been changed yet.${corrections.en}${gap.en}`,
    mr: `ही बंडल आयात केल्यास ${counts.applied} बदल लागू होतील (${counts.inserted} नवीन नोंदी, ${counts.updated} अद्ययावत); ${counts.held} थांबतील, ${counts.skipped} आधीच आहेत. अजून काहीही बदललेले नाही.${corrections.mr}${gap.mr}`,
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
    records: {},
    corrections: 0,
    revocations: 0,
    gaps,
    senderEpochChanged: false,
    message: {
      en: 'This bundle was already imported; nothing changed.',
      mr: 'ही बंडल आधीच आयात केली आहे; काहीही बदलले नाही.',
    },
  };
}
