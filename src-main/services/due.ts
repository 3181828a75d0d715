import { displayDateOrText } from '../common/dates.ts';
import { formatCsvField } from '../common/csv.ts';
import { Problem } from '../common/problem.ts';
import { migrationList } from '../migration/index.ts';
import type { OfficeData } from '../office/service.ts';
import { beneficiaryCategory } from '../registry/index.ts';
import {
  codeForScheduleKey,
  givenForSchedule,
  JE_ENDEMIC_LGD_CODES,
  servicesDue,
  type RecordedService,
  type ScheduleOptions,
  type ScheduleSubject,
  type ServiceDue,
} from '../schedule/index.ts';
import type { DueItem, DueList, DueListPerson } from './types.ts';
import { localToday } from './dates.ts';

/** The setting that lists the districts (LGD codes) where JE vaccine is given; a JSON array of numbers. */
export const JE_DISTRICTS_SETTING = 'schedule.je_districts';

/** Used when the setting was never written: the schedule's list of Maharashtra's JE districts. */
const DEFAULT_JE_DISTRICTS: readonly number[] = JE_ENDEMIC_LGD_CODES;

/** What the schedule needs beyond the person. */
export type DueOptions = Pick<ScheduleOptions, 'jeEndemic'>;

export function jeDistricts(data: OfficeData): number[] {
  const row = data.store.first(data.store.db.selectFrom('setting').select('value').where('key', '=', JE_DISTRICTS_SETTING));
  if (!row) return [...DEFAULT_JE_DISTRICTS];
  try {
    const list: unknown = JSON.parse(row.value);
    if (Array.isArray(list) && list.every((n) => Number.isInteger(n))) return list as number[];
  } catch {
    // A damaged setting falls back to the default list rather than hiding JE everywhere.
  }
  return [...DEFAULT_JE_DISTRICTS];
}

export function setJeDistricts(data: OfficeData, actor: { operatorId: string | null }, districts: readonly number[]): void {
  const value = JSON.stringify([...new Set(districts)].sort((a, b) => a - b));
  data.writer.write(actor, (batch) => {
    const exists = data.store.first(data.store.db.selectFrom('setting').select('key').where('key', '=', JE_DISTRICTS_SETTING));
    if (exists) batch.update('setting', JE_DISTRICTS_SETTING, { value });
    else batch.insert('setting', { key: JE_DISTRICTS_SETTING, value });
  });
}

/**
 * The office's schedule options. JE follows the office's district: a family served here is served by this
 * district's programme, wherever its home is.
 */
export function dueOptions(data: OfficeData): DueOptions {
  const office = data.store.first(data.store.db.selectFrom('office').select('district_lgd'));
  return { jeEndemic: office ? jeDistricts(data).includes(office.district_lgd) : false };
}

export interface PersonFacts {
  sex: 'f' | 'm' | 'o';
  dob: string;
  lmp_date: string | null;
  delivery_date: string | null;
}

export function subjectOf(p: PersonFacts): ScheduleSubject {
  return { sex: p.sex.toUpperCase() as 'F' | 'M' | 'O', dateOfBirth: p.dob, lmp: p.lmp_date, deliveryDate: p.delivery_date };
}

function item(s: ServiceDue): DueItem {
  const { code, dose } = codeForScheduleKey(s.key);
  return {
    service: code,
    dose,
    key: s.key,
    label: s.label,
    status: s.status,
    dueFrom: s.dueDate,
    dueBy: s.dueUntil,
    lastDate: s.lastDate,
    overdue: s.status === 'overdue',
    givenOn: s.givenOn,
    recurring: s.recurring,
  };
}

export type DueInclude = 'actionable' | 'all';

/** The schedule rows of one person, from the services on record (voided ones never count). */
export function scheduleOf(person: PersonFacts, records: readonly RecordedService[], on: string, options: DueOptions): ServiceDue[] {
  return servicesDue(subjectOf(person), givenForSchedule(records, person.lmp_date), on, options);
}

/**
 * The schedule of one person from the services on record: overdue then due (actionable), or every row.
 * Pure: callers load the records.
 */
export function dueItems(person: PersonFacts, records: readonly RecordedService[], on: string, options: DueOptions, include: DueInclude = 'actionable'): DueItem[] {
  const rows = scheduleOf(person, records, on, options).map(item);
  if (include === 'all') return rows;
  return [...rows.filter((r) => r.status === 'overdue'), ...rows.filter((r) => r.status === 'due')];
}

export function dueForBeneficiary(data: OfficeData, beneficiaryId: string, on: string = localToday(), include: DueInclude = 'actionable'): DueItem[] {
  const { store } = data;
  const person = store.first(store.db.selectFrom('beneficiary').select(['sex', 'dob', 'lmp_date', 'delivery_date']).where('id', '=', beneficiaryId));
  if (!person) throw new Problem('not-found', { en: 'No such beneficiary.', mr: 'असा लाभार्थी नाही.' });
  const records = store.all(
    store.db.selectFrom('service').select(['service', 'given_on as givenOn', 'voided']).where('beneficiary_id', '=', beneficiaryId).where('voided', '=', 0),
  );
  return dueItems(person, records, on, dueOptions(data), include);
}

/** The given services of several people at once, for lists and printed sheets (voided ones left out). */
export function liveServicesOf(data: OfficeData, beneficiaryIds: readonly string[]): Map<string, RecordedService[]> {
  const out = new Map<string, RecordedService[]>();
  if (beneficiaryIds.length === 0) return out;
  const { store } = data;
  const rows = store.all(
    store.db
      .selectFrom('service')
      .select(['beneficiary_id', 'service', 'given_on as givenOn'])
      .where('beneficiary_id', 'in', beneficiaryIds as string[])
      .where('voided', '=', 0),
  );
  for (const r of rows) {
    const list = out.get(r.beneficiary_id) ?? [];
    list.push(r);
    out.set(r.beneficiary_id, list);
  }
  return out;
}

export interface DueListFilter {
  awcCode?: string | null;
  householdId?: string | null;
  on?: string;
  /** Only immunisation, vitamin A and ANC (leave out the monthly entitlements). */
  dosesOnly?: boolean;
}

/** Doses, vitamin A and ANC visits: everything but the recurring entitlements. */
const IS_DOSE = /^(?!THR$|HCM$|IFA$|CALCIUM$|DEWORMING$)/;

/**
 * Families from elsewhere whose arrival this office confirmed with this Anganwadi: it serves the members who
 * travelled with them until they move on or go home (those who stayed home stay on their home AWC's list).
 */
function visitingFamilies(data: OfficeData, awcCode: string, on: string): { households: string[]; stayingHome: Set<string> } {
  const present = migrationList(data, 'present', { awcCode, today: on }).households;
  const stayingHome = new Set<string>();
  const trips = present.map((row) => row.tripId);
  if (trips.length > 0) {
    for (const trip of data.store.all(data.store.db.selectFrom('migration').select('staying_home').where('id', 'in', trips))) {
      for (const id of JSON.parse(trip.staying_home) as string[]) stayingHome.add(id);
    }
  }
  return { households: present.map((row) => row.householdId), stayingHome };
}

/**
 * Who needs what, per Anganwadi or per household: one query for the people, one for their services, the
 * schedule computed here. People deactivated or who left the household are not listed. An Anganwadi's list
 * also holds the migrant families placed with it at this block (see visitingFamilies).
 */
export function dueList(data: OfficeData, filter: DueListFilter): DueList {
  const on = filter.on ?? localToday();
  const awcCode = filter.awcCode ?? null;
  const householdId = filter.householdId ?? null;
  if (!awcCode && !householdId) {
    throw new Problem('invalid-input', { en: 'Choose an Anganwadi centre or a household.', mr: 'अंगणवाडी केंद्र किंवा कुटुंब निवडा.' }, [
      { field: 'awcCode', message: { en: 'Choose an Anganwadi centre or a household.', mr: 'अंगणवाडी केंद्र किंवा कुटुंब निवडा.' } },
    ]);
  }
  const { store } = data;
  let people = store.db
    .selectFrom('beneficiary as b')
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .select([
      'b.id',
      'b.mts_id',
      'b.name_mr',
      'b.name_en',
      'b.sex',
      'b.dob',
      'b.lmp_date',
      'b.delivery_date',
      'b.household_id',
      'h.head_name_mr',
      'h.head_name_en',
      'h.awc_code',
      'h.village',
    ])
    .where('b.status', '=', 'active')
    .where('b.exit_reason', 'is', null)
    .orderBy('h.village')
    .orderBy('h.head_name_en')
    .orderBy('b.dob');
  let services = store.db
    .selectFrom('service as s')
    .innerJoin('beneficiary as b', 'b.id', 's.beneficiary_id')
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .select(['s.beneficiary_id', 's.service', 's.given_on as givenOn'])
    .where('s.voided', '=', 0);
  const visiting = awcCode ? visitingFamilies(data, awcCode, on) : { households: [], stayingHome: new Set<string>() };
  if (awcCode) {
    const here = visiting.households;
    people = people.where((eb) => (here.length > 0 ? eb.or([eb('h.awc_code', '=', awcCode), eb('h.id', 'in', here)]) : eb('h.awc_code', '=', awcCode)));
    services = services.where((eb) => (here.length > 0 ? eb.or([eb('h.awc_code', '=', awcCode), eb('h.id', 'in', here)]) : eb('h.awc_code', '=', awcCode)));
  }
  const visitingHouseholds = new Set(visiting.households);
  if (householdId) {
    people = people.where('h.id', '=', householdId);
    services = services.where('h.id', '=', householdId);
  }
  const byPerson = new Map<string, RecordedService[]>();
  for (const r of store.all(services)) {
    const list = byPerson.get(r.beneficiary_id) ?? [];
    list.push(r);
    byPerson.set(r.beneficiary_id, list);
  }
  const options = dueOptions(data);
  const out: DueListPerson[] = [];
  let due = 0;
  let overdue = 0;
  for (const p of store.all(people)) {
    const visitor = awcCode !== null && p.awc_code !== awcCode && visitingHouseholds.has(p.household_id);
    if (visitor && visiting.stayingHome.has(p.id)) continue;
    let items = dueItems(p, byPerson.get(p.id) ?? [], on, options);
    if (filter.dosesOnly) items = items.filter((i) => IS_DOSE.test(i.service));
    if (items.length === 0) continue;
    for (const i of items) i.overdue ? overdue++ : due++;
    out.push({
      beneficiaryId: p.id,
      mtsId: p.mts_id,
      nameMr: p.name_mr,
      nameEn: p.name_en,
      sex: p.sex,
      dob: p.dob,
      category: beneficiaryCategory({ sex: p.sex, dob: p.dob, lmpDate: p.lmp_date, deliveryDate: p.delivery_date }, on),
      householdId: p.household_id,
      headNameMr: p.head_name_mr,
      headNameEn: p.head_name_en,
      awcCode: p.awc_code,
      village: p.village,
      visiting: visitor,
      due: items,
    });
  }
  return { on, awcCode, householdId, people: out, counts: { people: out.length, due, overdue } };
}

const CSV_COLUMNS = ['awc_code', 'village', 'head_of_household', 'mts_id', 'name_mr', 'name_en', 'sex', 'date_of_birth', 'service', 'dose', 'label_mr', 'label_en', 'status', 'due_from', 'due_by', 'last_date'];

/** One row per service due, for a spreadsheet; cells that could start a formula are made plain text. */
export function dueListCsv(list: DueList): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of list.people) {
    for (const d of p.due) {
      const cells = [p.awcCode, p.village, p.headNameEn, p.mtsId, p.nameMr, p.nameEn, p.sex, displayDateOrText(p.dob), d.service, d.dose, d.label.mr, d.label.en, d.status, displayDateOrText(d.dueFrom), displayDateOrText(d.dueBy), displayDateOrText(d.lastDate)];
      lines.push(cells.map((c) => formatCsvField(c)).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
