// What every report needs besides its own rows: the office, the Anganwadi names, and a way to finish a
// report (totals over its number columns).
import { Problem } from '../common/problem.ts';
import { findDistrict } from '../office/districts.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import type { OfficeInfo } from '../office/types.ts';
import { WORK_SECTOR_OPTIONS } from '../registry/form-definition.ts';
import { stateName } from '../common/states.ts';
import { awcsOf, type AwcRow } from './store.ts';
import type { Bilingual, Report, ReportColumn, ReportQuery, ReportRow } from './types.ts';

export interface ReportContext {
  data: OfficeData;
  office: OfficeInfo;
  query: ReportQuery;
  awcs: Map<string, AwcRow>;
  generatedAt: string;
}

export function reportContext(data: OfficeData, query: ReportQuery): ReportContext {
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  const awcs = new Map(awcsOf(data).map((awc) => [awc.code, awc]));
  if (query.awcCode !== null && !awcs.has(query.awcCode)) {
    throw new Problem('invalid-input', { en: 'No such Anganwadi centre in this office.', mr: 'या कार्यालयात असे अंगणवाडी केंद्र नाही.' }, [
      { field: 'awcCode', message: { en: 'Choose an Anganwadi centre from the list.', mr: 'यादीतून अंगणवाडी केंद्र निवडा.' } },
    ]);
  }
  return { data, office, query, awcs, generatedAt: (data.now?.() ?? new Date()).toISOString() };
}

export const TOTAL_LABEL: Bilingual = { mr: 'एकूण', en: 'Total' };

export const COLUMN = {
  awcCode: { key: 'awc_code', label: { mr: 'अंगणवाडी कोड', en: 'AWC code' }, kind: 'text', width: 14 },
  awcName: { key: 'awc_name', label: { mr: 'अंगणवाडी', en: 'Anganwadi centre' }, kind: 'text', width: 28 },
  village: { key: 'village', label: { mr: 'गाव', en: 'Village' }, kind: 'text', width: 18 },
  month: { key: 'month', label: { mr: 'महिना', en: 'Month' }, kind: 'month', width: 12 },
} as const satisfies Record<string, ReportColumn>;

export function awcCells(context: ReportContext, code: string): ReportRow {
  const awc = context.awcs.get(code);
  return { awc_code: code, awc_name: awc ? `${awc.name_mr} / ${awc.name_en}` : code, village: awc?.village ?? '' };
}

export function numberColumn(key: string, mr: string, en: string, width = 12): ReportColumn {
  return { key, label: { mr, en }, kind: 'number', width };
}

/** Sums the number columns; the first text column says "Total". */
export function totalsOf(columns: readonly ReportColumn[], rows: readonly ReportRow[]): ReportRow {
  const totals: ReportRow = {};
  let labelled = false;
  for (const column of columns) {
    if (column.kind === 'number') {
      totals[column.key] = rows.reduce((sum, row) => sum + (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0), 0);
    } else if (!labelled && column.kind === 'text') {
      totals[column.key] = `${TOTAL_LABEL.mr} / ${TOTAL_LABEL.en}`;
      labelled = true;
    } else {
      totals[column.key] = null;
    }
  }
  return totals;
}

export function finish(context: ReportContext, report: Omit<Report, 'query' | 'awcName' | 'generatedAt' | 'office'>): Report {
  const awc = context.query.awcCode ? context.awcs.get(context.query.awcCode) : undefined;
  return {
    ...report,
    office: { code: context.office.code, name: context.office.name },
    query: context.query,
    awcName: awc ? { mr: awc.name_mr, en: awc.name_en } : null,
    generatedAt: context.generatedAt,
  };
}

export function sectorName(sector: string): Bilingual {
  // Stored with underscores (schema) or hyphens (the form's values); both name the same sector.
  const option = WORK_SECTOR_OPTIONS.find((o) => o.value === sector.replace(/_/g, '-'));
  return option ? option.label : { mr: sector, en: sector };
}

export function stateLabel(code: string | null): Bilingual {
  if (!code) return { mr: 'माहीत नाही', en: 'Not known' };
  return stateName(code);
}

export function districtLabel(lgd: number | null): Bilingual {
  if (lgd === null) return { mr: '—', en: '—' };
  return findDistrict(lgd)?.name ?? { mr: String(lgd), en: String(lgd) };
}

export const both = (label: Bilingual): string => (label.mr === label.en ? label.en : `${label.mr} / ${label.en}`);
