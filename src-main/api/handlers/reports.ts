import * as reports from '../../reports/index.ts';
import type { reportsContract } from '../contracts/reports.ts';
import type { HandlersOf } from '../handler-types.ts';

function file(fileName: string, bytes: Buffer) {
  return { fileName, base64: bytes.toString('base64'), bytes: bytes.length };
}

export const reportsHandlers: HandlersOf<typeof reportsContract> = {
  'reports.run': ({ name, from, to, awcCode }, { data }) => reports.runReport(data, name, { from, to, awcCode }),
  'reports.excel': async ({ name, from, to, awcCode }, { data }) => {
    const report = reports.runReport(data, name, { from, to, awcCode });
    return file(reports.reportFileName(report, 'xlsx'), await reports.reportWorkbook(report));
  },
  'reports.pdf': async ({ name, from, to, awcCode }, { data }) => {
    const report = reports.runReport(data, name, { from, to, awcCode });
    return file(reports.reportFileName(report, 'pdf'), await reports.reportPdf(report));
  },
};
