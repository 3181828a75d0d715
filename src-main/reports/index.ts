// Reports for supervisors (issue 12): registrations, migration, nutrition and services coverage over a
// period and optionally one Anganwadi, the department lists, and each as an Excel workbook or a PDF.
import type { OfficeData } from '../office/service.ts';
import { reportContext, type ReportContext } from './context.ts';
import { anmDueList, jobCardList, schoolAgeList } from './department.ts';
import { effluxReport, influxReport, notFoundReport, overdueReport, returnedReport } from './migration.ts';
import { nutritionReport } from './nutrition.ts';
import { reportQuery, type PeriodInput } from './period.ts';
import { registrationsReport } from './registrations.ts';
import { servicesReport } from './services.ts';
import type { DepartmentListName, Report, ReportName } from './types.ts';

export { reportWorkbook } from './excel.ts';
export { reportPdf } from './pdf.ts';
export { defaultPeriod, reportQuery, type PeriodInput } from './period.ts';
export type * from './types.ts';
export { REPORT_NAMES, DEPARTMENT_LISTS } from './types.ts';

const REPORTS: Record<ReportName | DepartmentListName, (context: ReportContext) => Report> = {
  registrations: registrationsReport,
  efflux: effluxReport,
  influx: influxReport,
  returned: returnedReport,
  overdue: overdueReport,
  'not-found': notFoundReport,
  nutrition: nutritionReport,
  services: servicesReport,
  'health-anm': anmDueList,
  education: schoolAgeList,
  mgnrega: jobCardList,
};

/** One report or department list for a period (default: the last three calendar months) and an optional AWC. */
export function runReport(data: OfficeData, name: ReportName | DepartmentListName, input: PeriodInput = {}, today?: string): Report {
  const query = reportQuery(input, today);
  return REPORTS[name](reportContext(data, query));
}

/** File names say what and when: `mts-report-efflux-2026-09-01_2026-11-30[-AWC].xlsx`. */
export function reportFileName(report: Report, extension: 'xlsx' | 'pdf'): string {
  const awc = report.query.awcCode ? `-${report.query.awcCode}` : '';
  return `mts-${report.name}-${report.query.from}_${report.query.to}${awc}.${extension}`;
}
