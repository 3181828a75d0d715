// Where each household's records go (DESIGN §6 rules 3–4). The owner is the office whose origin inserted
// the household. The destination comes from its latest trip (by departure date, then HLC) — where that
// trip's events say the family is now (migration/status.ts): the planned destination, or the one a later
// arrival or move names; none once the family returned or left for an unknown place. A destination within
// Maharashtra in a block of an enrolled office routes the household there; one in another state or in
// a block no enrolled office serves leaves it on the unrouted list for a state officer (`mts-hub route`).
// A household without a trip, or back home, has no destination: it goes to its owner only. Routing by hand wins until a
// newer trip is recorded. Every change of a route is a `household_route` change of the hub's own origin,
// so offices learn owner and destination through the same exchange as everything else.
import { sql, type Insertable } from 'kysely';
import { Problem } from '../common/problem.ts';
import { HOME_STATE, sameBlock } from '../migration/destination.ts';
import { tripStatus, type Destination, type TripEventFacts } from '../migration/status.ts';
import { foldRecord, officeOfOrigin, type ChangeOfRecord, type FoldedRecord } from './fold.ts';
import { writeHubChanges, type HubChangeInput } from './hub-changes.ts';
import type { HouseholdRouteTable, HubDatabase, JsonValue } from './store/index.ts';

export { HOME_STATE, sameBlock };

export type UnroutedReason = 'other-state' | 'unknown-block';

interface Trip {
  readonly id: string;
  readonly departureDate: string;
  readonly insertHlc: string;
  readonly createdAt: string;
  readonly expectedReturn: string | null;
  readonly planned: Destination;
  events: TripEventFacts[];
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

/**
 * Households per round of queries. Each query takes them as one array parameter, so its cost does not
 * grow with the number of parameters; the bound only caps how many households' changes are in memory.
 */
const HOUSEHOLDS_PER_ROUND = 10_000;

/** Route rows per statement, sent as one JSON parameter (ten parameters a row cost PGlite more than the row). */
const ROUTES_PER_STATEMENT = 5_000;

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

/** Where the trip's events say the family is now; null once it returned or left for an unknown place. */
function currentDestination(trip: Trip): Destination | null {
  const facts = { id: trip.id, departureDate: trip.departureDate, expectedReturn: trip.expectedReturn, createdAt: trip.createdAt, destination: trip.planned };
  // The day only counts days away, which routing does not use.
  return tripStatus(facts, trip.events, trip.departureDate).destination;
}

function destinationOf(trip: Trip | undefined, offices: readonly OfficeRow[]): { destination: string | null; reason: UnroutedReason | null } {
  const where = trip ? currentDestination(trip) : null;
  if (!where) return { destination: null, reason: null };
  if (where.state !== HOME_STATE) return { destination: null, reason: 'other-state' };
  const match = offices.find(
    (office) => office.status === 'enrolled' && office.district_lgd === where.districtLgd && where.block !== null && sameBlock(office.block_name, where.block),
  );
  return match ? { destination: match.code, reason: null } : { destination: null, reason: 'unknown-block' };
}

function routeData(householdId: string, route: Route): { [key: string]: JsonValue } {
  return { household_id: householdId, owner_office: route.owner, destination_office: route.destination, routed_by_hand: route.byHand ? 1 : 0 };
}

async function loadTrips(tx: HubDatabase, householdIds: readonly string[]): Promise<Map<string, Trip[]>> {
  // From the households to their changes (change_household) and on to those of trips and trip events: no
  // index of change by record is kept for these, the most numerous records (migration 0006). A trip's
  // changes are all linked by the time routing runs: indexChanges links waiting ones as their record
  // becomes known, in the same transaction.
  const { rows } = await sql<{ household_id: string; entity: string; entity_id: string; origin: string; hlc: string; op: string; data: JsonValue }>`
    SELECT ch.household_id, c.entity, c.entity_id, c.origin, c.hlc, c.op, c.data
    FROM change_household AS ch
    JOIN change AS c ON c.origin = ch.origin AND c.counter = ch.counter
    WHERE ch.household_id = ANY(${householdIds}::text[]) AND c.entity IN ('migration', 'migration_event')`.execute(tx);
  const byRecord = new Map<string, { entity: string; householdId: string; changes: ChangeOfRecord[] }>();
  for (const row of rows) {
    const key = `${row.entity}:${row.entity_id}`;
    let record = byRecord.get(key);
    if (!record) byRecord.set(key, (record = { entity: row.entity, householdId: row.household_id!, changes: [] }));
    record.changes.push(row);
  }
  const trips = new Map<string, Trip[]>();
  const eventsByTrip = new Map<string, TripEventFacts[]>();
  for (const [key, { entity, householdId, changes }] of byRecord) {
    const id = key.slice(entity.length + 1);
    const { fields, insertHlc } = foldRecord(changes);
    // A record whose insert has not arrived yet (only a later update has) cannot be placed in time.
    if (insertHlc === undefined) continue;
    if (entity === 'migration_event') {
      const event = eventOf(id, fields, insertHlc);
      const tripId = text(fields['migration_id']);
      if (event && tripId) eventsByTrip.set(tripId, [...(eventsByTrip.get(tripId) ?? []), event]);
      continue;
    }
    const departureDate = text(fields['departure_date']);
    if (departureDate === null) continue;
    const list = trips.get(householdId) ?? [];
    list.push({
      id,
      departureDate,
      insertHlc,
      createdAt: isoDay(fields['created_at']) ?? departureDate,
      expectedReturn: text(fields['expected_return']),
      planned: destinationFields(fields),
      events: [],
    });
    trips.set(householdId, list);
  }
  for (const list of trips.values()) for (const trip of list) trip.events = eventsByTrip.get(trip.id) ?? [];
  return trips;
}

function districtOf(value: JsonValue | undefined): number | null {
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}

function destinationFields(fields: Record<string, JsonValue>): Destination {
  return {
    state: text(fields['destination_state']),
    districtLgd: districtOf(fields['destination_district_lgd']),
    block: text(fields['destination_block']),
    place: text(fields['destination_place']),
  };
}

/** A date (or timestamp) field as sent by an office; anything else is ignored rather than trusted. */
function isoDay(value: JsonValue | undefined): string | null {
  const day = text(value)?.slice(0, 10) ?? null;
  return day !== null && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? day : null;
}

const EVENT_KINDS = new Set<string>(['departed', 'arrived', 'moved', 'returned', 'not-found']);

function eventOf(id: string, fields: Record<string, JsonValue>, insertHlc: string): TripEventFacts | null {
  const kind = text(fields['event']);
  const date = isoDay(fields['event_date']);
  if (kind === null || !EVENT_KINDS.has(kind) || date === null) return null;
  const destination = destinationFields(fields);
  const named = destination.state !== null || destination.block !== null || destination.place !== null;
  return {
    id,
    event: kind as TripEventFacts['event'],
    eventDate: date,
    destination: named ? destination : null,
    awcCode: text(fields['awc_code']),
    reason: text(fields['reason']),
    officeCode: text(fields['office_code']) ?? '',
    voided: fields['voided'] === 1 || fields['voided'] === true || fields['voided'] === '1',
    createdAt: text(fields['created_at']) ?? '',
    hlc: insertHlc,
  };
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
  for (let start = 0; start < householdIds.length; start += HOUSEHOLDS_PER_ROUND) {
    const ids = householdIds.slice(start, start + HOUSEHOLDS_PER_ROUND);
    const { rows: householdChanges } = await sql<ChangeOfRecord & { entity_id: string }>`
      SELECT entity_id, origin, hlc, op, data FROM change
      WHERE entity = 'household' AND entity_id = ANY(${ids}::text[])`.execute(tx);
    const byHousehold = new Map<string, ChangeOfRecord[]>();
    for (const row of householdChanges) {
      const list = byHousehold.get(row.entity_id) ?? [];
      list.push(row);
      byHousehold.set(row.entity_id, list);
    }
    // Without its insert a household has no owner yet, and an owner that is not an enrolled office takes
    // nothing: neither is routed now (the insert's import routes it), so their trips need not be read.
    const owners = new Map<string, { folded: FoldedRecord; owner: string }>();
    for (const householdId of ids) {
      const folded = foldRecord(byHousehold.get(householdId) ?? []);
      if (folded.insertOrigin === undefined) continue;
      const owner = officeOfOrigin(folded.insertOrigin);
      if (knownOffices.has(owner)) owners.set(householdId, { folded, owner });
    }
    if (owners.size === 0) continue;
    const routable = [...owners.keys()];
    const trips = await loadTrips(tx, routable);
    const currentRows = await tx.selectFrom('household_route').selectAll().where(sql<boolean>`household_id = ANY(${routable}::text[])`).execute();
    const current = new Map(currentRows.map((row) => [row.household_id, row]));

    for (const [householdId, { folded, owner }] of owners) {
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
  for (let start = 0; start < rows.length; start += ROUTES_PER_STATEMENT) await saveRoutes(tx, rows.slice(start, start + ROUTES_PER_STATEMENT));
  return writes.map((write) => write.householdId);
}

type RouteRow = Insertable<HouseholdRouteTable>;

/** One statement per 5,000 households: an import of many families must not cost a round trip each. */
async function saveRoutes(tx: HubDatabase, rows: readonly RouteRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO household_route AS r (household_id, owner_office, destination_office, unrouted_reason, routed_by_hand,
                                      updated_at, awc_code, trip_id, hand_trip_id, route_counter)
    SELECT household_id, owner_office, destination_office, unrouted_reason, routed_by_hand,
           updated_at, awc_code, trip_id, hand_trip_id, route_counter
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS row (household_id text, owner_office text, destination_office text,
      unrouted_reason text, routed_by_hand boolean, updated_at timestamptz, awc_code text, trip_id text, hand_trip_id text, route_counter bigint)
    ON CONFLICT (household_id) DO UPDATE SET
      owner_office = excluded.owner_office, destination_office = excluded.destination_office,
      unrouted_reason = excluded.unrouted_reason, routed_by_hand = excluded.routed_by_hand,
      updated_at = excluded.updated_at, awc_code = excluded.awc_code, trip_id = excluded.trip_id,
      hand_trip_id = excluded.hand_trip_id, route_counter = excluded.route_counter`.execute(tx);
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
