// A report on A4 landscape pages for a supervisor's file or a meeting: the title block, then the table with
// its two header lines (Marathi, English) repeated on every page, the totals in bold, page numbers. Uses the
// cards module's document helpers: the shared, cached Noto Sans Devanagari fonts with Marathi shaping, and
// text wrapped in ActualText spans so pdftotext and screen readers read real Marathi.
import { drawText, PAGE, createDoc, type Doc } from '../cards/pdf.ts';
import { FONT } from '../cards/fonts.ts';
import { headerLines, WORDS } from './labels.ts';
import { displayDate } from './period.ts';
import type { Cell, Report, ReportColumn } from './types.ts';

const [PAGE_H, PAGE_W] = PAGE.A4;
const MARGIN = 28;
const ROW_H = 13;
const HEADER_H = 26;
const BODY_SIZE = 8;

function cellText(column: ReportColumn, value: Cell): string {
  if (value === null || value === '') return '';
  if (column.kind === 'date') return displayDate(String(value));
  if (column.kind === 'month') return `${String(value).slice(5, 7)}-${String(value).slice(0, 4)}`;
  if (column.kind === 'number') return Number(value).toLocaleString('en-IN');
  return String(value);
}

function columnWidths(columns: readonly ReportColumn[]): number[] {
  const weights = columns.map((column) => column.width ?? 14);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => ((PAGE_W - 2 * MARGIN) * w) / sum);
}

export async function reportPdf(report: Report, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = createDoc({ title: `${report.title.en} — MTS Block Office`, compress: options.compress });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const widths = columnWidths(report.columns);
  const lines = headerLines(report);
  let page = 0;
  let y = 0;

  const newPage = () => {
    doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
    page += 1;
    y = MARGIN;
    if (page === 1) {
      drawText(doc, lines.office, MARGIN, y, { size: 10, width: PAGE_W - 2 * MARGIN });
      y += 15;
      drawText(doc, lines.title, MARGIN, y, { font: FONT.bold, size: 14, width: PAGE_W - 2 * MARGIN });
      y += 20;
      drawText(doc, lines.filter, MARGIN, y, { size: 9, width: PAGE_W - 2 * MARGIN });
      y += 13;
      drawText(doc, `${report.note.mr}`, MARGIN, y, { size: 8, width: PAGE_W - 2 * MARGIN, color: '#333333' });
      y += 11;
      drawText(doc, `${report.note.en}`, MARGIN, y, { size: 8, width: PAGE_W - 2 * MARGIN, color: '#333333' });
      y += 16;
    }
    drawText(doc, `${page}`, PAGE_W - MARGIN - 30, PAGE_H - MARGIN + 8, { size: 8, width: 30, align: 'right', color: '#555555' });
    header();
  };

  const header = () => {
    doc.save().rect(MARGIN, y, PAGE_W - 2 * MARGIN, HEADER_H).fill('#e8eef5').restore();
    let x = MARGIN;
    report.columns.forEach((column, index) => {
      const w = widths[index]! - 4;
      const align = column.kind === 'number' ? 'right' : 'left';
      drawText(doc, column.label.mr, x + 2, y + 2, { font: FONT.bold, size: 7.5, width: w, align });
      drawText(doc, column.label.en, x + 2, y + 14, { size: 7.5, width: w, align });
      x += widths[index]!;
    });
    y += HEADER_H + 2;
  };

  const row = (values: Record<string, Cell>, bold: boolean) => {
    if (y + ROW_H > PAGE_H - MARGIN) newPage();
    let x = MARGIN;
    report.columns.forEach((column, index) => {
      const text = cellText(column, values[column.key] ?? null);
      if (text) {
        drawText(doc, text, x + 2, y, {
          font: bold ? FONT.bold : FONT.regular,
          size: BODY_SIZE,
          width: widths[index]! - 4,
          align: column.kind === 'number' ? 'right' : 'left',
        });
      }
      x += widths[index]!;
    });
    doc.save().lineWidth(0.3).strokeColor('#cccccc').moveTo(MARGIN, y + ROW_H - 2).lineTo(PAGE_W - MARGIN, y + ROW_H - 2).stroke().restore();
    y += ROW_H;
  };

  newPage();
  for (const values of report.rows) row(values, false);
  if (report.rows.length === 0) drawText(doc, `${WORDS.nothing.mr} / ${WORDS.nothing.en}`, MARGIN, y + 4, { size: 10 });
  else if (report.totals) row(report.totals, true);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export type { Doc };
