// Nutrition per Anganwadi: each child's latest measurement in the period, classified by the nutrition
// engine (WHO z-scores, ICDS statuses) exactly as the beneficiary page shows it — statuses are computed,
// never stored, so a report can never disagree with the child's page. The trend counts, for each month, the
// latest measurement of each child measured that month.
import { assessNutrition } from '../nutrition/index.ts';
import { toDayNumber } from '../common/calendar.ts';
import { completedYearsCutoff } from './category-sql.ts';
import { awcCells, COLUMN, finish, numberColumn, totalsOf, type ReportContext } from './context.ts';
import { monthLabel, monthsOf } from './period.ts';
import { periodMeasurements } from './store.ts';
import type { Report, ReportColumn, ReportRow } from './types.ts';

/** ICDS growth monitoring is for children under 6. */
const CHILD_YEARS = 6;

export const NUTRITION_COUNTS = ['sam', 'mam', 'suw', 'muw', 'stunted'] as const;
type NutritionCount = (typeof NUTRITION_COUNTS)[number];

const LABELS: Record<NutritionCount | 'measured', { mr: string; en: string }> = {
  measured: { mr: 'मोजलेली बालके', en: 'Children measured' },
  sam: { mr: 'अतितीव्र कुपोषित (SAM)', en: 'SAM' },
  mam: { mr: 'मध्यम तीव्र कुपोषित (MAM)', en: 'MAM' },
  suw: { mr: 'तीव्र कमी वजन (SUW)', en: 'Severely underweight (SUW)' },
  muw: { mr: 'मध्यम कमी वजन (MUW)', en: 'Moderately underweight (MUW)' },
  stunted: { mr: 'बुटकी (मध्यम + तीव्र)', en: 'Stunted (moderate + severe)' },
};

type Reading = ReturnType<typeof periodMeasurements>[number];

/**
 * Day arithmetic for one report: a few thousand distinct dates over tens of thousands of readings, each
 * parsed once. `isChild` is ageInYears(dob, on) < 6 as an ISO string comparison (see category-sql.ts).
 */
export class ReadingDays {
  private readonly days = new Map<string, number>();
  private readonly sixthBirthdayCutoff = new Map<string, string>();

  dayNumber(iso: string): number {
    let day = this.days.get(iso);
    if (day === undefined) this.days.set(iso, (day = toDayNumber(iso)));
    return day;
  }

  isChild(dob: string, on: string): boolean {
    let cutoff = this.sixthBirthdayCutoff.get(on);
    if (cutoff === undefined) this.sixthBirthdayCutoff.set(on, (cutoff = completedYearsCutoff(on, CHILD_YEARS)));
    return dob > cutoff;
  }
}

/** Which of the report's counts one reading falls in; null when the child is not a child or cannot be assessed. */
export function classify(reading: Reading, days: ReadingDays = new ReadingDays()): Set<NutritionCount> | null {
  if (reading.sex === 'o' || !days.isChild(reading.dob, reading.measured_on)) return null;
  const ageDays = days.dayNumber(reading.measured_on) - days.dayNumber(reading.dob);
  if (ageDays < 0) return null;
  const { statuses } = assessNutrition({
    sex: reading.sex,
    ageDays,
    weightKg: reading.weight_kg,
    lengthHeightCm: reading.length_cm,
    measure: reading.measure,
    oedema: reading.oedema === 1,
    muacMm: reading.muac_mm,
  });
  const found = new Set<NutritionCount>();
  if (statuses.wasting?.code === 'sam') found.add('sam');
  if (statuses.wasting?.code === 'mam') found.add('mam');
  if (statuses.wfa?.code === 'suw') found.add('suw');
  if (statuses.wfa?.code === 'muw') found.add('muw');
  if (statuses.stunting?.code === 'moderate' || statuses.stunting?.code === 'severe') found.add('stunted');
  return found;
}

export function nutritionReport(context: ReportContext): Report {
  const months = monthsOf(context.query);
  const perAwc = new Map<string, ReportRow>();
  const trend = new Map((['measured', ...NUTRITION_COUNTS] as const).map((key) => [key, months.map(() => 0)] as const));
  let child: string | null = null;
  let monthsSeen = new Set<string>();
  const days = new ReadingDays();
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  // Rows come newest first per child: the first row of a child is its latest in the period, the first of
  // each month its latest that month.
  for (const reading of periodMeasurements(context.data, context.query)) {
    const firstOfChild = reading.beneficiary_id !== child;
    if (firstOfChild) {
      child = reading.beneficiary_id;
      monthsSeen = new Set();
    }
    const month = reading.measured_on.slice(0, 7);
    const firstOfMonth = !monthsSeen.has(month);
    if (!firstOfChild && !firstOfMonth) continue;
    monthsSeen.add(month);
    const counts = classify(reading, days);
    if (counts === null) continue;
    if (firstOfMonth) {
      const index = monthIndex.get(month)!;
      trend.get('measured')![index]! += 1;
      for (const key of counts) trend.get(key)![index]! += 1;
    }
    if (firstOfChild) {
      let row = perAwc.get(reading.awc_code);
      if (!row) {
        row = { ...awcCells(context, reading.awc_code), measured: 0, sam: 0, mam: 0, suw: 0, muw: 0, stunted: 0 };
        perAwc.set(reading.awc_code, row);
      }
      row.measured = Number(row.measured) + 1;
      for (const key of counts) row[key] = Number(row[key]) + 1;
    }
  }
  const columns: ReportColumn[] = [
    COLUMN.awcCode,
    COLUMN.awcName,
    numberColumn('measured', LABELS.measured.mr, LABELS.measured.en, 14),
    ...NUTRITION_COUNTS.map((key) => numberColumn(key, LABELS[key].mr, LABELS[key].en, 14)),
  ];
  const rows = [...perAwc.values()].sort((a, b) => String(a.awc_code).localeCompare(String(b.awc_code)));
  return finish(context, {
    name: 'nutrition',
    title: { mr: 'अंगणवाडीनिहाय पोषण स्थिती', en: 'Nutrition status per Anganwadi' },
    note: {
      mr: 'प्रत्येक ६ वर्षांखालील बालकाचे कालावधीतील शेवटचे मोजमाप (WHO मानके); कल: प्रत्येक महिन्यातील शेवटचे मोजमाप.',
      en: "Each child under 6: latest measurement in the period (WHO standards); trend: each child's latest measurement of each month.",
    },
    columns,
    rows,
    totals: totalsOf(columns, rows),
    chart: {
      type: 'line',
      stacked: false,
      labels: months.map(monthLabel),
      series: NUTRITION_COUNTS.map((key) => ({ label: LABELS[key], data: trend.get(key)! })),
    },
  });
}
