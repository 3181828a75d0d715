import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCardsToFile, type CardView } from '../../../src-main/cards/index.ts';
import { DETAIL_SIZE, drawCard } from '../../../src-main/cards/card.ts';
import { createDoc } from '../../../src-main/cards/pdf.ts';
import { cardFor, FAMILY, KAGAL, pdfText, rasterise, saveArtifact, tempDir } from './fixtures.ts';

const dir = tempDir('card-layout');
const flat = (text: string) => text.replace(/\s+/g, ' ');
const occurrences = (text: string, part: string) => flat(text).split(part).length - 1;

/** The font size of every text run drawn on one card, as pdfkit was told to use it. */
function sizesOnCard(view: CardView): { text: string; size: number }[] {
  const doc = createDoc({ title: 'sizes', compress: false });
  doc.addPage({ size: [242.65, 153.07], margin: 0 });
  const runs: { text: string; size: number }[] = [];
  const text = doc.text.bind(doc);
  (doc as unknown as { text: (...args: unknown[]) => unknown }).text = (value: unknown, ...rest: unknown[]) => {
    runs.push({ text: String(value), size: (doc as unknown as { _fontSize: number })._fontSize });
    return (text as (...args: unknown[]) => unknown)(value, ...rest);
  };
  drawCard(doc, view, 0, 0, { outline: true });
  doc.end();
  return runs;
}

// A worksite typed in full at registration.
const LONG_PLACE = 'Sahakari Sakhar Karkhana cane cutters camp 4, Bamani';

describe('card detail lines', () => {
  it('a very long destination wraps onto two lines at 6 pt or more, printed once (not once per script)', async () => {
    const view: CardView = { ...cardFor(FAMILY[0]!), destination: { ...KAGAL, place: { mr: LONG_PLACE, en: LONG_PLACE } } };
    const runs = sizesOnCard(view);
    // The runs between the Destination label and the Work label are the destination's lines.
    const from = runs.findIndex((r) => r.text.includes('Destination'));
    const to = runs.findIndex((r) => r.text.includes('Work'));
    const destination = runs.slice(from + 1, to);
    expect(destination).toHaveLength(2);
    expect(destination.map((r) => r.text).join(' ')).toBe(`${LONG_PLACE}, कागल, कोल्हापूर, महाराष्ट्र / Kagal, Kolhapur, Maharashtra`);
    expect(DETAIL_SIZE).toBeGreaterThanOrEqual(6);
    for (const run of destination) expect(run.size).toBeGreaterThanOrEqual(6);
    // Nothing on the card is smaller than the smallest designed print (labels 4.8 pt): no line was shrunk away.
    expect(Math.min(...runs.map((r) => r.size))).toBeGreaterThanOrEqual(4.8);

    const pdf = join(dir, 'long-destination.pdf');
    await renderCardsToFile(pdf, [view], { layout: 'cr80' });
    saveArtifact(rasterise(pdf, 1, 300, join(dir, 'long-destination')), 'card-long-destination.png');
    const text = pdfText(pdf);
    // Each word of the worksite once; the state and district in both scripts once each.
    expect(occurrences(text, 'Sahakari')).toBe(1);
    expect(occurrences(text, 'camp 4, Bamani')).toBe(1);
    expect(occurrences(text, 'Kolhapur')).toBe(1);
    expect(occurrences(text, 'कोल्हापूर')).toBe(1);
    expect(flat(text)).toContain('Sakhar Karkhana cane');
  });

  it('a short destination stays on one line; a longer one splits between the scripts; a worksite typed once is not repeated', () => {
    const short = sizesOnCard({ ...cardFor(FAMILY[0]!), destination: { state: KAGAL.state, district: KAGAL.district } });
    expect(short.filter((r) => r.text.includes('Kolhapur')).map((r) => [r.text, r.size])).toEqual([['कोल्हापूर, महाराष्ट्र / Kolhapur, Maharashtra', 6]]);

    const lines = (view: CardView) => sizesOnCard(view).filter((r) => /Kolhapur|कोल्हापूर/.test(r.text));
    const kagal = lines(cardFor(FAMILY[0]!));
    expect(kagal.map((r) => r.text)).toEqual(['बामणी ऊसतोड तळ, कागल, कोल्हापूर, महाराष्ट्र /', 'Bamani cane camp, Kagal, Kolhapur, Maharashtra']);
    expect(kagal.every((r) => r.size === 6)).toBe(true);
    const typedOnce = lines({ ...cardFor(FAMILY[0]!), destination: { ...KAGAL, place: { mr: 'Bamani camp', en: 'Bamani camp' }, block: { mr: 'Kagal', en: 'Kagal' } } });
    expect(typedOnce.map((r) => r.text).join(' ')).toBe('Bamani camp, Kagal, कोल्हापूर, महाराष्ट्र / Kolhapur, Maharashtra');
  });

  it("the head's card (no category, no Aadhaar, no trip yet) has no stray dash and leaves those lines out", async () => {
    const head: CardView = { ...cardFor(FAMILY[1]!), nameMr: 'रामदास भीमराव पवार', nameEn: 'Ramdas Bhimrao Pawar', dateOfBirth: '1988-01-05', category: null, maskedAadhaar: null, destination: null, workSector: null };
    const pdf = join(dir, 'head.pdf');
    await renderCardsToFile(pdf, [head], { layout: 'cr80' });
    saveArtifact(rasterise(pdf, 1, 300, join(dir, 'head')), 'card-head.png');
    const text = pdfText(pdf);
    expect(text).toContain('Ramdas Bhimrao Pawar');
    expect(text).toContain('1988');
    // The heading's dash is design; no value is left as a lone dash.
    expect(text).not.toMatch(/(^|:)\s*—\s*$/m);
    expect(text).not.toMatch(/Category|प्रकार/);
    expect(text).not.toMatch(/Aadhaar|Destination|Work/);
    const runs = sizesOnCard(head);
    expect(runs.some((r) => r.text.trim() === '—' || r.text.endsWith(': —'))).toBe(false);
  });
});
