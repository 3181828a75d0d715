import { FONT } from './fonts.ts';
import { assertImage, assertMaskedAadhaar, formatDate, groupMtsId } from './format.ts';
import { bi, bothScripts, categoryLabel, destinationBothScripts, HEADING, L, sectorLabel, sexLabel } from './labels.ts';
import { drawText, PAGE, wrapText, type Doc } from './pdf.ts';
import { drawQr, QR_QUIET_MODULES } from './qr.ts';
import type { CardView } from './views.ts';

export const CARD_WIDTH = PAGE.CR80[0];
export const CARD_HEIGHT = PAGE.CR80[1];

export const COLOR = {
  navy: '#1b3d6d',
  saffron: '#f58220',
  green: '#138808',
  ink: '#111111',
  grey: '#555555',
  faint: '#eef2f7',
  rule: '#b8c2cf',
} as const;

const PAD = 6;
const HEADER_H = 28;
const QR_SIDE = 42;
const FOOTER_Y = 121;
const PHOTO = { x: PAD, y: 34, w: 44, h: 51 };
/** The right inset exceeds the QR's 4-module quiet zone, so the card outline never touches it. */
const QR = { x: CARD_WIDTH - 9.5 - QR_SIDE, y: 38, side: QR_SIDE };
/** QR version 1 (21 modules) holds the 16 digits at level M; its quiet zone is 4 modules. */
const QR_QUIET = (QR_QUIET_MODULES * QR_SIDE) / 21;
const NAME_BOX = { x: PHOTO.x + PHOTO.w + 6, y: 32, w: QR.x - QR_QUIET - (PHOTO.x + PHOTO.w + 6) - 1, h: 56 };

/** Detail lines (home, AWC, destination, work): their size is the smallest print on the card. */
export const DETAIL_SIZE = 6;
const DETAIL_TOP = 87;
const DETAIL_PITCH = 7.6;
const DETAIL_LABEL_W = 48;

/** Where things sit on a card, relative to its top-left corner (points); tests check pixels against it. */
export const CARD_GEOMETRY = { photo: PHOTO, qr: QR, qrQuiet: QR_QUIET, nameBox: NAME_BOX } as const;

/** Checks what must never be printed wrongly, before any drawing starts. */
export function validateCardView(view: CardView): void {
  groupMtsId(view.mtsId);
  assertMaskedAadhaar(view.maskedAadhaar);
  formatDate(view.validUntil);
  if (view.dateOfBirth) formatDate(view.dateOfBirth);
  if (view.photo) assertImage(view.photo);
  if (!view.nameMr.trim() || !view.nameEn.trim()) throw new RangeError('card needs the name in both scripts');
}

/**
 * Draws one CR80 card with its top-left corner at (x, y). Layout, top to bottom: government header band; photo,
 * names, category and QR; home, AWC, destination and work lines; the MTS ID strip with the validity date.
 */
export function drawCard(doc: Doc, view: CardView, x: number, y: number, options: { outline: boolean }): void {
  validateCardView(view);
  const W = CARD_WIDTH;

  if (options.outline) {
    doc.save().lineWidth(0.4).strokeColor(COLOR.rule).roundedRect(x + 0.2, y + 0.2, W - 0.4, CARD_HEIGHT - 0.4, 6).stroke().restore();
  }

  // Header band
  doc.save().rect(x, y, W, HEADER_H).fill(COLOR.navy).rect(x, y + HEADER_H, W, 1.6).fill(COLOR.saffron).restore();
  const titleW = 74;
  drawText(doc, HEADING.government.mr, x + PAD, y + 3, { font: FONT.bold, size: 6.4, color: '#ffffff', width: W - 2 * PAD - titleW - 4 });
  drawText(doc, HEADING.government.en, x + PAD, y + 14.5, { size: 6, color: '#ffffff', width: W - 2 * PAD - titleW - 4 });
  drawText(doc, HEADING.card.mr, x + W - PAD - titleW, y + 0.8, { font: FONT.bold, size: 9, color: '#ffffff', width: titleW, align: 'right' });
  drawText(doc, HEADING.card.en, x + W - PAD - titleW, y + 14, { font: FONT.bold, size: 7, color: '#ffffff', width: titleW, align: 'right' });

  // Photo
  const photoX = x + PHOTO.x;
  const photoY = y + PHOTO.y;
  const photoW = PHOTO.w;
  const photoH = PHOTO.h;
  if (view.photo) {
    doc.save().rect(photoX, photoY, photoW, photoH).clip();
    doc.image(Buffer.from(view.photo.buffer, view.photo.byteOffset, view.photo.byteLength), photoX, photoY, { cover: [photoW, photoH], align: 'center', valign: 'center' });
    doc.restore();
    doc.save().lineWidth(0.5).strokeColor(COLOR.rule).rect(photoX, photoY, photoW, photoH).stroke().restore();
  } else {
    doc.save().rect(photoX, photoY, photoW, photoH).fill(COLOR.faint).restore();
    doc.save().lineWidth(0.5).dash(1.5, { space: 1.5 }).strokeColor(COLOR.rule).rect(photoX, photoY, photoW, photoH).stroke().undash().restore();
    drawText(doc, L.photo.mr, photoX, photoY + photoH / 2 - 9, { size: 5.5, color: COLOR.grey, width: photoW, align: 'center' });
    drawText(doc, L.photo.en, photoX, photoY + photoH / 2, { size: 5.5, color: COLOR.grey, width: photoW, align: 'center' });
  }

  // QR: symbol plus its quiet zone sit inside the card, clear of header and text.
  const modules = drawQr(doc, view.mtsId, x + QR.x, y + QR.y, QR.side);
  if (modules !== 21) throw new RangeError('an MTS ID must fit a version 1 QR code');

  // Names and personal line, between photo and QR
  const midX = x + NAME_BOX.x;
  const midW = NAME_BOX.w;
  drawText(doc, view.nameMr, midX, y + NAME_BOX.y, { font: FONT.bold, size: 11, color: COLOR.ink, width: midW });
  drawText(doc, view.nameEn, midX, y + 49, { font: FONT.bold, size: 8.5, color: COLOR.ink, width: midW });
  // A value that is not on record (an adult head has no category, not everyone has Aadhaar or a trip) leaves
  // its line out: a dash on a card reads as a printing fault.
  if (view.category) drawText(doc, bi(categoryLabel(view.category)), midX, y + 62.5, { font: FONT.bold, size: 6, color: COLOR.navy, width: midW });
  const dob = view.dateOfBirth
    ? `${formatDate(view.dateOfBirth)}${view.dobEstimated ? ` (${L.estimated.mr} / ${L.estimated.en})` : ''}`
    : null;
  const personal = [bi(sexLabel(view.sex)), ...(dob ? [`${L.dob.mr} / ${L.dob.en}: ${dob}`] : [])].join(' · ');
  drawText(doc, personal, midX, y + 71, { size: 5.6, color: COLOR.ink, width: midW });
  const aadhaar = assertMaskedAadhaar(view.maskedAadhaar);
  if (aadhaar) drawText(doc, `${L.aadhaar.mr} / ${L.aadhaar.en}: ${aadhaar}`, midX, y + 79, { size: 5.6, color: COLOR.ink, width: midW });

  // Detail lines across the card. The destination is free text of any length: it wraps (two lines, a third
  // only for the longest worksite names) at DETAIL_SIZE instead of shrinking out of reach of the eye.
  const home = view.home;
  const valueW = W - 2 * PAD - DETAIL_LABEL_W;
  const rows: { label: string; lines: string[] }[] = [
    { label: bi(L.home), lines: [bothScripts([home.village, home.block, home.district])] },
    { label: bi(L.awc), lines: [`${home.awc.code} · ${bothScripts([home.awc.name])}`] },
  ];
  if (view.destination) {
    rows.push({ label: bi(L.destination), lines: wrapText(doc, destinationBothScripts(view.destination), valueW, FONT.regular, DETAIL_SIZE) });
  }
  if (view.workSector) rows.push({ label: bi(L.work), lines: [bi(sectorLabel(view.workSector))] });
  const lineCount = rows.reduce((n, row) => n + row.lines.length, 0);
  const pitch = Math.min(DETAIL_PITCH, (FOOTER_Y - 1 - DETAIL_TOP) / lineCount);
  let rowY = y + DETAIL_TOP;
  for (const row of rows) {
    drawText(doc, row.label, x + PAD, rowY + 0.8, { size: 4.8, color: COLOR.grey, width: DETAIL_LABEL_W - 2 });
    for (const line of row.lines) {
      drawText(doc, line, x + PAD + DETAIL_LABEL_W, rowY, { size: DETAIL_SIZE, color: COLOR.ink, width: valueW });
      rowY += pitch;
    }
  }

  // MTS ID strip
  doc.save().rect(x, y + FOOTER_Y, W, CARD_HEIGHT - FOOTER_Y).fill(COLOR.faint).rect(x, y + FOOTER_Y, W, 0.8).fill(COLOR.green).restore();
  drawText(doc, bi(L.mtsId), x + PAD + 2, y + FOOTER_Y + 2, { size: 5, color: COLOR.grey, width: 120 });
  drawText(doc, groupMtsId(view.mtsId), x + PAD + 2, y + FOOTER_Y + 9.5, { font: FONT.mono, size: 13.5, color: COLOR.ink, width: 160 });
  const validX = x + W - PAD - 62;
  drawText(doc, bi(L.validUntil), validX, y + FOOTER_Y + 4, { size: 5, color: COLOR.grey, width: 62, align: 'right' });
  drawText(doc, formatDate(view.validUntil), validX, y + FOOTER_Y + 13, { font: FONT.bold, size: 8, color: COLOR.ink, width: 62, align: 'right' });
}
