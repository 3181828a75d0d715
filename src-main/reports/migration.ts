// Migration reports, from the append-only trip events (src-main/migration): who left in the period and for
// where (efflux), who arrived in this block from elsewhere (influx), who came home, who is overdue to arrive
// as of the period's last day, and who was not found at the destination.
import { readOverdueDays } from '../migration/index.ts';
import { daysBetween } from '../common/calendar.ts';
import {
  awcCells,
  both,
  COLUMN,
  districtLabel,
  finish,
  numberColumn,
  sectorName,
  stateLabel,
  totalsOf,
  type ReportContext,
} from './context.ts';
import { monthLabel, monthsOf } from './period.ts';
import { periodEvents, tripsAsOf } from './store.ts';
import type { Bilingual, Report, ReportColumn, ReportRow } from './types.ts';

const FAMILIES = numberColumn('families', 'कुटुंबे', 'Families');
const TRAVELLING = numberColumn('people', 'स्थलांतरित लाभार्थी', 'Beneficiaries travelling', 14);

function travelling(members: number | null, stayingHome: string): number {
  let home = 0;
  try {
    const ids: unknown = JSON.parse(stayingHome);
    if (Array.isArray(ids)) home = ids.length;
  } catch {
    // A damaged list counts nobody as staying home.
  }
  return Math.max(0, Number(members ?? 0) - home);
}

/** Adds one to the cell of a grouped row, making the row the first time its key is seen. */
function bump(rows: Map<string, ReportRow>, key: string, make: () => ReportRow, add: Record<string, number>): void {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = make()));
  for (const [column, n] of Object.entries(add)) row[column] = Number(row[column] ?? 0) + n;
}

export function effluxReport(context: ReportContext): Report {
  const events = periodEvents(context.data, context.query, 'departed', { officeCode: context.office.code, side: 'home' });
  const months = monthsOf(context.query);
  const rows = new Map<string, ReportRow>();
  const bySector = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const e of events) {
    // A trip departed twice (a flagged sequence) counts once.
    if (seen.has(e.migration_id)) continue;
    seen.add(e.migration_id);
    const month = e.event_date.slice(0, 7);
    const key = [e.destination_state, e.destination_district_lgd, e.work_sector, month].join('|');
    bump(
      rows,
      key,
      () => ({
        destination_state: both(stateLabel(e.destination_state)),
        destination_district: both(districtLabel(e.destination_district_lgd)),
        sector: both(sectorName(e.work_sector)),
        month: `${month}-01`,
      }),
      { families: 1, people: travelling(e.members, e.staying_home) },
    );
    const series = bySector.get(e.work_sector) ?? months.map(() => 0);
    const index = months.indexOf(month);
    if (index >= 0) series[index]! += 1;
    bySector.set(e.work_sector, series);
  }
  const columns: ReportColumn[] = [
    { key: 'destination_state', label: { mr: 'गंतव्य राज्य', en: 'Destination state' }, kind: 'text', width: 22 },
    { key: 'destination_district', label: { mr: 'गंतव्य जिल्हा', en: 'Destination district' }, kind: 'text', width: 24 },
    { key: 'sector', label: { mr: 'कामाचे क्षेत्र', en: 'Work sector' }, kind: 'text', width: 24 },
    COLUMN.month,
    FAMILIES,
    TRAVELLING,
  ];
  const sorted = [...rows.values()].sort(
    (a, b) => String(a.month).localeCompare(String(b.month)) || String(a.destination_state).localeCompare(String(b.destination_state)) || String(a.destination_district).localeCompare(String(b.destination_district)) || String(a.sector).localeCompare(String(b.sector)),
  );
  return finish(context, {
    name: 'efflux',
    title: { mr: 'स्थलांतर: गेलेली कुटुंबे', en: 'Migration efflux: families who departed' },
    note: {
      mr: 'कालावधीत निघालेली या कार्यालयाची कुटुंबे, गंतव्य, कामाचे क्षेत्र व महिन्यानुसार.',
      en: "This office's families who departed in the period, by destination, work sector and month.",
    },
    columns,
    rows: sorted,
    totals: totalsOf(columns, sorted),
    chart: {
      type: 'bar',
      stacked: true,
      labels: months.map(monthLabel),
      series: [...bySector.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sector, data]) => ({ label: sectorName(sector), data })),
    },
  });
}

function homeOfficeLabel(context: ReportContext, code: string | null): Bilingual {
  if (!code) return { mr: 'माहीत नाही', en: 'Not known' };
  const office = context.data.store.first(context.data.store.db.selectFrom('office').select(['name_mr', 'name_en', 'district_lgd']).where('code', '=', code));
  if (!office) return { mr: `कार्यालय ${code}`, en: `Office ${code}` };
  const district = districtLabel(office.district_lgd);
  return { mr: `${district.mr} (${office.name_mr})`, en: `${district.en} (${office.name_en})` };
}

export function influxReport(context: ReportContext): Report {
  const events = periodEvents(context.data, context.query, 'arrived', { officeCode: context.office.code, side: 'destination' });
  const rows = new Map<string, ReportRow>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.migration_id)) continue;
    seen.add(e.migration_id);
    const owner = e.owner_office ?? '';
    bump(rows, owner, () => ({ home_office: owner, home: both(homeOfficeLabel(context, e.owner_office)) }), {
      families: 1,
      people: travelling(e.members, e.staying_home),
    });
  }
  const columns: ReportColumn[] = [
    { key: 'home_office', label: { mr: 'मूळ कार्यालय कोड', en: 'Home office code' }, kind: 'text', width: 14 },
    { key: 'home', label: { mr: 'मूळ जिल्हा (प्रकल्प कार्यालय)', en: 'Home district (project office)' }, kind: 'text', width: 40 },
    FAMILIES,
    TRAVELLING,
  ];
  const sorted = [...rows.values()].sort((a, b) => Number(b.families) - Number(a.families) || String(a.home_office).localeCompare(String(b.home_office)));
  return finish(context, {
    name: 'influx',
    title: { mr: 'स्थलांतर: आपल्या प्रकल्पात आलेली कुटुंबे', en: 'Migration influx: families who arrived in this block' },
    note: {
      mr: 'इतर प्रकल्प कार्यालयांची कुटुंबे ज्यांचे आगमन या कार्यालयाने कालावधीत नोंदवले, मूळ जिल्ह्यानुसार.',
      en: "Other offices' families whose arrival this office recorded in the period, by home district.",
    },
    columns,
    rows: sorted,
    totals: totalsOf(columns, sorted),
    chart: {
      type: 'bar',
      stacked: false,
      labels: sorted.map((row) => ({ mr: String(row.home), en: String(row.home) })),
      series: [{ label: { mr: 'कुटुंबे', en: 'Families' }, data: sorted.map((row) => Number(row.families)) }],
    },
  });
}

export function returnedReport(context: ReportContext): Report {
  const events = periodEvents(context.data, context.query, 'returned', { officeCode: context.office.code, side: 'home' });
  const months = monthsOf(context.query);
  const rows = new Map<string, ReportRow>();
  const perMonth = months.map(() => 0);
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.migration_id)) continue;
    seen.add(e.migration_id);
    const month = e.event_date.slice(0, 7);
    bump(rows, `${e.awc_code}|${month}`, () => ({ ...awcCells(context, e.awc_code), month: `${month}-01` }), {
      families: 1,
      people: travelling(e.members, e.staying_home),
    });
    const index = months.indexOf(month);
    if (index >= 0) perMonth[index]! += 1;
  }
  const columns: ReportColumn[] = [COLUMN.awcCode, COLUMN.awcName, COLUMN.month, FAMILIES, numberColumn('people', 'परतलेले लाभार्थी', 'Beneficiaries returned', 14)];
  const sorted = [...rows.values()].sort((a, b) => String(a.awc_code).localeCompare(String(b.awc_code)) || String(a.month).localeCompare(String(b.month)));
  return finish(context, {
    name: 'returned',
    title: { mr: 'स्थलांतर: परतलेली कुटुंबे', en: 'Migration: families who returned' },
    note: { mr: 'कालावधीत गावी परतलेली कुटुंबे, अंगणवाडी व महिन्यानुसार.', en: 'Families who came home in the period, by Anganwadi and month.' },
    columns,
    rows: sorted,
    totals: totalsOf(columns, sorted),
    chart: { type: 'bar', stacked: false, labels: months.map(monthLabel), series: [{ label: { mr: 'परतलेली कुटुंबे', en: 'Families returned' }, data: perMonth }] },
  });
}

const OVERDUE_BANDS: { upTo: number; label: Bilingual }[] = [
  { upTo: 30, label: { mr: '३० दिवसांपर्यंत', en: 'Up to 30 days' } },
  { upTo: 60, label: { mr: '३१–६० दिवस', en: '31–60 days' } },
  { upTo: Infinity, label: { mr: '६० दिवसांहून अधिक', en: 'Over 60 days' } },
];

export function overdueReport(context: ReportContext): Report {
  const { query } = context;
  const overdueDays = readOverdueDays(context.data);
  const rows = new Map<string, ReportRow>();
  const bands = OVERDUE_BANDS.map(() => 0);
  for (const trip of tripsAsOf(context.data, query.to, context.office.code, query.awcCode)) {
    if (!trip.latest_event) continue;
    const [event, date] = trip.latest_event.split('|') as [string, string];
    if (event !== 'departed') continue;
    const away = daysBetween(date, query.to);
    if (away <= overdueDays) continue;
    bump(rows, trip.awc_code, () => ({ ...awcCells(context, trip.awc_code), longest_days: 0 }), { families: 1 });
    const row = rows.get(trip.awc_code)!;
    row.longest_days = Math.max(Number(row.longest_days), away);
    const late = away - overdueDays;
    bands[OVERDUE_BANDS.findIndex((band) => late <= band.upTo)]! += 1;
  }
  const columns: ReportColumn[] = [
    COLUMN.awcCode,
    COLUMN.awcName,
    numberColumn('families', 'आगमन थकीत कुटुंबे', 'Families overdue to arrive', 16),
    numberColumn('longest_days', 'सर्वाधिक दिवस दूर', 'Longest days away', 14),
  ];
  const sorted = [...rows.values()].sort((a, b) => String(a.awc_code).localeCompare(String(b.awc_code)));
  const totals = totalsOf(columns, sorted);
  totals.longest_days = sorted.reduce((max, row) => Math.max(max, Number(row.longest_days)), 0);
  return finish(context, {
    name: 'overdue',
    title: { mr: 'स्थलांतर: आगमन थकीत', en: 'Migration: overdue to arrive' },
    note: {
      mr: `कालावधीच्या शेवटच्या दिवशी निघून ${overdueDays} दिवसांहून अधिक झाले, पण आगमनाची नोंद नाही.`,
      en: `On the period's last day: departed more than ${overdueDays} days before, no arrival recorded.`,
    },
    columns,
    rows: sorted,
    totals,
    chart: {
      type: 'bar',
      stacked: false,
      labels: OVERDUE_BANDS.map((band) => ({ mr: `मुदतीनंतर ${band.label.mr}`, en: `${band.label.en} late` })),
      series: [{ label: { mr: 'कुटुंबे', en: 'Families' }, data: bands }],
    },
  });
}

export const NOT_FOUND_LABELS: Record<string, Bilingual> = {
  'not-at-worksite': { mr: 'कामाच्या ठिकाणी नाहीत', en: 'Not at the worksite' },
  'moved-unknown': { mr: 'अज्ञात ठिकाणी गेले', en: 'Moved on, place unknown' },
  refused: { mr: 'सेवा नाकारली', en: 'Refused services' },
  other: { mr: 'इतर', en: 'Other' },
};

export function notFoundReport(context: ReportContext): Report {
  const events = periodEvents(context.data, context.query, 'not-found', { officeCode: context.office.code, side: 'home' });
  const rows = new Map<string, ReportRow>();
  const byReason = new Map<string, number>(Object.keys(NOT_FOUND_LABELS).map((reason) => [reason, 0]));
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.migration_id)) continue;
    seen.add(e.migration_id);
    const reason = e.reason && NOT_FOUND_LABELS[e.reason] ? e.reason : 'other';
    bump(rows, `${e.awc_code}|${reason}`, () => ({ ...awcCells(context, e.awc_code), reason: both(NOT_FOUND_LABELS[reason]!) }), { families: 1 });
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const columns: ReportColumn[] = [COLUMN.awcCode, COLUMN.awcName, { key: 'reason', label: { mr: 'कारण', en: 'Reason' }, kind: 'text', width: 34 }, FAMILIES];
  const sorted = [...rows.values()].sort((a, b) => String(a.awc_code).localeCompare(String(b.awc_code)) || String(a.reason).localeCompare(String(b.reason)));
  return finish(context, {
    name: 'not-found',
    title: { mr: 'स्थलांतर: गंतव्यी सापडली नाहीत', en: 'Migration: not found at the destination' },
    note: { mr: 'कालावधीत गंतव्यी न सापडलेली कुटुंबे, कारणानुसार.', en: 'Families reported not found at the destination in the period, by reason.' },
    columns,
    rows: sorted,
    totals: totalsOf(columns, sorted),
    chart: {
      type: 'bar',
      stacked: false,
      labels: [...byReason.keys()].map((reason) => NOT_FOUND_LABELS[reason]!),
      series: [{ label: { mr: 'कुटुंबे', en: 'Families' }, data: [...byReason.values()] }],
    },
  });
}
