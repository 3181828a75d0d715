// Export from the hub to one office: a `changes` bundle that covers, per origin, everything the office has
// not acknowledged up to the hub's high-water mark, and carries the changes in it routed to the office —
// of the households it owns or is the destination of, their Anganwadis and its own, and the hub's route
// and duplicate changes of those households. A range says what the bundle *covers*, so the office knows
// the changes of other blocks in it are not for it (sync/payload.ts coveredByRanges). Records describing
// another installation (office, installation, operator, setting) never leave the hub.
//
// Backfill: when a household becomes routed to an office, its older changes (below what the office
// acknowledged) must reach it too. Until the office acknowledges the hub change that routed the household
// there, every change of that household is included, and the range of each origin is widened down to the
// smallest such counter (one range per origin, so ranges never overlap).
import { sql } from 'kysely';
import { Problem } from '../common/problem.ts';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  HUB,
  describeBundle,
  encodeChangesPayload,
  splitIntoChunks,
  type BundleChange,
  type ChangeRange,
} from '../sync/index.ts';
import { highWaterMarks } from './high-water.ts';
import { hubEpoch, type Hub } from './hub.ts';
import { HUB_ORIGIN } from './hub-changes.ts';
import { INSTALLATION_ENTITIES } from './household-index.ts';
import { officeSchemaVersion } from './office-schema.ts';
import type { HubDatabase, JsonValue } from './store/index.ts';
import { revocations } from './trust.ts';

export interface HubExportOptions {
  /** Largest file; a bigger bundle is split into parts (default 10 MB). */
  maxBytes?: number;
  now?: Date;
}

export interface HubExport {
  /** The bundle's group id (its id when not split). */
  bundleId: string;
  /** One file, or the parts of a split bundle; each verifies alone. */
  files: Uint8Array[];
  /** Changes carried. */
  changes: number;
  ranges: ChangeRange[];
  /** The hub's high-water mark per origin. */
  acks: Record<string, number>;
}

interface ChangeRow {
  origin: string;
  counter: number;
  hlc: string;
  entity: string;
  entity_id: string;
  op: string;
  data: JsonValue;
}

function notAnOffice(code: string): Problem {
  return new Problem('unknown-office', {
    en: `Office ${code} is not enrolled with this hub (or was revoked); there is nothing to export to it.`,
    mr: `कार्यालय ${code} या हबकडे नोंदलेले नाही (किंवा रद्द केले आहे); त्याच्यासाठी निर्यात करण्यासारखे काही नाही.`,
  });
}

/** The office's current encryption recipient: that of its newest unrevoked key. */
async function recipientOf(db: HubDatabase, code: string): Promise<string> {
  const office = await db.selectFrom('office').select('status').where('code', '=', code).executeTakeFirst();
  if (!office || office.status !== 'enrolled') throw notAnOffice(code);
  const key = await db
    .selectFrom('office_key')
    .select('age_recipient')
    .where('office_code', '=', code)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!key) throw notAnOffice(code);
  return key.age_recipient;
}

/** Changes routed to the office above its acks (up to the hub's high-water mark), and the backfill. */
async function routedChanges(db: HubDatabase, code: string, hubAck: number): Promise<ChangeRow[]> {
  const skip = sql.join(INSTALLATION_ENTITIES.map((entity) => sql`${entity}`));
  const unacknowledged = sql`c.counter > COALESCE((SELECT a.counter FROM office_ack AS a WHERE a.office_code = ${code} AND a.origin = c.origin), 0)`;
  const held = sql`c.counter <= (SELECT h.counter FROM origin_high_water AS h WHERE h.origin = c.origin)`;
  const visible = sql`(r.owner_office = ${code} OR r.destination_office = ${code})`;
  const newlyRouted = sql`(r.destination_office = ${code} AND r.owner_office <> ${code} AND r.route_counter > ${hubAck})`;
  const result = await sql<ChangeRow>`
    SELECT c.origin, c.counter, c.hlc, c.entity, c.entity_id, c.op, c.data
    FROM household_route AS r
      JOIN change_household AS ch ON ch.household_id = r.household_id
      JOIN change AS c ON c.origin = ch.origin AND c.counter = ch.counter
    WHERE ${held} AND c.entity NOT IN (${skip}) AND ((${visible} AND ${unacknowledged}) OR ${newlyRouted})
    UNION
    SELECT c.origin, c.counter, c.hlc, c.entity, c.entity_id, c.op, c.data
    FROM change AS c
    WHERE c.entity = 'awc' AND ${held} AND (
      (${unacknowledged} AND (c.origin LIKE ${`${code}-%`}
        OR c.entity_id IN (SELECT r.awc_code FROM household_route AS r WHERE ${visible} AND r.awc_code IS NOT NULL)))
      OR c.entity_id IN (SELECT r.awc_code FROM household_route AS r WHERE ${newlyRouted} AND r.awc_code IS NOT NULL))
    UNION
    -- A family that was coming here and now goes elsewhere: the office learns it from the new route,
    -- and nothing more of the family after that.
    SELECT c.origin, c.counter, c.hlc, c.entity, c.entity_id, c.op, c.data
    FROM change AS c
    WHERE c.origin = ${HUB_ORIGIN} AND c.entity = 'household_route' AND ${held} AND ${unacknowledged}
      AND EXISTS (SELECT 1 FROM change AS p
                  WHERE p.entity = 'household_route' AND p.entity_id = c.entity_id AND p.origin = ${HUB_ORIGIN}
                    AND p.counter < c.counter AND p.data->>'destination_office' = ${code})`.execute(db);
  return result.rows;
}

function byOriginAndCounter(a: { origin: string; counter: number }, b: { origin: string; counter: number }): number {
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  return a.counter - b.counter;
}

/**
 * One range per origin: from just above the office's ack (or lower, down to the smallest backfilled
 * change) to the hub's high-water mark. Origins the office is up to date with, and that carry no
 * backfill, get none.
 */
function rangesFor(marks: Record<string, number>, acked: Map<string, number>, changes: readonly BundleChange[]): ChangeRange[] {
  const lowest = new Map<string, number>();
  for (const change of changes) lowest.set(change.origin, Math.min(lowest.get(change.origin) ?? Infinity, change.counter));
  const ranges: ChangeRange[] = [];
  for (const origin of Object.keys(marks).sort()) {
    const mark = marks[origin]!;
    const ack = acked.get(origin) ?? 0;
    const from = Math.min(mark > ack ? ack + 1 : Infinity, lowest.get(origin) ?? Infinity);
    if (from !== Infinity && from <= mark) ranges.push({ origin, from, to: mark });
  }
  return ranges;
}

/** Writes the bundle for one office; nothing at the hub changes. */
export async function exportForOffice(hub: Hub, officeCode: string, options: HubExportOptions = {}): Promise<HubExport> {
  // One snapshot: the changes, marks and acks must describe the same moment.
  const read = await hub.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const recipient = await recipientOf(tx, officeCode);
      const ackRows = await tx.selectFrom('office_ack').select(['origin', 'counter']).where('office_code', '=', officeCode).execute();
      const acked = new Map(ackRows.map((row) => [row.origin, row.counter]));
      const rows = await routedChanges(tx, officeCode, acked.get(HUB_ORIGIN) ?? 0);
      return { recipient, acked, rows, marks: await highWaterMarks(tx), revocations: await revocations(tx), epoch: await hubEpoch(tx) };
    });

  const changes: BundleChange[] = read.rows
    .map((row) => ({
      origin: row.origin,
      counter: Number(row.counter),
      hlc: row.hlc,
      entity: row.entity,
      entityId: row.entity_id,
      op: row.op as BundleChange['op'],
      data: JSON.stringify(row.data),
    }))
    .sort(byOriginAndCounter);
  const ranges = rangesFor(read.marks, read.acked, changes);
  const files = await splitIntoChunks(
    {
      kind: 'changes',
      from: { office: HUB, series: 1 },
      to: officeCode,
      schemaVersion: officeSchemaVersion(),
      epoch: read.epoch,
      ranges,
      acks: read.marks,
      createdAt: options.now,
      payload: encodeChangesPayload({ changes, acks: read.marks, revocations: read.revocations }),
      signingKey: hub.keys.signingKey,
      recipients: [read.recipient],
    },
    options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES,
  );
  return { bundleId: describeBundle(files[0]!).header.chunk.groupId, files, changes: changes.length, ranges, acks: read.marks };
}

/**
 * File names as an office names its exports (src-main/exchange/export.ts): who to whom, when, the first 8
 * digits of the bundle id, and the part when split (`mts-hub-to-2714-20261203-0830-1a2b3c4d.mtsb`).
 */
export function hubExportFileNames(officeCode: string, bundle: Pick<HubExport, 'bundleId' | 'files'>, now = new Date()): string[] {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = `mts-${HUB}-to-${officeCode}-${stamp}-${bundle.bundleId.slice(0, 8)}`;
  const count = bundle.files.length;
  return bundle.files.map((_file, index) => (count === 1 ? `${base}.mtsb` : `${base}-part-${index + 1}-of-${count}.mtsb`));
}
