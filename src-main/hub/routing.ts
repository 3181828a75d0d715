// Where each household's records go (DESIGN §6 rules 3–4). The owner is the office whose origin inserted
// the household. The destination comes from its latest trip (by departure date, then HLC): a trip within
// Maharashtra to a block of an enrolled office routes the household there; a trip to another state or to
// a block no enrolled office serves leaves it on the unrouted list for a state officer (`mts-hub route`).
// A household without a trip has no destination: it goes to its owner only. Routing by hand wins until a
// newer trip is recorded. Every change of a route is a `household_route` change of the hub's own origin,
// so offices learn owner and destination through the same exchange as everything else.
import type { Insertable } from 'kysely';
import { Problem } from '../common/problem.ts';
import { foldRecord, officeOfOrigin, type ChangeOfRecord } from './fold.ts';
import { writeHubChanges, type HubChangeInput } from './hub-changes.ts';
import type { HouseholdRouteTable, HubDatabase, JsonValue } from './store/index.ts';

/** The state code offices store in migration.destination_state for Maharashtra (ISO 3166-2:IN). */
export const HOME_STATE = 'MH';

export type UnroutedReason = 'other-state' | 'unknown-block';

interface Trip {
  readonly id: string;
  readonly departureDate: string;
  readonly insertHlc: string;
  readonly state: string | null;
  readonly districtLgd: number | null;
  readonly block: string | null;
}

interface OfficeRow {
  readonly code: string;
  readonly district_lgd: number;
  readonly block_name: string;
  readonly status: string;
}

interface Route {
  owner: string;
  destination: string | null;
  reason: UnroutedReason | null;
  byHand: boolean;
}

const CHUNK = 500;

/** Block names are typed by operators: compare them without case and spaces ("Parli Vaijnath" = "parlivaijnath"). */
export function sameBlock(a: string, b: string): boolean {
  const normal = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  return normal(a) !== '' && normal(a) === normal(b);
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function latestTrip(trips: readonly Trip[]): Trip | undefined {
  let latest: Trip | undefined;
  for (const trip of trips) {
    if (!latest || trip.departureDate > latest.departureDate || (trip.departureDate === latest.departureDate && trip.insertHlc > latest.insertHlc)) {
      latest = trip;
    }
  }
  return latest;
}

function destinationOf(trip: Trip | undefined, offices: readonly OfficeRow[]): { destination: string | null; reason: UnroutedReason | null } {
  if (!trip) return { destination: null, reason: null };
  if (trip.state !== HOME_STATE) return { destination: null, reason: 'other-state' };
  const match = offices.find(
    (office) => office.status === 'enrolled' && office.district_lgd === trip.districtLgd && trip.block !== null && sameBlock(office.block_name, trip.block),
  );
  return match ? { destination: match.code, reason: null } : { destination: null, reason: 'unknown-block' };
}

function routeData(householdId: string, route: Route): { [key: string]: JsonValue } {
  return { household_id: householdId, owner_office: route.owner, destination_office: route.destination, routed_by_hand: route.byHand ? 1 : 0 };
}

async function loadTrips(tx: HubDatabase, householdIds: readonly string[]): Promise<Map<string, Trip[]>> {
  const rows = await tx
    .selectFrom('change as c')
    .innerJoin('record_household as r', (join) => join.onRef('r.entity', '=', 'c.entity').onRef('r.entity_id', '=', 'c.entity_id'))
    .select(['r.household_id', 'c.entity_id', 'c.origin', 'c.hlc', 'c.op', 'c.data'])
    .where('c.entity', '=', 'migration')
    .where('r.household_id', 'in', householdIds)
    .execute();
  const byTrip = new Map<string, { householdId: string; changes: ChangeOfRecord[] }>();
  for (const row of rows) {
    let trip = byTrip.get(row.entity_id);
    if (!trip) byTrip.set(row.entity_id, (trip = { householdId: row.household_id!, changes: [] }));
    trip.changes.push(row);
  }
  const trips = new Map<string, Trip[]>();
  for (const [id, { householdId, changes }] of byTrip) {
    const { fields, insertHlc } = foldRecord(changes);
    const departureDate = text(fields['departure_date']);
    // A trip whose insert has not arrived yet (only a later update has) cannot be placed in time.
    if (departureDate === null || insertHlc === undefined) continue;
    const district = fields['destination_district_lgd'];
    const list = trips.get(householdId) ?? [];
    list.push({
      id,
      departureDate,
      insertHlc,
      state: text(fields['destination_state']),
      districtLgd: typeof district === 'number' ? district : typeof district === 'string' && /^\d+$/.test(district) ? Number(district) : null,
      block: text(fields['destination_block']),
    });
    trips.set(householdId, list);
  }
  return trips;
}

/**
 * Routes the given households again from what the hub holds, inside the import's transaction. Returns
 * the households whose route changed (a `household_route` change was written for each).
 */
export async function recomputeRoutes(tx: HubDatabase, householdIds: readonly string[], now = new Date()): Promise<string[]> {
  if (householdIds.length === 0) return [];
  const offices: OfficeRow[] = await tx.selectFrom('office').select(['code', 'district_lgd', 'block_name', 'status']).execute();
  const knownOffices = new Set(offices.map((office) => office.code));
  const writes: Array<{ householdId: string; change: HubChangeInput }> = [];
  const rows: RouteRow[] = [];
  for (let start = 0; start < householdIds.length; start += CHUNK) {
    const ids = householdIds.slice(start, start + CHUNK);
    const householdChanges = await tx
      .selectFrom('change')
      .select(['entity_id', 'origin', 'hlc', 'op', 'data'])
      .where('entity', '=', 'household')
      .where('entity_id', 'in', ids)
      .execute();
    const byHousehold = new Map<string, ChangeOfRecord[]>();
    for (const row of householdChanges) {
      const list = byHousehold.get(row.entity_id) ?? [];
      list.push(row);
      byHousehold.set(row.entity_id, list);
    }
    const trips = await loadTrips(tx, ids);
    const current = new Map((await tx.selectFrom('household_route').selectAll().where('household_id', 'in', ids).execute()).map((row) => [row.household_id, row]));

    for (const householdId of ids) {
      const folded = foldRecord(byHousehold.get(householdId) ?? []);
      // Without its insert the household has no owner yet; it is routed when the insert arrives.
      if (folded.insertOrigin === undefined) continue;
      const owner = officeOfOrigin(folded.insertOrigin);
      if (!knownOffices.has(owner)) continue;
      const trip = latestTrip(trips.get(householdId) ?? []);
      const row = current.get(householdId);
      const byHand = row !== undefined && row.routed_by_hand && row.hand_trip_id === (trip?.id ?? null);
      const auto = destinationOf(trip, offices);
      const route: Route = byHand
        ? { owner, destination: row.destination_office, reason: null, byHand: true }
        : { owner, destination: auto.destination, reason: auto.reason, byHand: false };
      const before: Route = row
        ? { owner: row.owner_office, destination: row.destination_office, reason: null, byHand: row.routed_by_hand }
        : { owner, destination: null, reason: null, byHand: false };

      rows.push({
        household_id: householdId,
        owner_office: route.owner,
        destination_office: route.destination,
        unrouted_reason: route.reason,
        routed_by_hand: route.byHand,
        updated_at: now,
        awc_code: text(folded.fields['awc_code']),
        trip_id: trip?.id ?? null,
        hand_trip_id: byHand ? row.hand_trip_id : null,
        route_counter: row?.route_counter ?? null,
      });
      if (route.owner !== before.owner || route.destination !== before.destination || route.byHand !== before.byHand) {
        writes.push({
          householdId,
          change: { entity: 'household_route', entityId: householdId, op: row?.route_counter == null ? 'insert' : 'update', data: routeData(householdId, route), householdIds: [householdId] },
        });
      }
    }
  }
  // The hub changes first, in one go, so that each route row is saved once with its change's counter.
  const stored = await writeHubChanges(tx, writes.map((write) => write.change));
  const counters = new Map(writes.map((write, i) => [write.householdId, stored[i]!.counter]));
  for (const row of rows) row.route_counter = counters.get(row.household_id) ?? row.route_counter;
  for (let start = 0; start < rows.length; start += CHUNK) await saveRoutes(tx, rows.slice(start, start + CHUNK));
  return writes.map((write) => write.householdId);
}

type RouteRow = Insertable<HouseholdRouteTable>;

/** One statement per 500 households: an import of many families must not cost a round trip each. */
async function saveRoutes(tx: HubDatabase, rows: readonly RouteRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('household_route')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('household_id').doUpdateSet((eb) => ({
        owner_office: eb.ref('excluded.owner_office'),
        destination_office: eb.ref('excluded.destination_office'),
        unrouted_reason: eb.ref('excluded.unrouted_reason'),
        routed_by_hand: eb.ref('excluded.routed_by_hand'),
        updated_at: eb.ref('excluded.updated_at'),
        awc_code: eb.ref('excluded.awc_code'),
        trip_id: eb.ref('excluded.trip_id'),
        hand_trip_id: eb.ref('excluded.hand_trip_id'),
        route_counter: eb.ref('excluded.route_counter'),
      })),
    )
    .execute();
}

async function recordRouteChange(tx: HubDatabase, householdId: string, change: HubChangeInput): Promise<void> {
  const [stored] = await writeHubChanges(tx, [change]);
  await tx.updateTable('household_route').set({ route_counter: stored!.counter }).where('household_id', '=', householdId).execute();
}

export interface HandRouting {
  householdId: string;
  ownerOffice: string;
  destinationOffice: string;
  /** False when the household was already routed there by hand: nothing was written. */
  changed: boolean;
}

/** A state officer's decision: the household goes to `officeCode` until a newer trip is recorded. */
export async function routeByHand(db: HubDatabase, householdId: string, officeCode: string, now = new Date()): Promise<HandRouting> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('household_route').selectAll().where('household_id', '=', householdId).executeTakeFirst();
    if (!row) {
      throw new Problem('unknown-household', {
        en: `The hub holds no household ${householdId}; check the id in \`mts-hub status\`. Nothing was changed.`,
        mr: `हबकडे ${householdId} हे कुटुंब नाही; \`mts-hub status\` मध्ये ओळख तपासा. काहीही बदललेले नाही.`,
      });
    }
    const office = await tx.selectFrom('office').select(['code', 'status']).where('code', '=', officeCode).executeTakeFirst();
    if (!office || office.status !== 'enrolled') {
      throw new Problem('unknown-office', {
        en: `Office ${officeCode} is not an enrolled office; a household can only be routed to one. Nothing was changed.`,
        mr: `कार्यालय ${officeCode} हे नोंदणीकृत कार्यालय नाही; कुटुंब फक्त नोंदणीकृत कार्यालयाकडे पाठवता येते. काहीही बदललेले नाही.`,
      });
    }
    const result = { householdId, ownerOffice: row.owner_office, destinationOffice: officeCode };
    if (row.routed_by_hand && row.destination_office === officeCode) return { ...result, changed: false };
    await tx
      .updateTable('household_route')
      .set({ destination_office: officeCode, unrouted_reason: null, routed_by_hand: true, hand_trip_id: row.trip_id, updated_at: now })
      .where('household_id', '=', householdId)
      .execute();
    const route: Route = { owner: row.owner_office, destination: officeCode, reason: null, byHand: true };
    await recordRouteChange(tx, householdId, {
      entity: 'household_route',
      entityId: householdId,
      op: row.route_counter == null ? 'insert' : 'update',
      data: routeData(householdId, route),
      householdIds: [householdId],
    });
    return { ...result, changed: true };
  });
}
