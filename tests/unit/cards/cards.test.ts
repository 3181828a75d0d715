import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  renderCardsToFile,
  sampleCardViews,
  PrintInputError,
  type CardView,
} from '../../../src-main/cards/index.ts';
import { a4Slot } from '../../../src-main/cards/card-sheets.ts';
import { CARD_GEOMETRY } from '../../../src-main/cards/card.ts';
import {
  AADHAAR_LIKE,
  cardFor,
  darkest,
  decodeQr,
  FAMILY,
  greyPixels,
  pdfByteViews,
  pdfInfo,
  pdfText,
  portraitPng,
  rasterise,
  saveArtifact,
  tempDir,
  withoutHexStrings,
} from './fixtures.ts';

const dir = tempDir('cards');
const A4: [number, number] = [595.28, 841.89];
const CR80: [number, number] = [242.65, 153.07];
const CARD_PX_150 = { w: Math.ceil((CR80[0] * 150) / 72), h: Math.ceil((CR80[1] * 150) / 72) };
const grouped = (id: string): string => id.replace(/(\d{4})(?=\d)/g, '$1 ');

// Ten cards: the Pawar family plus six others, one with a photo.
const sheet: CardView[] = [
  cardFor(FAMILY[0]!, portraitPng()),
  ...FAMILY.slice(1).map((p) => cardFor(p)),
  ...sampleCardViews(6),
];

describe('A4 sheet of 10 cards', () => {
  const pdf = join(dir, 'sheet.pdf');
  beforeAll(async () => {
    await renderCardsToFile(pdf, sheet, { layout: 'a4-sheet' });
  });

  it('is one exact A4 page', () => {
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.sizes).toEqual([A4]);
  });

  it('reads back every name in Marathi and English, the grouped IDs and the bilingual headings', () => {
    const text = pdfText(pdf);
    for (const card of sheet) {
      expect(text).toContain(card.nameMr);
      expect(text).toContain(card.nameEn);
      expect(text).toContain(grouped(card.mtsId));
    }
    expect(text).toContain('सुनीता रामदास पवार');
    expect(text).toContain('Sunita Ramdas Pawar');
    expect(text).toContain('स्थलांतर कार्ड');
    expect(text).toContain('Migration Card');
    expect(text).toContain('महाराष्ट्र शासन — एकात्मिक बाल विकास सेवा');
    expect(text).toContain('Government of Maharashtra — ICDS');
    expect(text).toContain('ऊसतोड / Sugarcane cutting');
    expect(text).toContain('XXXX XXXX 4821');
    expect(text).toContain('30-06-2026');
  });

  it('every QR code on the 150 dpi raster decodes to its card’s ID digits', () => {
    // Each card is scanned on its own, as a phone does: zbar is unreliable with many QR codes in one image,
    // so the page is rasterised at 150 dpi by card-sized windows.
    const decoded: string[] = [];
    sheet.forEach((_, i) => {
      const { x, y } = a4Slot(i);
      const crop: [number, number, number, number] = [Math.floor((x * 150) / 72), Math.floor((y * 150) / 72), CARD_PX_150.w, CARD_PX_150.h];
      decoded.push(...decodeQr(rasterise(pdf, 1, 150, join(dir, `qr-${i}`), crop)));
    });
    expect(decoded).toEqual(sheet.map((c) => c.mtsId));
  });

  it('draws crop marks only in the margins, inside the printable area (5 mm from the edge)', () => {
    const img = greyPixels(pdf, 1, 100, join(dir, 'marks'));
    const { x: left, y: top } = a4Slot(0);
    // A mark on the extension of the first card's left edge, in the top margin …
    expect(darkest(img, left - 1, 15, 2, top - 18, 100)).toBeLessThan(128);
    // … and nothing in the outer 4.5 mm of the paper.
    expect(darkest(img, 0, 0, A4[0], 12.5, 100)).toBe(255);
    expect(darkest(img, 0, A4[1] - 12.5, A4[0], 12, 100)).toBe(255);
    expect(darkest(img, 0, 0, 12.5, A4[1], 100)).toBe(255);
    expect(darkest(img, A4[0] - 12.5, 0, 12, A4[1], 100)).toBe(255);
  });

  it('saves a PNG of the sheet and of one card as test artifacts', () => {
    saveArtifact(rasterise(pdf, 1, 100, join(dir, 'sheet-png')), 'cards-a4-sheet.png');
    const { x, y } = a4Slot(0);
    const crop: [number, number, number, number] = [Math.floor((x * 300) / 72), Math.floor((y * 300) / 72), Math.ceil((CR80[0] * 300) / 72), Math.ceil((CR80[1] * 300) / 72)];
    saveArtifact(rasterise(pdf, 1, 300, join(dir, 'card-png'), crop), 'card-sunita-pawar.png');
    expect(existsSync(join('test-results', 'artifacts', 'card-sunita-pawar.png'))).toBe(true);
  });
});

describe('single CR80 pages for PVC printers', () => {
  it('prints one exact CR80 page per card', async () => {
    const pdf = join(dir, 'cr80.pdf');
    const cards = FAMILY.map((p) => cardFor(p));
    await renderCardsToFile(pdf, cards, { layout: 'cr80' });
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(cards.length);
    expect(info.sizes).toEqual(cards.map(() => CR80));
    expect(decodeQr(rasterise(pdf, 2, 150, join(dir, 'cr80-2')))).toEqual([FAMILY[1]!.mtsId]);
  });
});

describe('long names', () => {
  it('shrink to fit the name box: whole name in the text layer, ink up to the box edge, nothing beyond', async () => {
    const long: CardView = {
      ...cardFor(FAMILY[3]!),
      nameMr: 'ज्ञानेश्वरी दत्तात्रय भीमराव सखाराम क्षीरसागर-देशमुख-पाटील',
      nameEn: 'Dnyaneshwari Dattatray Bhimrao Sakharam Kshirsagar-Deshmukh-Patil',
    };
    const pdf = join(dir, 'long.pdf');
    await renderCardsToFile(pdf, [long], { layout: 'cr80' });
    const text = pdfText(pdf);
    expect(text).toContain(long.nameMr);
    expect(text).toContain(long.nameEn);

    const dpi = 300;
    const img = greyPixels(pdf, 1, dpi, join(dir, 'long'));
    const box = CARD_GEOMETRY.nameBox;
    const qr = CARD_GEOMETRY.qr;
    // Both name lines reach the last 12 pt of the box …
    expect(darkest(img, box.x + box.w - 12, box.y + 2, 12, 14, dpi)).toBeLessThan(100);
    expect(darkest(img, box.x + box.w - 12, box.y + 19, 12, 12, dpi)).toBeLessThan(100);
    // … and the strip between the box and the QR code (its quiet zone) stays blank.
    expect(darkest(img, box.x + box.w + 0.5, qr.y - 6, qr.x - (box.x + box.w) - 1, qr.side + 12, dpi)).toBeGreaterThan(240);
    // The QR still reads.
    expect(decodeQr(rasterise(pdf, 1, 150, join(dir, 'long-qr')))).toEqual([long.mtsId]);
  });
});

describe('Aadhaar never printed in full', () => {
  it('the detector itself finds 12-digit and grouped Aadhaar-like numbers but not a grouped 16-digit MTS ID', () => {
    expect(AADHAAR_LIKE.test('id 234567890123 end')).toBe(true);
    expect(AADHAAR_LIKE.test('(2345 6789 0123)')).toBe(true);
    expect(AADHAAR_LIKE.test('2345-6789-0123')).toBe(true);
    expect(AADHAAR_LIKE.test('2714 0010 0000 0421')).toBe(false);
    expect(AADHAAR_LIKE.test('2714001000000421')).toBe(false);
  });

  it('raw PDF bytes (plain and compressed, ActualText in UTF-16 too) and the text layer hold no 12-digit number', async () => {
    for (const compress of [false, true]) {
      const pdf = join(dir, `bytes-${compress}.pdf`);
      await renderCardsToFile(pdf, sheet, { layout: 'a4-sheet', compress });
      const views = pdfByteViews(pdf).map(withoutHexStrings);
      // The masked form is in there (so numbers in the text layer are visible to this scan) …
      expect(views.some((v) => v.includes('XXXX XXXX 4821'))).toBe(true);
      // … and nothing that looks like an Aadhaar number.
      for (const v of views) expect(v).not.toMatch(AADHAAR_LIKE);
      // The visible text (glyphs, read back through ActualText) neither.
      const text = pdfText(pdf);
      expect(text).toContain('XXXX XXXX 4821');
      expect(text).not.toMatch(AADHAAR_LIKE);
    }
  });

  it('refuses anything but the mask, before writing a file', async () => {
    for (const bad of ['2345 6789 0124', '234567890124', 'XXXX XXXX 123', 'xxxx xxxx 1234', 'XXXX-XXXX-1234']) {
      const pdf = join(dir, 'refused.pdf');
      const card = { ...cardFor(FAMILY[0]!), maskedAadhaar: bad };
      await expect(renderCardsToFile(pdf, [card], { layout: 'cr80' })).rejects.toBeInstanceOf(PrintInputError);
      expect(existsSync(pdf)).toBe(false);
    }
  });

  it('refuses malformed IDs and photos that are neither JPEG nor PNG', async () => {
    const pdf = join(dir, 'refused2.pdf');
    await expect(renderCardsToFile(pdf, [{ ...cardFor(FAMILY[0]!), mtsId: '27140010000004' }], { layout: 'cr80' })).rejects.toThrow(/16 digits/);
    await expect(
      renderCardsToFile(pdf, [{ ...cardFor(FAMILY[0]!), photo: new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0]) }], { layout: 'cr80' }),
    ).rejects.toThrow(/JPEG or PNG/);
  });
});

describe('photo', () => {
  it('embeds the photo when one is on record, and a placeholder otherwise', async () => {
    const pdf = join(dir, 'photo.pdf');
    await renderCardsToFile(pdf, [cardFor(FAMILY[0]!, portraitPng()), cardFor(FAMILY[1]!)], { layout: 'cr80' });
    const raw = readFileSync(pdf).toString('latin1');
    expect(raw.match(/\/Subtype\s*\/Image/g)?.length).toBe(1);
    const dpi = 150;
    const p = CARD_GEOMETRY.photo;
    const withPhoto = greyPixels(pdf, 1, dpi, join(dir, 'photo-1'));
    const without = greyPixels(pdf, 2, dpi, join(dir, 'photo-2'));
    // The portrait's dark clothing fills the lower middle of the frame; the placeholder is pale there.
    expect(darkest(withPhoto, p.x + p.w / 2 - 4, p.y + p.h - 8, 8, 6, dpi)).toBeLessThan(120);
    expect(darkest(without, p.x + p.w / 2 - 4, p.y + p.h - 8, 8, 6, dpi)).toBeGreaterThan(200);
    expect(pdfText(pdf)).toContain('छायाचित्र');
  });
});
