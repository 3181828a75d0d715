import type { Writable } from 'node:stream';
import { CARD_HEIGHT, CARD_WIDTH, drawCard, validateCardView } from './card.ts';
import { createDoc, PAGE, type Doc } from './pdf.ts';
import { pipeDocument, writeDocumentFile, type ProgressFn } from './stream.ts';
import type { CardView } from './views.ts';

/**
 * 'a4-sheet': 10 cards per A4 page (2 × 5) with crop marks, for office printers and a paper cutter;
 * 'cr80': one card per CR80 page, edge to edge, for PVC card printers.
 */
export type CardLayout = 'a4-sheet' | 'cr80';

export interface RenderCardsOptions {
  layout: CardLayout;
  /** Called after each page with the number of cards drawn so far; the last call has done === total. */
  onProgress?: ProgressFn;
  /** Needed for progress when `cards` is an iterator of unknown length. */
  total?: number;
  /** Off only in tests that inspect content streams. */
  compress?: boolean;
}

export type CardSource = readonly CardView[] | Iterable<CardView> | AsyncIterable<CardView>;

const A4_COLS = 2;
const A4_ROWS = 5;
const GAP_X = 12;
const GAP_Y = 6;
const MARGIN_X = (PAGE.A4[0] - A4_COLS * CARD_WIDTH - (A4_COLS - 1) * GAP_X) / 2;
const MARGIN_Y = (PAGE.A4[1] - A4_ROWS * CARD_HEIGHT - (A4_ROWS - 1) * GAP_Y) / 2;
/** Crop marks stop this far from the paper edge: 5 mm, inside what office printers can print. */
const PRINTABLE_INSET = 14.2;
const MARK_GAP = 3;

export const CARDS_PER_A4 = A4_COLS * A4_ROWS;

/** Top-left corner of slot `i` (0–9, row by row) on an A4 sheet. */
export function a4Slot(i: number): { x: number; y: number } {
  const col = i % A4_COLS;
  const row = Math.floor(i / A4_COLS);
  return { x: MARGIN_X + col * (CARD_WIDTH + GAP_X), y: MARGIN_Y + row * (CARD_HEIGHT + GAP_Y) };
}

/** Short lines on the extensions of every cut line, in the page margins only (never over a card). */
function drawCropMarks(doc: Doc): void {
  const [pw, ph] = PAGE.A4;
  doc.save().lineWidth(0.5).strokeColor('#000000');
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (let i = 0; i < CARDS_PER_A4; i++) {
    const { x, y } = a4Slot(i);
    xs.add(x).add(x + CARD_WIDTH);
    ys.add(y).add(y + CARD_HEIGHT);
  }
  for (const x of xs) {
    doc.moveTo(x, MARGIN_Y - MARK_GAP).lineTo(x, PRINTABLE_INSET);
    doc.moveTo(x, ph - MARGIN_Y + MARK_GAP).lineTo(x, ph - PRINTABLE_INSET);
  }
  for (const y of ys) {
    doc.moveTo(MARGIN_X - MARK_GAP, y).lineTo(PRINTABLE_INSET, y);
    doc.moveTo(pw - MARGIN_X + MARK_GAP, y).lineTo(pw - PRINTABLE_INSET, y);
  }
  doc.stroke().restore();
}

async function* iterate(source: CardSource): AsyncGenerator<CardView> {
  if (Symbol.asyncIterator in source) yield* source as AsyncIterable<CardView>;
  else yield* source as Iterable<CardView>;
}

function drawCards(doc: Doc, source: CardSource, options: RenderCardsOptions) {
  const total = Array.isArray(source) ? source.length : (options.total ?? 0);
  return async (pace: () => Promise<void>): Promise<void> => {
    let done = 0;
    let slot = 0;
    for await (const view of iterate(source)) {
      if (options.layout === 'cr80') {
        doc.addPage({ size: [...PAGE.CR80], margin: 0 });
        drawCard(doc, view, 0, 0, { outline: false });
      } else {
        if (slot === 0) {
          doc.addPage({ size: [...PAGE.A4], margin: 0 });
          drawCropMarks(doc);
        }
        const { x, y } = a4Slot(slot);
        drawCard(doc, view, x, y, { outline: true });
        slot = (slot + 1) % CARDS_PER_A4;
      }
      done++;
      if (options.layout === 'cr80' || slot === 0) {
        options.onProgress?.(done, Math.max(total, done));
        await pace();
      }
    }
    if (done === 0) throw new RangeError('no cards to print');
    if (slot !== 0) options.onProgress?.(done, Math.max(total, done));
  };
}

function validateAll(source: CardSource): void {
  // With a ready list every card is checked before the first byte is written.
  if (Array.isArray(source)) for (const view of source as readonly CardView[]) validateCardView(view);
}

/** Streams migration cards as one PDF into `out` (ended when done). Memory stays bounded for any count. */
export async function renderCards(out: Writable, cards: CardSource, options: RenderCardsOptions): Promise<void> {
  validateAll(cards);
  const doc = createDoc({ title: 'स्थलांतर कार्ड / Migration cards', compress: options.compress ?? true });
  await pipeDocument(doc, out, drawCards(doc, cards, options));
}

/** Renders migration cards into a PDF file; no partial file is left when it fails. */
export async function renderCardsToFile(path: string, cards: CardSource, options: RenderCardsOptions): Promise<void> {
  validateAll(cards);
  const doc = createDoc({ title: 'स्थलांतर कार्ड / Migration cards', compress: options.compress ?? true });
  await writeDocumentFile(doc, path, drawCards(doc, cards, options));
}
