/**
 * Reports for supervisors: each report or department list for a period and optionally one Anganwadi, as
 * rows, totals and chart series for the screen, or as an Excel workbook or a PDF (base64 in the reply).
 */
import { z } from 'zod';
import { DEPARTMENT_LISTS, REPORT_NAMES, type Report, type ReportFile } from '../../reports/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const reportQueryInput = z
  .object({
    name: z.enum([...REPORT_NAMES, ...DEPARTMENT_LISTS]),
    /** Default: the first day of the month two months back. */
    from: isoDate.nullable().default(null),
    /** Default: today. */
    to: isoDate.nullable().default(null),
    awcCode: z.string().trim().max(20).nullable().default(null),
  })
  .strict();

export const reportsContract = {
  'reports.run': endpoint<Report>()('supervisor', reportQueryInput),
  'reports.excel': endpoint<ReportFile>()('supervisor', reportQueryInput),
  'reports.pdf': endpoint<ReportFile>()('supervisor', reportQueryInput),
} satisfies Record<string, Endpoint>;
