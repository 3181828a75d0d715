// Every row the reports read, one kysely query each, narrowed in SQL to the period and the Anganwadi so the
// office's 100,000 people are never all pulled into memory at once. The counting itself happens in the
// report modules, where the same rules as the rest of the app (category, trip status, nutrition) apply.
import { sql } from 'kysely';
import type { OfficeData } from '../office/service.ts';
import { categorySql, categoryThresholds, completedYearsCutoff } from './category-sql.ts';
import { dayAfter } from './period.ts';
import type { ReportQuery } from './types.ts';

export interface AwcRow {
  code: string;
  name_mr: string;
  name_en: string;
  village: string;
  sector: string;
}

export function awcsOf({ store }: OfficeData): AwcRow[] {
  return store.all(store.db.selectFrom('awc').select(['code', 'name_mr', 'name_en', 'village', 'sector']).orderBy('code'));
}

/**
 * Beneficiaries registered in the period (by the day their record was made), with what makes their category.
 * Two compact index scans joined here (migration 0013): joining in SQL would look up each person's household
 * row by row.
 */
export function registeredPeople({ store }: OfficeData, query: ReportQuery) {
  const awcOf = new Map(
    store
      .all(
        store.db
          .selectFrom('household')
          .select(['id', 'awc_code'])
          .where('status', '=', 'active')
          .$if(query.awcCode !== null, (q) => q.where('awc_code', '=', query.awcCode!)),
      )
      .map((h) => [h.id, h.awc_code]),
  );
  const people = store.all(
    store.db
      .selectFrom('beneficiary')
      .select(['sex', 'dob', 'lmp_date', 'delivery_date', 'household_id'])
      .where('status', '=', 'active')
      .where('created_at', '>=', query.from)
      .where('created_at', '<', dayAfter(query.to)),
  );
  return { people, awcOf };
}

/** Non-voided measurements of the period of children under 6, newest first per child, with sex, birth and home AWC. */
export function periodMeasurements({ store }: OfficeData, query: ReportQuery) {
  return store.all(
    store.db
      // Anganwadi → household → child → measurements, in covering indexes (migration 0015).
      .selectFrom('household as h')
      .crossJoin('beneficiary as b')
      .crossJoin('measurement as m')
      .whereRef('b.household_id', '=', 'h.id')
      .whereRef('m.beneficiary_id', '=', 'b.id')
      .select(['m.beneficiary_id', 'm.measured_on', 'm.weight_kg', 'm.length_cm', 'm.measure', 'm.muac_mm', 'm.oedema', 'b.sex', 'b.dob', 'h.awc_code'])
      .where('m.voided', '=', 0)
      .where('m.measured_on', '>=', query.from)
      .where('m.measured_on', '<=', query.to)
      .where('b.status', '=', 'active')
      // Born 6 years before the period or earlier: no reading can be a child's (ICDS growth monitoring ends at
      // 6), so those people's measurements are not even looked up.
      .where('b.dob', '>', completedYearsCutoff(query.from, 6))
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!))
      // Each child's rows together, newest first (the order of children does not matter to the report).
      .orderBy('h.awc_code')
      .orderBy('h.id')
      .orderBy('m.beneficiary_id')
      .orderBy('m.measured_on', 'desc')
      .orderBy('m.created_at', 'desc'),
  );
}

/**
 * Trip events of one kind recorded in the period, with the trip's plan and the household. Home office's
 * events are those of families it owns (no route yet, or routed to it); `recordedHere` instead keeps the
 * events this office recorded for other offices' families (influx).
 */
export function periodEvents(
  { store }: OfficeData,
  query: ReportQuery,
  event: 'departed' | 'arrived' | 'returned' | 'not-found',
  scope: { officeCode: string; side: 'home' | 'destination' },
) {
  // Home side: Anganwadi → household → its events inside covering indexes (migration 0015), rather than each
  // event looking up its household's wide row by id. The destination side keeps few events: start from them.
  const from =
    scope.side === 'home'
      ? store.db.selectFrom('household as h').crossJoin('migration_event as e').whereRef('e.household_id', '=', 'h.id')
      : store.db.selectFrom('migration_event as e').innerJoin('household as h', 'h.id', 'e.household_id');
  return store.all(
    from
      .innerJoin('migration as m', 'm.id', 'e.migration_id')
      .leftJoin('household_route as r', 'r.household_id', 'h.id')
      .select([
        'e.id',
        'e.migration_id',
        'e.household_id',
        'e.event_date',
        'e.reason',
        'e.awc_code as event_awc',
        'm.destination_state',
        'm.destination_district_lgd',
        'm.work_sector',
        'm.staying_home',
        'h.awc_code',
        'r.owner_office',
      ])
      .select((eb) =>
        eb
          .selectFrom('beneficiary as b')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('b.household_id', '=', 'h.id')
          .where('b.status', '=', 'active')
          .as('members'),
      )
      .where('e.voided', '=', 0)
      .where('e.event', '=', event)
      .where('e.event_date', '>=', query.from)
      .where('e.event_date', '<=', query.to)
      .where('h.status', '=', 'active')
      .$if(scope.side === 'home', (q) =>
        q
          .where((eb) => eb.or([eb('r.owner_office', 'is', null), eb('r.owner_office', '=', scope.officeCode)]))
          .$if(query.awcCode !== null, (q2) => q2.where('h.awc_code', '=', query.awcCode!)),
      )
      .$if(scope.side === 'destination', (q) =>
        q
          .where('e.office_code', '=', scope.officeCode)
          .where('r.owner_office', 'is not', null)
          .where('r.owner_office', '!=', scope.officeCode)
          .$if(query.awcCode !== null, (q2) => q2.where('e.awc_code', '=', query.awcCode!)),
      ),
  );
}

/**
 * The latest trip of each of this office's families with the latest event on or before `on` — the state the
 * trip was in that day, ordered as status.ts orders events. Used for "overdue to arrive" as of the period's end.
 */
export function tripsAsOf({ store }: OfficeData, on: string, officeCode: string, awcCode: string | null) {
  return store.all(
    store.db
      .with('latest', (db) =>
        db
          .selectFrom('migration as m')
          .select(['m.id', 'm.household_id', 'm.departure_date', 'm.expected_return'])
          .select(sql<number>`row_number() OVER (PARTITION BY m.household_id ORDER BY m.departure_date DESC, m.created_at DESC, m.id DESC)`.as('rn'))
          .where('m.departure_date', '<=', on),
      )
      .selectFrom('latest as l')
      .innerJoin('household as h', 'h.id', 'l.household_id')
      .leftJoin('household_route as r', 'r.household_id', 'h.id')
      .select(['l.id', 'l.household_id', 'l.departure_date', 'l.expected_return', 'h.awc_code'])
      .select(
        sql<string | null>`(SELECT e.event || '|' || e.event_date FROM migration_event AS e
          WHERE e.migration_id = l.id AND e.voided = 0 AND e.event_date <= ${on}
          ORDER BY e.event_date DESC,
            CASE e.event WHEN 'departed' THEN 0 WHEN 'arrived' THEN 1 WHEN 'moved' THEN 2 WHEN 'not-found' THEN 3 ELSE 4 END DESC,
            e.created_at DESC, e.updated_hlc DESC, e.id DESC
          LIMIT 1)`.as('latest_event'),
      )
      .where('l.rn', '=', 1)
      .where('h.status', '=', 'active')
      .where((eb) => eb.or([eb('r.owner_office', 'is', null), eb('r.owner_office', '=', officeCode)]))
      .$if(awcCode !== null, (q) => q.where('h.awc_code', '=', awcCode!)),
  );
}

/** Non-voided services given in the period, per service code and home AWC, with how many people received them. */
export function servicesGiven({ store }: OfficeData, query: ReportQuery) {
  return store.all(
    // Anganwadi → household → person → service, all in covering indexes (migration 0015); starting from the
    // services would look up each person's and household's wide row by id.
    store.db
      .selectFrom('household as h')
      .crossJoin('beneficiary as b')
      .crossJoin('service as s')
      .whereRef('b.household_id', '=', 'h.id')
      .whereRef('s.beneficiary_id', '=', 'b.id')
      .select(['h.awc_code', 's.service'])
      .select((eb) => [eb.fn.countAll<number>().as('records'), sql<number>`count(DISTINCT s.beneficiary_id)`.as('people')])
      .where('s.voided', '=', 0)
      .where('s.given_on', '>=', query.from)
      .where('s.given_on', '<=', query.to)
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!))
      .groupBy(['h.awc_code', 's.service']),
  );
}

/**
 * People who may have something due at the period's end (born after `bornAfter`, or a woman with a recorded
 * pregnancy or delivery), with their home AWC and village. Older children are left to the schedule's age limits.
 */
export function scheduledPeople({ store }: OfficeData, query: ReportQuery, bornAfter: string) {
  return store.all(
    store.db
      .selectFrom('beneficiary as b')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .select(['b.id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'b.rch_id', 'b.sex', 'b.dob', 'b.lmp_date', 'b.delivery_date', 'h.awc_code', 'h.village', 'h.head_name_en', 'h.mobile'])
      .where('b.status', '=', 'active')
      .where('b.exit_reason', 'is', null)
      .where('h.status', '=', 'active')
      .where('b.created_at', '<', dayAfter(query.to))
      .where((eb) => eb.or([eb('b.dob', '>', bornAfter), eb('b.lmp_date', 'is not', null), eb('b.delivery_date', 'is not', null)]))
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!)),
  );
}

/** Services on record up to `on` for the people of scheduledPeople (same filter), for the schedule. */
export function scheduledServices({ store }: OfficeData, query: ReportQuery, bornAfter: string) {
  return store.all(
    store.db
      .selectFrom('service as s')
      .innerJoin('beneficiary as b', 'b.id', 's.beneficiary_id')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .select(['s.beneficiary_id', 's.service', 's.given_on as givenOn'])
      .where('s.voided', '=', 0)
      .where('s.given_on', '<=', query.to)
      .where((eb) => eb.or([eb('b.dob', '>', bornAfter), eb('b.lmp_date', 'is not', null), eb('b.delivery_date', 'is not', null)]))
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!)),
  );
}

/** Children of school age (born between the two dates) with the household's latest trip and its destination. */
export function schoolAgeChildren({ store }: OfficeData, query: ReportQuery, bornFrom: string, bornTo: string) {
  return store.all(
    store.db
      .with('latest', (db) =>
        db
          .selectFrom('migration as m')
          .select(['m.id', 'm.household_id', 'm.departure_date', 'm.expected_return', 'm.destination_state', 'm.destination_district_lgd', 'm.destination_block', 'm.destination_place', 'm.work_sector', 'm.staying_home'])
          .select(sql<number>`row_number() OVER (PARTITION BY m.household_id ORDER BY m.departure_date DESC, m.created_at DESC, m.id DESC)`.as('rn')),
      )
      .selectFrom('beneficiary as b')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .innerJoin('latest as l', (join) => join.onRef('l.household_id', '=', 'h.id').on('l.rn', '=', 1))
      .select(['b.id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'b.sex', 'b.dob', 'h.awc_code', 'h.village', 'h.head_name_en', 'h.mobile'])
      .select(['l.departure_date', 'l.expected_return', 'l.destination_state', 'l.destination_district_lgd', 'l.destination_block', 'l.destination_place', 'l.work_sector', 'l.staying_home'])
      .where('b.status', '=', 'active')
      .where('b.exit_reason', 'is', null)
      .where('h.status', '=', 'active')
      .where('b.dob', '>', bornFrom)
      .where('b.dob', '<=', bornTo)
      .where('l.departure_date', '<=', query.to)
      .where((eb) => eb.or([eb('l.expected_return', 'is', null), eb('l.expected_return', '>=', query.from)]))
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!))
      .orderBy('l.destination_state')
      .orderBy('l.destination_district_lgd')
      .orderBy('h.village')
      .orderBy('b.dob'),
  );
}

/** Heads of households holding an MGNREGA job card, with their latest trip's expected return. */
export function jobCardHolders({ store }: OfficeData, query: ReportQuery) {
  return store.all(
    store.db
      .with('latest', (db) =>
        db
          .selectFrom('migration as m')
          .select(['m.household_id', 'm.departure_date', 'm.expected_return', 'm.destination_state', 'm.destination_district_lgd', 'm.work_sector'])
          .select(sql<number>`row_number() OVER (PARTITION BY m.household_id ORDER BY m.departure_date DESC, m.created_at DESC, m.id DESC)`.as('rn')),
      )
      .selectFrom('household as h')
      .leftJoin('latest as l', (join) => join.onRef('l.household_id', '=', 'h.id').on('l.rn', '=', 1))
      .select(['h.id', 'h.head_name_mr', 'h.head_name_en', 'h.job_card', 'h.village', 'h.awc_code', 'h.mobile'])
      .select(['l.departure_date', 'l.expected_return', 'l.destination_state', 'l.destination_district_lgd', 'l.work_sector'])
      .where('h.status', '=', 'active')
      .where('h.job_card', 'is not', null)
      .where('h.job_card', '!=', '')
      .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!))
      .orderBy('l.expected_return')
      .orderBy('h.village')
      .orderBy('h.head_name_en'),
  );
}

/**
 * Registrations of the period counted in SQL per AWC and category (the registry's rule as categorySql), and
 * households per AWC. One pass over the covering index beneficiary_report.
 */
export function registrationCounts({ store }: OfficeData, query: ReportQuery) {
  const t = categoryThresholds(query.to);
  // Anganwadi → household → person inside the covering indexes of migration 0015, in one pass.
  const people = store.db
    .selectFrom('household as h')
    .crossJoin('beneficiary as b')
    .whereRef('b.household_id', '=', 'h.id')
    .select(['h.awc_code', 'b.household_id'])
    .select(categorySql(t).as('category'))
    .where('b.status', '=', 'active')
    .where('h.status', '=', 'active')
    .where('b.created_at', '>=', query.from)
    .where('b.created_at', '<', dayAfter(query.to))
    .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!));
  // Two grouped reads of the same index pass: one query summing per category would compute the category once
  // per category column.
  const byCategory = store.all(people.select((eb) => eb.fn.countAll<number>().as('people')).groupBy(['h.awc_code', 'category']));
  const households = store.all(
    store.db
      .selectFrom(people.as('p'))
      .select('p.awc_code')
      .select(sql<number>`count(DISTINCT p.household_id)`.as('households'))
      .groupBy('p.awc_code'),
  );
  return { byCategory, households };
}

/**
 * Per AWC, for the services report as on `query.to`: people on the register who may be scheduled (born after
 * `bornAfter`, or with a pregnancy or delivery on record, born by the report day), and of them the pregnant and
 * those eligible for take-home ration (children 0–3 from `thrBornBy`, pregnant and lactating women).
 */
export function serviceEligibility({ store }: OfficeData, query: ReportQuery, bornAfter: string, thrBornBy: string) {
  const t = categoryThresholds(query.to);
  return store.all(
    store.db
      .selectFrom((db) =>
        db
          .selectFrom('household as h')
          .crossJoin('beneficiary as b')
          .whereRef('b.household_id', '=', 'h.id')
          .select(['h.awc_code', 'b.dob'])
          .select(categorySql(t).as('category'))
          .where('b.status', '=', 'active')
          .where('h.status', '=', 'active')
          .where('b.created_at', '<', dayAfter(query.to))
          .where('b.dob', '<=', query.to)
          .where((eb) => eb.or([eb('b.dob', '>', bornAfter), eb('b.lmp_date', 'is not', null), eb('b.delivery_date', 'is not', null)]))
          .$if(query.awcCode !== null, (q) => q.where('h.awc_code', '=', query.awcCode!))
          .as('p'),
      )
      .select('p.awc_code')
      .select(sql<number>`sum(p.category = 'pregnant')`.as('pregnant'))
      .select(
        sql<number>`sum(p.category IN ('pregnant', 'lactating') OR (p.category = 'child-0-3' AND p.dob <= ${thrBornBy}))`.as('thr_eligible'),
      )
      .groupBy('p.awc_code'),
  );
}
