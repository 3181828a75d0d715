// The six working lists of the Migration page. Each is one query — every household's latest trip with its
// events — narrowed in SQL to the trips that can qualify, then decided in JS by the same fold that shows a
// trip's status on the household page, so a list never disagrees with the household page.
import { sql } from 'kysely';
import { Problem } from '../common/problem.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import { daysBetween, todayIso } from '../common/calendar.ts';
import { inBlock } from './destination.ts';
import { readOverdueDays } from './settings.ts';
import { tripStatus, type TripEventFacts, type TripState } from './status.ts';
import { eventFacts, tripFacts } from './trips.ts';
import type { MigrationList, MigrationListName, MigrationListRow } from './types.ts';

export interface ListOptions {
  /** The day the list is for; tests pass a fixed one. */
  today?: string;
  /** One Anganwadi: the home AWC on the home office's lists, the AWC serving the family on Present. */
  awcCode?: string | null;
}

export function migrationList(data: OfficeData, list: MigrationListName, options: ListOptions = {}): MigrationList {
  const today = options.today ?? todayIso();
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  const overdueDays = readOverdueDays(data);
  const { store } = data;
  const month = today.slice(0, 7);

  const rows = store.all(
    store.db
      // The latest trip of each household (the current season), and each household's active members, each
      // computed once for the whole office rather than once per row.
      .with('latest', (db) =>
        db
          .selectFrom('migration as m')
          .select(['m.id', 'm.household_id'])
          .select(sql<number>`row_number() OVER (PARTITION BY m.household_id ORDER BY m.departure_date DESC, m.created_at DESC, m.id DESC)`.as('rn')),
      )
      .with('members', (db) =>
        db
          .selectFrom('beneficiary as b')
          .select('b.household_id')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn<string>('group_concat', [eb.ref('b.mts_id'), eb.val(' ')]).as('ids')])
          .where('b.status', '=', 'active')
          .groupBy('b.household_id'),
      )
      .selectFrom('latest as l')
      .innerJoin('migration as m', 'm.id', 'l.id')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .leftJoin('members as mb', 'mb.household_id', 'h.id')
      .leftJoin('household_route as r', 'r.household_id', 'h.id')
      .leftJoin('awc as a', 'a.code', 'h.awc_code')
      .leftJoin('migration_event as e', (join) => join.onRef('e.migration_id', '=', 'm.id').on('e.voided', '=', 0))
      .select([
        'm.id as trip_id',
        'm.household_id',
        'm.departure_date',
        'm.destination_state',
        'm.destination_district_lgd',
        'm.destination_block',
        'm.destination_place',
        'm.expected_return',
        'm.created_at',
        'm.work_sector',
        'm.employer',
        'm.staying_home',
        'h.head_name_mr',
        'h.head_name_en',
        'h.village',
        'h.mobile',
        'h.awc_code as home_awc',
        'a.name_mr as awc_name_mr',
        'a.name_en as awc_name_en',
        'r.owner_office',
        'mb.n as active_members',
        'mb.ids as mts_ids',
        'e.id as event_id',
        'e.event',
        'e.event_date',
        'e.destination_state as e_state',
        'e.destination_district_lgd as e_district',
        'e.destination_block as e_block',
        'e.destination_place as e_place',
        'e.awc_code as e_awc',
        'e.reason as e_reason',
        'e.office_code as e_office',
        'e.voided as e_voided',
        'e.created_at as e_created_at',
        'e.updated_hlc as e_hlc',
      ])
      .where('l.rn', '=', 1)
      .where('h.status', '=', 'active')
      .$if(list === 'incoming', (q) => q.where('r.destination_office', '=', office.code).where('r.owner_office', '!=', office.code))
      .$if(list === 'departed' || list === 'overdue' || list === 'expected' || list === 'returned', (q) =>
        q.where((eb) => eb.or([eb('r.owner_office', 'is', null), eb('r.owner_office', '=', office.code)])),
      )
      .$if(!!options.awcCode && list !== 'present' && list !== 'incoming', (q) => q.where('h.awc_code', '=', options.awcCode!))
      .$if(list === 'expected', (q) => q.where('m.expected_return', '>=', `${month}-01`).where('m.expected_return', '<=', `${month}-31`))
      .$if(list !== 'incoming', (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('migration_event as x')
              .select('x.id')
              .whereRef('x.migration_id', '=', 'm.id')
              .where('x.voided', '=', 0)
              .where('x.event', 'in', list === 'returned' ? ['returned'] : list === 'present' ? ['arrived', 'moved'] : ['departed', 'arrived', 'moved', 'not-found', 'returned']),
          ),
        ),
      ),
  );

  type Row = (typeof rows)[number];
  const trips = new Map<string, { first: Row; events: TripEventFacts[] }>();
  for (const row of rows) {
    let trip = trips.get(row.trip_id);
    if (!trip) trips.set(row.trip_id, (trip = { first: row, events: [] }));
    if (row.event_id !== null) {
      trip.events.push(
        eventFacts({
          id: row.event_id,
          event: row.event!,
          event_date: row.event_date!,
          destination_state: row.e_state,
          destination_district_lgd: row.e_district,
          destination_block: row.e_block,
          destination_place: row.e_place,
          awc_code: row.e_awc,
          reason: row.e_reason,
          office_code: row.e_office!,
          voided: row.e_voided!,
          created_at: row.e_created_at!,
          updated_hlc: row.e_hlc!,
        }),
      );
    }
  }

  const here = { districtLgd: office.districtLgd, blockName: office.blockName };
  // Present: the arrival or latest move was recorded here and places the family here — with one of this
  // office's Anganwadis assigned, or at a destination in this block. An arrival the home office noted for a
  // family far away is not "present".
  const placedHere = (state: TripState) =>
    state.placedByOffice === office.code &&
    (state.status === 'arrived' || (state.status === 'moved' && !state.left)) &&
    (state.awcCode !== null || inBlock(state.destination, here));
  const wanted: Record<MigrationListName, (state: TripState, expectedReturn: string | null) => boolean> = {
    departed: (state) => state.status !== 'planned' && state.status !== 'returned',
    overdue: (state) => state.status === 'departed' && state.departedOn !== null && daysBetween(state.departedOn, today) > overdueDays,
    expected: (state, expected) => state.status !== 'planned' && state.status !== 'returned' && expected !== null && expected.slice(0, 7) === month,
    returned: (state) => state.status === 'returned',
    // Incoming: announced by the hub and not yet confirmed here; a family this office saw and sent on is not.
    incoming: (state) => state.status !== 'returned' && state.placedByOffice !== office.code && !(state.status === 'not-found' && state.notFoundBy === office.code),
    present: placedHere,
  };

  const households: MigrationListRow[] = [];
  for (const { first, events } of trips.values()) {
    const state = tripStatus(tripFacts({ ...first, id: first.trip_id }), events, today);
    if (!wanted[list](state, first.expected_return)) continue;
    if (options.awcCode && list === 'present' && state.awcCode !== options.awcCode) continue;
    const stayingHome = countIds(first.staying_home);
    const active = Number(first.active_members ?? 0);
    households.push({
      householdId: first.household_id,
      headNameMr: first.head_name_mr,
      headNameEn: first.head_name_en,
      village: first.village,
      mobile: first.mobile,
      homeAwcCode: first.home_awc,
      homeAwcName: first.awc_name_mr !== null && first.awc_name_en !== null ? { mr: first.awc_name_mr, en: first.awc_name_en } : null,
      ownerOffice: first.owner_office,
      tripId: first.trip_id,
      status: state.status,
      departureDate: first.departure_date,
      departedOn: state.departedOn,
      arrivedOn: state.arrivedOn,
      returnedOn: state.returnedOn,
      expectedReturn: first.expected_return,
      daysAway: state.daysAway,
      // Where the family went, for a family back home; where it is now, otherwise (null once it left for an unknown place).
      destination: state.status === 'returned' ? (state.lastDestination ?? tripFacts({ ...first, id: first.trip_id }).destination) : state.destination,
      destinationAwcCode: state.awcCode,
      workSector: first.work_sector,
      employer: first.employer,
      travelling: Math.max(0, active - stayingHome),
      stayingHome,
      mtsIds: (first.mts_ids ?? '').split(' ').filter(Boolean).sort(),
      flags: state.flags.length,
    });
  }
  households.sort(ORDER[list]);
  return { list, today, overdueDays, households };
}

type Compare = (a: MigrationListRow, b: MigrationListRow) => number;
const byName: Compare = (a, b) => a.headNameEn.localeCompare(b.headNameEn) || a.householdId.localeCompare(b.householdId);
const longestAwayFirst: Compare = (a, b) => (b.daysAway ?? 0) - (a.daysAway ?? 0) || byName(a, b);
const ORDER: Record<MigrationListName, Compare> = {
  departed: longestAwayFirst,
  overdue: longestAwayFirst,
  expected: (a, b) => (a.expectedReturn ?? '').localeCompare(b.expectedReturn ?? '') || byName(a, b),
  returned: (a, b) => (b.returnedOn ?? '').localeCompare(a.returnedOn ?? '') || byName(a, b),
  incoming: (a, b) => a.departureDate.localeCompare(b.departureDate) || byName(a, b),
  present: (a, b) => (a.arrivedOn ?? '').localeCompare(b.arrivedOn ?? '') || byName(a, b),
};

function countIds(json: string): number {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.length : 0;
  } catch {
    return 0;
  }
}
