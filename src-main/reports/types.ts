// The one shape every report and department list takes, so the screen, the workbook and the PDF are each
// written once: typed columns (a date column stays a date in Excel), rows, a totals row and chart series.
// Pure types: the renderer imports them.

export interface Bilingual {
  mr: string;
  en: string;
}

export const REPORT_NAMES = [
  'registrations',
  'efflux',
  'influx',
  'returned',
  'overdue',
  'not-found',
  'nutrition',
  'services',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const DEPARTMENT_LISTS = ['health-anm', 'education', 'mgnrega'] as const;
export type DepartmentListName = (typeof DEPARTMENT_LISTS)[number];

export interface ReportQuery {
  /** First day of the period, YYYY-MM-DD. */
  from: string;
  /** Last day of the period (inclusive), YYYY-MM-DD. */
  to: string;
  /** One Anganwadi only; null for the whole office. */
  awcCode: string | null;
}

export type ColumnKind = 'text' | 'number' | 'date' | 'month';

export interface ReportColumn {
  key: string;
  label: Bilingual;
  kind: ColumnKind;
  /** Width in Excel characters. */
  width?: number;
}

/** A cell: text, a count, or a date as YYYY-MM-DD (a month as YYYY-MM-01 in a 'month' column). */
export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ChartSeries {
  label: Bilingual;
  data: number[];
}

export interface ReportChart {
  type: 'bar' | 'line';
  /** Stacked bars (shares of one whole, e.g. sectors of each month). */
  stacked: boolean;
  /** Category labels of the x axis. */
  labels: Bilingual[];
  series: ChartSeries[];
}

export interface Report {
  name: ReportName | DepartmentListName;
  title: Bilingual;
  /** The project office the report is of (its name in both languages and its code). */
  office: { code: string; name: Bilingual };
  /** One sentence saying what is counted, printed under the title. */
  note: Bilingual;
  query: ReportQuery;
  /** The Anganwadi of the filter, by name; null without a filter. */
  awcName: Bilingual | null;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Sums of the number columns (text columns hold the "Total" label); null where totals mean nothing. */
  totals: ReportRow | null;
  chart: ReportChart | null;
  /** When it was made, ISO timestamp. */
  generatedAt: string;
}

export interface ReportFile {
  fileName: string;
  base64: string;
  bytes: number;
}
