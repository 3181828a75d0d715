// Registrations by Anganwadi and beneficiary category. The category is the one each person has on the
// period's last day (a woman registered pregnant in October who delivered in November counts as lactating
// in a report to 30 November), derived by the registry's own rule.
import { beneficiaryCategory, CATEGORY_LABELS } from '../registry/category.ts';
import type { BeneficiaryCategory } from '../registry/types.ts';
import { awcCells, COLUMN, finish, numberColumn, totalsOf, type ReportContext } from './context.ts';
import { registeredPeople } from './store.ts';
import type { Report, ReportColumn, ReportRow } from './types.ts';

export const CATEGORY_ORDER: readonly BeneficiaryCategory[] = [
  'pregnant',
  'lactating',
  'child-0-3',
  'child-3-6',
  'child-6-18',
  'adolescent-girl',
  'woman',
  'other',
];

export function registrationsReport(context: ReportContext): Report {
  const { query } = context;
  const perAwc = new Map<string, { households: number; byCategory: Map<BeneficiaryCategory, number> }>();
  const seen = new Set<string>();
  // Without a pregnancy or delivery on record the category follows from sex and birth date alone: worked
  // out once per birthday rather than once per person.
  const byBirth = new Map<string, BeneficiaryCategory>();
  const { people, awcOf } = registeredPeople(context.data, query);
  for (const person of people) {
    const awcCode = awcOf.get(person.household_id);
    if (awcCode === undefined) continue;
    const facts = { sex: person.sex, dob: person.dob, lmpDate: person.lmp_date, deliveryDate: person.delivery_date };
    let category: BeneficiaryCategory;
    if (person.lmp_date === null && person.delivery_date === null) {
      const key = person.sex + person.dob;
      category = byBirth.get(key) ?? beneficiaryCategory(facts, query.to);
      byBirth.set(key, category);
    } else {
      category = beneficiaryCategory(facts, query.to);
    }
    let awc = perAwc.get(awcCode);
    if (!awc) perAwc.set(awcCode, (awc = { households: 0, byCategory: new Map() }));
    if (!seen.has(person.household_id)) {
      seen.add(person.household_id);
      awc.households += 1;
    }
    awc.byCategory.set(category, (awc.byCategory.get(category) ?? 0) + 1);
  }
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
