import { createRequire } from 'node:module';
import { ascentRatio, FONT, registerFonts, type FontName } from './fonts.ts';

export type Doc = PDFKit.PDFDocument;

// pdfkit takes about a third of a second to load: it is loaded with the first document, not each time the
// app or a command-line call starts (most never make a PDF).
const load = createRequire(import.meta.url);
let PdfDocument: typeof import('pdfkit') | undefined;

const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;

/** Page sizes in points. CR80 is ISO/IEC 7810 ID-1 (85.6 × 54 mm). */
export const PAGE = {
  A4: [595.28, 841.89] as const,
  A5: [419.53, 595.28] as const,
  CR80: [242.65, 153.07] as const,
};

export interface DocOptions {
  title: string;
  /** Tests switch compression off to look into the content streams directly. */
  compress?: boolean;
}

/** A document with the shared fonts registered and no page yet; margins are zero, layouts place everything. */
export function createDoc(options: DocOptions): Doc {
  PdfDocument ??= load('pdfkit') as typeof import('pdfkit');
  const doc = new PdfDocument({
    autoFirstPage: false,
    margin: 0,
    compress: options.compress ?? true,
    // An empty default font skips loading Helvetica's metrics; every text call names its font.
    font: '',
    info: { Title: options.title, Creator: 'MTS Block Office', Producer: 'MTS Block Office' },
    lang: 'mr-IN',
    displayTitle: true,
  });
  registerFonts(doc);
  doc.font(FONT.regular);
  return doc;
}

export interface TextStyle {
  font?: FontName;
  size: number;
  color?: string;
  /** Maximum width: the text shrinks (never wraps or cuts) to fit it. */
  width?: number;
  align?: 'left' | 'center' | 'right';
  /**
   * ActualText for extraction; defaults to the text itself. `null` when the caller wraps a group of runs
   * (e.g. digits in boxes) in one span that reads as a whole.
   */
  actual?: string | null;
}

/**
 * Draws one line of text, shrinking the font size until it fits `width`. The run is wrapped in a Span with
 * ActualText because shaped Devanagari glyphs come out of the content stream in visual order; text extraction,
 * search and screen readers then get the logical string. Returns the size actually used.
 */
export function drawText(doc: Doc, text: string, x: number, y: number, style: TextStyle): number {
  const font = style.font ?? FONT.regular;
  let size = style.size;
  doc.font(font).fontSize(size);
  let w = doc.widthOfString(text);
  if (style.width !== undefined && w > style.width) {
    // Width scales linearly with size; the small margin absorbs rounding in pdfkit's advance widths.
    size = (size * style.width) / w * 0.995;
    doc.fontSize(size);
    w = doc.widthOfString(text);
  }
  let left = x;
  if (style.width !== undefined && style.align === 'center') left = x + (style.width - w) / 2;
  if (style.width !== undefined && style.align === 'right') left = x + style.width - w;
  // A shrunk line keeps the baseline of the size it was meant to have, so rows stay aligned.
  const top = y + (style.size - size) * ascentRatio(font);
  doc.fillColor(style.color ?? '#000000');
  const actual = style.actual === undefined ? text : style.actual;
  if (actual !== null) doc.markContent('Span', { actual });
  doc.text(text, left, top, { lineBreak: false });
  if (actual !== null) doc.endMarkedContent();
  return size;
}

/**
 * Breaks `text` into lines no wider than `width` at the given size, at spaces (after " / " by preference, so a
 * destination's Marathi and English halves each get a line when they fit). A single word wider than the line
 * keeps a line to itself (drawText then shrinks only that word).
 */
export function wrapText(doc: Doc, text: string, width: number, font: FontName, size: number): string[] {
  doc.font(font).fontSize(size);
  const fits = (line: string) => doc.widthOfString(line) <= width;
  if (fits(text)) return [text];
  const halves = text.split(' / ');
  if (halves.length === 2 && halves.every(fits)) return halves.map((h, i) => (i === 0 ? `${h} /` : h));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && !fits(next)) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Width of `text` in the given font and size, for layouts that place things after a label. */
export function textWidth(doc: Doc, text: string, font: FontName, size: number): number {
  return doc.font(font).fontSize(size).widthOfString(text);
}

/** Small empty square used for check boxes on paper forms; ticked boxes get a drawn tick, not a glyph. */
export function drawCheckBox(doc: Doc, x: number, y: number, side: number, ticked: boolean): void {
  doc.save().lineWidth(0.6).strokeColor('#000000').rect(x, y, side, side).stroke();
  if (ticked) {
    doc
      .lineWidth(1.1)
      .moveTo(x + side * 0.18, y + side * 0.55)
      .lineTo(x + side * 0.42, y + side * 0.8)
      .lineTo(x + side * 0.85, y + side * 0.2)
      .stroke();
  }
  doc.restore();
}
