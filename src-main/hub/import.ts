// Import of an office's `changes` bundle at the hub. Everything that can refuse the bundle runs first,
// without writing: each part authenticated against the office keys (revoked → refused by name), addressed
// to the hub, of kind `changes`, of an office schema the hub knows (a newer one is refused, not held: the
// office sends it again after the hub is updated, since every export carries all it has not had
// acknowledged), decrypted, read and checked. Then one transaction stores the new changes (each at most
// once), indexes them by household, routes, records the office's acks, and runs the duplicate hook.
import { sql } from 'kysely';
import { Problem } from '../common/problem.ts';
import {
  BundleError,
  ChunkAssembler,
  DEFAULT_MAX_CONTENT_BYTES,
  HUB,
  decodeChangesPayload,
  readBundleHeader,
  refuse,
  type BundleChange,
} from '../sync/index.ts';
import { officeOfOrigin } from './fold.ts';
import type { Hub } from './hub.ts';
import { HUB_ONLY_ENTITIES, observeHlcs } from './hub-changes.ts';
import { indexChanges } from './household-index.ts';
import { afterChangesStored } from './import-hooks.ts';
import { officeSchemaVersion } from './office-schema.ts';
import { recomputeRoutes } from './routing.ts';
import { recordBundleSeen, storeBundleChanges, type HubDatabase, type JsonValue, type StoredChange } from './store/index.ts';
import { officeTrust } from './trust.ts';
import { advanceHighWater } from './high-water.ts';

export interface HubImportResult {
  status: 'imported' | 'already-imported';
  /** The bundle's group id (its id when not split). */
  bundleId: string;
  /** Office code of the sender. */
  from: string;
  /** Changes in the bundle. */
  changes: number;
  /** Changes new to the hub. */
  inserted: number;
  /** Households whose route changed (a household_route change was written for each). */
  routed: string[];
  /** Households on the unrouted list after the import. */
  unrouted: number;
}

export interface HubImportOptions {
  maxContentBytes?: number;
  now?: Date;
}

function refuseChange(change: BundleChange, why: string): BundleError {
  return refuse.payloadInvalid(`${change.entity} change ${change.origin} #${change.counter}: ${why}`);
}

/** Reads the bundle (one file, or all parts of a split one in any order) without writing anything. */
async function readOfficeBundle(hub: Hub, files: readonly Uint8Array[], maxContentBytes: number) {
  if (files.length === 0) throw refuse.emptyFile();
  const read = { ...(await officeTrust(hub.db)), expectedRecipient: HUB };
  const ours = officeSchemaVersion();
  for (const file of files) {
    const header = readBundleHeader(file, read);
    if (header.kind !== 'changes') throw refuse.unsupportedKind(header.kind);
    if (header.schemaVersion > ours) throw refuse.newerSchema(header.schemaVersion, ours);
  }
  const assembler = new ChunkAssembler({ ...read, identity: hub.keys.ageIdentity, maxContentBytes });
  for (const file of files) await assembler.add(file);
  const opened = assembler.open();
  return { header: opened.header, payload: decodeChangesPayload(opened.payload, opened.header) };
}

/**
 * The changes the hub accepts from `office`: those of its own origins (an office's log also holds what
 * the hub sent it, which the hub already has and is the authority for). Routes and duplicate notices
 * come only from the hub; changes under a series the hub never granted the office are refused.
 */
async function ownChanges(db: HubDatabase, office: string, changes: readonly BundleChange[]): Promise<StoredChange[]> {
  const granted = new Set(
    (await db.selectFrom('series_grant').select('series').where('office_code', '=', office).execute()).map((row) => row.series),
  );
  const own: StoredChange[] = [];
  for (const change of changes) {
    const author = officeOfOrigin(change.origin);
    if (HUB_ONLY_ENTITIES.includes(change.entity) && author !== HUB) throw refuseChange(change, 'only the state hub writes this');
    if (author !== office) continue;
    const series = Number(change.origin.slice(author.length + 1));
    if (!granted.has(series)) throw refuseChange(change, `series ${series} was never granted to office ${office}`);
    own.push({
      origin: change.origin,
      counter: change.counter,
      hlc: change.hlc,
      entity: change.entity,
      entityId: change.entityId,
      op: change.op,
      data: (change.fields ?? JSON.parse(change.data)) as JsonValue,
      dataText: change.data,
    });
  }
  return own;
}

/**
 * The office's cumulative acks rise; when its bundles come from a new epoch (restored or reinstalled) they
 * are replaced, because the new installation really holds less than the old one acknowledged.
 */
async function recordAcks(tx: HubDatabase, office: string, epoch: string, acks: Readonly<Record<string, number>>, now: Date): Promise<void> {
  const row = await tx.selectFrom('office').select('last_epoch').where('code', '=', office).executeTakeFirstOrThrow();
  if (row.last_epoch !== null && row.last_epoch !== epoch) {
    // The trigger refuses an ack going down: delete, then insert the new installation's.
    await tx.deleteFrom('office_ack').where('office_code', '=', office).execute();
  }
  const rows = Object.entries(acks).map(([origin, counter]) => ({ office_code: office, origin, counter, updated_at: now }));
  for (let start = 0; start < rows.length; start += 1_000) {
    await tx
      .insertInto('office_ack')
      .values(rows.slice(start, start + 1_000))
      .onConflict((oc) =>
        oc.columns(['office_code', 'origin']).doUpdateSet((eb) => ({
          counter: eb.fn('greatest', [eb.ref('office_ack.counter'), eb.ref('excluded.counter')]),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  await tx.updateTable('office').set({ last_epoch: epoch }).where('code', '=', office).execute();
}

async function unroutedCount(db: HubDatabase): Promise<number> {
  const row = await db
    .selectFrom('household_route')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unrouted_reason', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Imports one office bundle. Throws a BundleError (or Problem), with nothing changed, when it is refused. */
/**
 * A change the hub already holds must come back as the same write. The same (origin, counter) naming
 * another record means the office's database was put back from an old copy by hand, outside the app's
 * restore (which opens a new series): its new changes reuse numbers the hub has, and would be dropped
 * unseen.
 */
async function refuseRewrittenHistory(tx: HubDatabase, own: readonly StoredChange[], stored: readonly StoredChange[], from: string): Promise<void> {
  const fresh = new Set(stored.map((change) => `${change.origin}#${change.counter}`));
  const repeated = own.filter((change) => !fresh.has(`${change.origin}#${change.counter}`)).map((change) => ({ origin: change.origin, counter: change.counter, entity: change.entity, entity_id: change.entityId, op: change.op }));
  for (let start = 0; start < repeated.length; start += 5_000) {
    const batch = JSON.stringify(repeated.slice(start, start + 5_000));
    const clash = await sql<{ origin: string; counter: string }>`
      SELECT c.origin, c.counter FROM change c
      JOIN jsonb_to_recordset(${batch}::jsonb) AS r (origin text, counter bigint, entity text, entity_id text, op text)
        ON c.origin = r.origin AND c.counter = r.counter
      WHERE c.entity <> r.entity OR c.entity_id <> r.entity_id OR c.op <> r.op
      LIMIT 1`.execute(tx);
    if (clash.rows.length > 0) {
      throw new Problem('history-rewritten', {
        en: `Office ${from} sent changes numbered like ones it sent before but different (${clash.rows[0]!.origin} #${clash.rows[0]!.counter}): its database was put back from an old copy by hand. Nothing was imported. Restore it through Settings → Backups (a new ID series), enrol again, then export.`,
        mr: `कार्यालय ${from} ने आधी पाठवलेल्या क्रमांकांचेच पण वेगळे बदल पाठवले (${clash.rows[0]!.origin} #${clash.rows[0]!.counter}): त्याचा डेटाबेस जुन्या प्रतीवरून हाताने परत ठेवला आहे. काहीही आयात केले नाही. सेटिंग्ज → बॅकअपमधून पुनर्स्थापना करा (नवीन ओळख मालिका), पुन्हा नोंदणी करा आणि मग निर्यात करा.`,
      });
    }
  }
}

export async function importOfficeBundle(hub: Hub, files: readonly Uint8Array[], options: HubImportOptions = {}): Promise<HubImportResult> {
  const now = options.now ?? new Date();
  const { header, payload } = await readOfficeBundle(hub, files, options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES);
  const from = header.from.office;
  const bundleId = header.chunk.groupId;
  const own = await ownChanges(hub.db, from, payload.changes);

  try {
    return await hub.db.transaction().execute(async (tx): Promise<HubImportResult> => {
      // Sorting and joining 100,000 changes within memory instead of temporary files; this transaction only.
      await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
      const first = await recordBundleSeen(tx, { bundleId, fromOffice: from, kind: 'changes', outcome: 'applied', changeCount: payload.changes.length }, now);
      const result = { bundleId, from, changes: payload.changes.length };
      if (!first) return { status: 'already-imported', ...result, inserted: 0, routed: [], unrouted: await unroutedCount(tx) };

      const stored = await storeBundleChanges(tx, own, bundleId);
      if (stored.length < own.length) await refuseRewrittenHistory(tx, own, stored, from);
      await observeHlcs(tx, stored.map((change) => change.hlc));
      await advanceHighWater(tx, [...new Set(own.map((change) => change.origin))]);
      const touched = await indexChanges(tx);
      const routed = await recomputeRoutes(tx, touched, now);
      await recordAcks(tx, from, header.epoch, payload.acks, now);
      await afterChangesStored(tx, stored, { keys: hub.keys, bundleId, from });
      return { status: 'imported', ...result, inserted: stored.length, routed, unrouted: await unroutedCount(tx) };
    });
  } catch (error) {
    if (error instanceof Problem) throw error;
    // A value PostgreSQL cannot store (jsonb refuses \u0000, for one) is the bundle's fault, not the hub's.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) throw refuse.payloadInvalid(`a change the hub database cannot store (SQLSTATE ${code})`);
    throw error;
  }
}
