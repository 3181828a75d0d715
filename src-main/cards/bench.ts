import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { a4Slot, CARDS_PER_A4, renderCardsToFile, type CardLayout } from './card-sheets.ts';
import { CARD_HEIGHT, CARD_WIDTH, COLOR } from './card.ts';
import { FONT, type FontName } from './fonts.ts';
import { formatDate, groupMtsId } from './format.ts';
import { bi, categoryLabel, destinationText, HEADING, L, sectorLabel, sexLabel } from './labels.ts';
import { createDoc, PAGE, type Doc } from './pdf.ts';
import { qrRuns } from './qr.ts';
import { sampleCardViews } from './sample.ts';
import type { CardView } from './views.ts';

/**
 * Benchmark entry points. `benchRenderCards` goes through the real card layout (validation, measuring,
 * shrink-to-fit, ActualText spans, crop marks, streaming with back-pressure); `benchBareCards` draws the same
 * strings in the same fonts and the same QR rectangles with plain pdfkit calls at fixed positions, as the
 * baseline the layout is compared with.
 */
export async function benchRenderCards(path: string, count: number, layout: CardLayout = 'a4-sheet'): Promise<void> {
  await renderCardsToFile(path, sampleCardViews(count), { layout });
}

export async function benchBareCards(path: string, count: number): Promise<void> {
  const views = sampleCardViews(count);
  const doc = createDoc({ title: 'bare' });
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  doc.pipe(out);
  views.forEach((view, i) => {
    if (i % CARDS_PER_A4 === 0) doc.addPage({ size: [...PAGE.A4], margin: 0 });
    const { x, y } = a4Slot(i % CARDS_PER_A4);
    drawBareCard(doc, view, x, y);
  });
  doc.end();
  await finished(out);
}

function put(doc: Doc, text: string, x: number, y: number, font: FontName, size: number, color: string): void {
  doc.font(font).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
}

function drawBareCard(doc: Doc, v: CardView, x: number, y: number): void {
  doc.rect(x, y, CARD_WIDTH, 28).fill(COLOR.navy);
  put(doc, HEADING.government.mr, x + 6, y + 3, FONT.bold, 6.4, '#ffffff');
  put(doc, HEADING.government.en, x + 6, y + 14.5, FONT.regular, 6, '#ffffff');
  put(doc, HEADING.card.mr, x + 175, y + 0.8, FONT.bold, 9, '#ffffff');
  put(doc, HEADING.card.en, x + 175, y + 14, FONT.bold, 7, '#ffffff');
  doc.rect(x + 6, y + 34, 44, 51).fill(COLOR.faint);
  const { size, runs } = qrRuns(v.mtsId);
  const m = 42 / size;
  for (const [row, col, len] of runs) doc.rect(x + 191 + col * m, y + 38 + row * m, len * m, m);
  doc.fillColor('#000000').fill();
  put(doc, v.nameMr, x + 56, y + 32, FONT.bold, 11, COLOR.ink);
  put(doc, v.nameEn, x + 56, y + 49, FONT.bold, 8.5, COLOR.ink);
  put(doc, v.category ? bi(categoryLabel(v.category)) : '—', x + 56, y + 62.5, FONT.bold, 6, COLOR.navy);
  put(doc, `${bi(sexLabel(v.sex))} · ${v.dateOfBirth ? formatDate(v.dateOfBirth) : '—'}`, x + 56, y + 71, FONT.regular, 5.6, COLOR.ink);
  put(doc, `${L.aadhaar.mr} / ${L.aadhaar.en}: ${v.maskedAadhaar ?? '—'}`, x + 56, y + 79, FONT.regular, 5.6, COLOR.ink);
  const h = v.home;
  const rows: [string, string][] = [
    [bi(L.home), `${h.village.mr}, ${h.block.mr}, ${h.district.mr} / ${h.village.en}, ${h.block.en}, ${h.district.en}`],
    [bi(L.awc), `${h.awc.code} — ${h.awc.name.mr} / ${h.awc.name.en}`],
    [bi(L.destination), v.destination ? `${destinationText(v.destination, 'mr')} / ${destinationText(v.destination, 'en')}` : '—'],
    [bi(L.work), v.workSector ? bi(sectorLabel(v.workSector)) : '—'],
  ];
  rows.forEach(([label, value], i) => {
    put(doc, label, x + 6, y + 89.8 + i * 7.6, FONT.regular, 4.8, COLOR.grey);
    put(doc, value, x + 54, y + 89 + i * 7.6, FONT.regular, 5, COLOR.ink);
  });
  doc.rect(x, y + 121, CARD_WIDTH, CARD_HEIGHT - 121).fill(COLOR.faint);
  put(doc, bi(L.mtsId), x + 8, y + 123, FONT.regular, 5, COLOR.grey);
  put(doc, groupMtsId(v.mtsId), x + 8, y + 130.5, FONT.mono, 13.5, COLOR.ink);
  put(doc, bi(L.validUntil), x + 190, y + 125, FONT.regular, 5, COLOR.grey);
  put(doc, formatDate(v.validUntil), x + 190, y + 134, FONT.bold, 8, COLOR.ink);
}
