import type { ExpressionBuilder } from 'kysely';
import type { OfficeData } from '../office/service.ts';
import type { Schema } from '../store/schema.ts';
import { latestTripStatusSql } from '../migration/index.ts';
import { addOffset } from '../schedule/index.ts';
import type { CardPreview, CardSelection, SelectedCardRow } from './types.ts';

/** One job holds at most this many cards (500 A4 pages): a bigger print is split by AWC or dates. */
export const MAX_CARDS_PER_JOB = 5_000;
const PREVIEW_ROWS = 25;

export const EMPTY_SELECTION: CardSelection = {
  notPrinted: false,
  awcCode: null,
  registeredFrom: null,
  registeredTo: null,
  migrationStatus: null,
  destinationDistrictLgd: null,
  beneficiaryIds: null,
};

/**
 * Start of a day in India as the UTC timestamp `created_at` is stored in: a record created at 02:00 IST
 * belongs to that Indian day, not the previous UTC day.
 */
function indianDayStart(iso: string): string {
  return new Date(`${iso}T00:00:00+05:30`).toISOString();
}

type Scope = ExpressionBuilder<Schema & { b: Schema['beneficiary']; h: Schema['household'] }, 'b' | 'h'>;

function everPrinted(eb: Scope) {
  return eb.exists(eb.selectFrom('card_print as cp').select('cp.id').whereRef('cp.beneficiary_id', '=', 'b.id'));
}

/** Active beneficiaries of active households that match every filter set in `selection`, not yet ordered. */
function selected(data: OfficeData, selection: CardSelection) {
  const { db } = data.store;
  let query = db
    .selectFrom('beneficiary as b')
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .where('b.status', '=', 'active')
    .where('h.status', '=', 'active');
  if (selection.notPrinted) query = query.where((eb) => eb.not(everPrinted(eb)));
  if (selection.awcCode) query = query.where('h.awc_code', '=', selection.awcCode);
  if (selection.registeredFrom) query = query.where('b.created_at', '>=', indianDayStart(selection.registeredFrom));
  if (selection.registeredTo) query = query.where('b.created_at', '<', indianDayStart(addOffset(selection.registeredTo, { days: 1 })));
  const { migrationStatus, destinationDistrictLgd } = selection;
  if (migrationStatus !== null) {
    // The status rebuilt from the latest trip's events (a family back from last season is not "departed");
    // a family that moved on from where it arrived is still away at a destination.
    const statuses = migrationStatus === 'arrived' ? ['arrived', 'moved'] : [migrationStatus === 'not_found' ? 'not-found' : migrationStatus];
    query = query.where(latestTripStatusSql('h.id'), 'in', statuses);
  }
  if (destinationDistrictLgd !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('migration as m')
          .select('m.id')
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.id', '=', (inner) =>
            inner
              .selectFrom('migration as latest')
              .select('latest.id')
              .whereRef('latest.household_id', '=', 'h.id')
              .orderBy('latest.departure_date', 'desc')
              .orderBy('latest.created_at', 'desc')
              .limit(1),
          )
          .where('m.destination_district_lgd', '=', destinationDistrictLgd),
      ),
    );
  }
  if (selection.beneficiaryIds !== null) {
    const ids = selection.beneficiaryIds;
    query = ids.length === 0 ? query.where((eb) => eb.val(0), '=', 1) : query.where('b.id', 'in', ids);
  }
  return query;
}

/** Print order: by AWC, then household, then age, so a cut sheet goes to one Anganwadi in family bundles. */
function ordered(data: OfficeData, selection: CardSelection) {
  return selected(data, selection)
    .orderBy('h.awc_code')
    .orderBy('h.head_name_en')
    .orderBy('h.id')
    .orderBy('b.dob')
    .orderBy('b.id');
}

export function previewCards(data: OfficeData, selection: CardSelection): CardPreview {
  const { store } = data;
  const totals = store.first(
    selected(data, selection).select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>(eb.case().when(everPrinted(eb)).then(1).else(0).end()).as('reprints'),
    ]),
  );
  const rows: SelectedCardRow[] = store
    .all(
      ordered(data, selection)
        .select((eb) => [
          'b.id',
          'b.household_id',
          'b.mts_id',
          'b.name_mr',
          'b.name_en',
          'h.awc_code',
          eb.selectFrom('card_print as cp').select((c) => c.fn.countAll<number>().as('n')).whereRef('cp.beneficiary_id', '=', 'b.id').as('printed'),
        ])
        .limit(PREVIEW_ROWS),
    )
    .map((row) => ({
      beneficiaryId: row.id,
      householdId: row.household_id,
      mtsId: row.mts_id,
      nameMr: row.name_mr,
      nameEn: row.name_en,
      awcCode: row.awc_code,
      printedBefore: Number(row.printed ?? 0),
    }));
  return { count: Number(totals?.count ?? 0), reprints: Number(totals?.reprints ?? 0), maxPerJob: MAX_CARDS_PER_JOB, rows };
}

/** The beneficiary ids of a selection in print order, and how many of them were printed before. */
export function selectCardIds(data: OfficeData, selection: CardSelection): { ids: string[]; reprints: number } {
  const rows = data.store.all(ordered(data, selection).select((eb) => ['b.id', everPrinted(eb).as('printed')]));
  return { ids: rows.map((r) => r.id), reprints: rows.filter((r) => Number(r.printed) === 1).length };
}

/** Earlier prints per beneficiary (absent = never printed). */
export function printCounts(data: OfficeData, beneficiaryIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const { store } = data;
  for (let i = 0; i < beneficiaryIds.length; i += 500) {
    const chunk = beneficiaryIds.slice(i, i + 500);
    const rows = store.all(
      store.db
        .selectFrom('card_print')
        .select((eb) => ['beneficiary_id', eb.fn.countAll<number>().as('n')])
        .where('beneficiary_id', 'in', chunk)
        .groupBy('beneficiary_id'),
    );
    for (const row of rows) counts.set(row.beneficiary_id, Number(row.n));
  }
  return counts;
}
