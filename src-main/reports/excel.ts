// A report as an Excel workbook: a title block (office, report, period and filter, when made), the column
// headers in Marathi and in English, then the rows — counts as numbers, dates as real dates shown
// DD-MM-YYYY — and the totals. The headers stay in view while scrolling.
import type ExcelJS from 'exceljs';
import { headerLines, WORDS } from './labels.ts';
import type { Cell, ReportColumn, Report } from './types.ts';

export const DATE_FORMAT = 'dd-mm-yyyy';
export const MONTH_FORMAT = 'mm-yyyy';
/** Rows above the data: title (3), note, Marathi headers, English headers. */
export const HEADER_ROWS = 6;

function cellValue(column: ReportColumn, value: Cell): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (column.kind === 'date' || column.kind === 'month') {
    const text = String(value);
    return new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)) || 1));
  }
  if (column.kind === 'number') return typeof value === 'number' ? value : Number(value);
  // A text cell that starts like a formula is kept as text (the sheet never computes anything from our data).
  return String(value);
}

export async function reportWorkbook(report: Report): Promise<Buffer> {
  // Half a second to load: only when a workbook is asked for, not each time the app or a command starts.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'MTS Block Office';
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet(report.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const width = Math.max(1, report.columns.length);
  const lines = headerLines(report);
  [lines.office, lines.title, lines.filter, `${report.note.mr} / ${report.note.en}`].forEach((text, index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { bold: index < 2, size: index === 1 ? 14 : 11 };
    sheet.mergeCells(index + 1, 1, index + 1, width);
  });
  const marathi = sheet.getRow(5);
  const english = sheet.getRow(6);
  report.columns.forEach((column, index) => {
    marathi.getCell(index + 1).value = column.label.mr;
    english.getCell(index + 1).value = column.label.en;
    for (const row of [marathi, english]) {
      const cell = row.getCell(index + 1);
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
      cell.border = { bottom: { style: 'thin' } };
    }
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width ?? 14;
    if (column.kind === 'date') sheetColumn.numFmt = DATE_FORMAT;
    if (column.kind === 'month') sheetColumn.numFmt = MONTH_FORMAT;
    if (column.kind === 'number') sheetColumn.numFmt = '0';
  });
  const write = (values: Record<string, Cell>, bold: boolean) => {
    const row = sheet.addRow(report.columns.map((column) => cellValue(column, values[column.key] ?? null)));
    report.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      if (column.kind === 'date') cell.numFmt = DATE_FORMAT;
      if (column.kind === 'month') cell.numFmt = MONTH_FORMAT;
      if (bold) cell.font = { bold: true };
    });
  };
  for (const row of report.rows) write(row, false);
  if (report.rows.length === 0) sheet.addRow([`${WORDS.nothing.mr} / ${WORDS.nothing.en}`]);
  else if (report.totals) write(report.totals, true);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
