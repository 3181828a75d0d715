// Registrations by Anganwadi and beneficiary category. The category is the one each person has on the
// period's last day (a woman registered pregnant in October who delivered in November counts as lactating
// in a report to 30 November), derived by the registry's own rule.
import { CATEGORY_LABELS } from '../registry/category.ts';
import type { BeneficiaryCategory } from '../registry/types.ts';
import { awcCells, COLUMN, finish, numberColumn, totalsOf, type ReportContext } from './context.ts';
import { CATEGORY_ORDER } from './category-sql.ts';
import { registrationCounts } from './store.ts';
import type { Report, ReportColumn, ReportRow } from './types.ts';

export { CATEGORY_ORDER };

export function registrationsReport(context: ReportContext): Report {
  const { query } = context;
  // Counted in SQL by the registry's rule (categorySql), not person by person.
  const { byCategory, households } = registrationCounts(context.data, query);
  const perAwc = new Map<string, { households: number; byCategory: Map<BeneficiaryCategory, number> }>();
  for (const { awc_code, households: n } of households) perAwc.set(awc_code, { households: Number(n), byCategory: new Map() });
  for (const { awc_code, category, people } of byCategory) perAwc.get(awc_code)?.byCategory.set(category, Number(people));
  const columns: ReportColumn[] = [
    COLUMN.awcCode,
    COLUMN.awcName,
    numberColumn('households', 'कुटुंबे', 'Households'),
    ...CATEGORY_ORDER.map((category) => numberColumn(category, CATEGORY_LABELS[category].mr, CATEGORY_LABELS[category].en, 14)),
    numberColumn('people', 'एकूण लाभार्थी', 'All beneficiaries', 14),
  ];
  const rows: ReportRow[] = [...perAwc.keys()].sort().map((code) => {
    const awc = perAwc.get(code)!;
    const row: ReportRow = { ...awcCells(context, code), households: awc.households };
    let people = 0;
    for (const category of CATEGORY_ORDER) {
      const n = awc.byCategory.get(category) ?? 0;
      row[category] = n;
      people += n;
    }
    row.people = people;
    return row;
  });
  const totals = totalsOf(columns, rows);
  return finish(context, {
    name: 'registrations',
    title: { mr: 'अंगणवाडी व लाभार्थी प्रकारानुसार नोंदणी', en: 'Registrations by Anganwadi and beneficiary category' },
    note: {
      mr: 'कालावधीत नोंदलेले लाभार्थी; लाभार्थी प्रकार कालावधीच्या शेवटच्या दिवशीचा.',
      en: 'Beneficiaries registered in the period; beneficiary category as on the last day of the period.',
    },
    columns,
    rows,
    totals,
    chart: {
      type: 'bar',
      stacked: false,
      labels: CATEGORY_ORDER.map((category) => CATEGORY_LABELS[category]),
      series: [{ label: { mr: 'लाभार्थी', en: 'Beneficiaries' }, data: CATEGORY_ORDER.map((category) => Number(totals[category] ?? 0)) }],
    },
  });
}
