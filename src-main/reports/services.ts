// Services coverage per Anganwadi: immunisation doses given in the period and those due or overdue on its
// last day (India's schedule, src-main/schedule, from the services on record), take-home ration and ANC.
import { beneficiaryCategory } from '../registry/category.ts';
import { addDays, daysBetween } from '../common/calendar.ts';
import { givenForSchedule, servicesDue, serviceCodeInfo, type RecordedService } from '../schedule/index.ts';
import { dueOptions, subjectOf } from '../services/index.ts';
import { awcCells, COLUMN, finish, numberColumn, totalsOf, type ReportContext } from './context.ts';
import { displayDate } from './period.ts';
import { scheduledPeople, scheduledServices, serviceEligibility, servicesGiven } from './store.ts';
import type { Report, ReportColumn, ReportRow } from './types.ts';

/**
 * The children's vaccines end at 19 (Td at 16 may be caught up until then); older people are scheduled only
 * for pregnancy, which the query finds by the recorded LMP or delivery.
 */
export const SCHEDULE_YEARS = 19;

export function scheduleCutoff(on: string): string {
  const [y, m, d] = on.split('-') as [string, string, string];
  return `${Number(y) - SCHEDULE_YEARS}-${m}-${d}`;
}

export interface ScheduledPerson {
  id: string;
  mts_id: string;
  name_mr: string;
  name_en: string;
  rch_id: string | null;
  sex: 'f' | 'm' | 'o';
  dob: string;
  lmp_date: string | null;
  delivery_date: string | null;
  awc_code: string;
  village: string;
  head_name_en: string;
  mobile: string | null;
}

export type ScheduleRows = ReturnType<typeof servicesDue>;

/**
 * Each scheduled person with the vaccine and ANC rows of their schedule on the period's last day. People with
 * the same dates and the same services on record have the same schedule: it is computed once for them (most
 * children of one birthday have no record yet), which keeps an office-wide report quick.
 */
export function scheduleOnLastDay(context: ReportContext, options: { bornAfter?: string } = {}): { person: ScheduledPerson; rows: ScheduleRows }[] {
  const { query } = context;
  const cutoff = options.bornAfter ?? scheduleCutoff(query.to);
  const byPerson = new Map<string, RecordedService[]>();
  for (const record of scheduledServices(context.data, query, cutoff)) {
    const list = byPerson.get(record.beneficiary_id);
    if (list) list.push(record);
    else byPerson.set(record.beneficiary_id, [record]);
  }
  const scheduleOptions = dueOptions(context.data);
  const memo = new Map<string, ScheduleRows>();
  const [y, m, d] = query.to.split('-') as [string, string, string];
  const adultsBornBefore = `${Number(y) - 20}-${m}-${d}`;
  const out: { person: ScheduledPerson; rows: ScheduleRows }[] = [];
  for (const person of scheduledPeople(context.data, query, cutoff)) {
    if (person.dob > query.to) continue;
    const records = byPerson.get(person.id) ?? [];
    // From 20 the date of birth no longer enters the schedule (children's services end), only the pregnancy.
    const birth = person.dob > adultsBornBefore ? person.dob : 'adult';
    const key = `${person.sex}|${birth}|${person.lmp_date}|${person.delivery_date}|${records
      .map((r) => `${r.service}@${r.givenOn}`)
      .sort()
      .join(',')}`;
    let rows = memo.get(key);
    if (!rows) {
      rows = servicesDue(subjectOf(person), givenForSchedule(records, person.lmp_date), query.to, scheduleOptions).filter(
        (row) => row.kind === 'vaccine' || row.kind === 'anc',
      );
      memo.set(key, rows);
    }
    out.push({ person, rows });
  }
  return out;
}

/**
 * The coverage report counts doses due and overdue for children under 3 (the primary series and the first
 * boosters, which is what the monthly immunisation sessions chase) and for pregnant women (Td); the ANM's
 * department list covers every age of the schedule.
 */
export const COVERAGE_CHILD_YEARS = 3;

const THR_FROM_DAYS = 183;

export function servicesReport(context: ReportContext): Report {
  const { query } = context;
  const row = new Map<string, ReportRow>();
  const rowOf = (code: string): ReportRow => {
    let r = row.get(code);
    if (!r) {
      r = { ...awcCells(context, code), doses_given: 0, doses_due: 0, doses_overdue: 0, thr_eligible: 0, thr_people: 0, pregnant: 0, anc_visits: 0, anc_people: 0 };
      row.set(code, r);
    }
    return r;
  };
  const add = (r: ReportRow, key: string, n: number) => (r[key] = Number(r[key]) + n);

  for (const given of servicesGiven(context.data, query)) {
    const r = rowOf(given.awc_code);
    const group = serviceCodeInfo(given.service)?.group;
    if (group === 'vaccine') add(r, 'doses_given', Number(given.records));
    if (given.service === 'THR') add(r, 'thr_people', Number(given.people));
    if (given.service === 'ANC') {
      add(r, 'anc_visits', Number(given.records));
      add(r, 'anc_people', Number(given.people));
    }
  }
  const [y, m, d] = query.to.split('-') as [string, string, string];
  const bornAfter = `${Number(y) - COVERAGE_CHILD_YEARS}-${m}-${d}`;
  if (query.awcCode !== null) {
    // The schedule costs about half a millisecond a person: doses due are counted per Anganwadi (a few hundred
    // people), not for the whole office at once, which would keep a supervisor waiting for a minute.
    for (const { person, rows } of scheduleOnLastDay(context, { bornAfter })) {
      if (person.dob > query.to) continue;
      const r = rowOf(person.awc_code);
      for (const s of rows) {
        if (s.kind !== 'vaccine') continue;
        if (s.status === 'due') add(r, 'doses_due', 1);
        if (s.status === 'overdue') add(r, 'doses_overdue', 1);
      }
      const category = beneficiaryCategory({ sex: person.sex, dob: person.dob, lmpDate: person.lmp_date, deliveryDate: person.delivery_date }, query.to);
      if (category === 'pregnant') add(r, 'pregnant', 1);
      const thrChild = category === 'child-0-3' && daysBetween(person.dob, query.to) >= THR_FROM_DAYS;
      if (thrChild || category === 'pregnant' || category === 'lactating') add(r, 'thr_eligible', 1);
    }
  } else {
    // Office-wide, without schedules: eligibility counted in SQL by the registry's category rule.
    for (const counts of serviceEligibility(context.data, query, bornAfter, addDays(query.to, -THR_FROM_DAYS))) {
      const r = rowOf(counts.awc_code);
      add(r, 'pregnant', Number(counts.pregnant));
      add(r, 'thr_eligible', Number(counts.thr_eligible));
    }
  }
  const columns: ReportColumn[] = [
    COLUMN.awcCode,
    COLUMN.awcName,
    numberColumn('doses_given', 'दिलेल्या लसी', 'Vaccine doses given', 14),
    numberColumn('doses_due', 'देय लसी (० ते ३ वर्षे, गरोदर)', 'Doses due (0–3 years, pregnant)', 14),
    numberColumn('doses_overdue', 'थकीत लसी (० ते ३ वर्षे, गरोदर)', 'Doses overdue (0–3 years, pregnant)', 14),
    numberColumn('thr_eligible', 'THR पात्र', 'Eligible for THR', 12),
    numberColumn('thr_people', 'THR मिळालेले', 'Received THR', 12),
    numberColumn('pregnant', 'गरोदर महिला', 'Pregnant women', 12),
    numberColumn('anc_visits', 'प्रसूतीपूर्व तपासण्या (ANC)', 'ANC visits', 14),
    numberColumn('anc_people', 'ANC झालेल्या गरोदर', 'Pregnant women with ANC', 14),
  ];
  const rows = [...row.values()].sort((a, b) => String(a.awc_code).localeCompare(String(b.awc_code)));
  if (query.awcCode === null) {
    for (const r of rows) r.doses_due = r.doses_overdue = null;
  }
  const totals = totalsOf(columns, rows);
  if (query.awcCode === null) totals.doses_due = totals.doses_overdue = null;
  return finish(context, {
    name: 'services',
    title: { mr: 'सेवांची व्याप्ती: लसीकरण, THR, ANC', en: 'Services coverage: immunisation, THR, ANC' },
    note: {
      mr: `कालावधीत दिलेल्या सेवा; देय व थकीत लसी व पात्रता ${displayDate(query.to)} रोजी.${query.awcCode === null ? ' देय व थकीत लसी पाहण्यासाठी अंगणवाडी निवडा.' : ''}`,
      en: `Services given in the period; doses due and overdue, and eligibility, on ${displayDate(query.to)}.${query.awcCode === null ? ' Choose an Anganwadi to count doses due and overdue.' : ''}`,
    },
    columns,
    rows,
    totals,
    chart: {
      type: 'bar',
      stacked: false,
      labels: columns.slice(2).map((column) => column.label),
      series: [{ label: { mr: 'एकूण', en: 'Total' }, data: columns.slice(2).map((column) => Number(totals[column.key] ?? 0)) }],
    },
  });
}
