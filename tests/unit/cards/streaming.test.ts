import { describe, it, expect } from 'vitest';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  benchBareCards,
  benchRenderCards,
  renderCards,
  renderCardsToFile,
  sampleCardView,
  type CardView,
} from '../../../src-main/cards/index.ts';
import { pdfInfo, pdfText, tempDir } from './fixtures.ts';

const dir = tempDir('stream');

describe('streaming 1,000 cards', () => {
  it('writes to the file while cards are still being produced, and reports progress per page', async () => {
    const pdf = join(dir, 'thousand.pdf');
    const out = createWriteStream(pdf);
    let bytesWhenHalfway = -1;
    async function* cards(): AsyncGenerator<CardView> {
      for (let i = 0; i < 1000; i++) {
        if (i === 500) bytesWhenHalfway = out.bytesWritten;
        yield sampleCardView(i);
      }
    }
    const progress: [number, number][] = [];
    await renderCards(out, cards(), { layout: 'a4-sheet', total: 1000, onProgress: (d, t) => progress.push([d, t]) });

    // Half the cards were already on disk before the second half existed: nothing waits for the whole set.
    expect(bytesWhenHalfway).toBeGreaterThan(0);
    expect(bytesWhenHalfway).toBeLessThan(statSync(pdf).size);
    expect(progress).toHaveLength(100);
    expect(progress.at(-1)).toEqual([1000, 1000]);
    expect(progress.every(([d], i) => d === (i + 1) * 10)).toBe(true);
    expect(pdfInfo(pdf).pages).toBe(100);
    const lastPage = pdfText(pdf, ['-f', '100', '-l', '100']);
    expect(lastPage).toContain(sampleCardView(999).nameMr);
    expect(lastPage).toContain('2714 0010 0000 1420');
  });

  it('waits for a slow destination instead of buffering the document', async () => {
    // A destination that takes 4 ms per chunk and holds at most 32 KB. If the renderer ran ahead, the card source
    // would be exhausted while most of the document still sat in memory.
    let received = 0;
    let receivedAtLastCard = -1;
    const slow = new Writable({
      highWaterMark: 32 * 1024,
      write(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        setTimeout(cb, 4);
      },
    });
    const count = 200;
    async function* cards(): AsyncGenerator<CardView> {
      for (let i = 0; i < count; i++) {
        if (i === count - 1) receivedAtLastCard = received;
        yield sampleCardView(i);
      }
    }
    await renderCards(slow, cards(), { layout: 'a4-sheet', total: count });
    expect(received).toBeGreaterThan(100_000);
    // When the last card was requested, all but the destination's buffer and about one page had been delivered.
    expect(received - receivedAtLastCard).toBeLessThan(32 * 1024 + 48 * 1024);
  });

  it('progress on single CR80 pages is per card', async () => {
    const progress: number[] = [];
    await renderCardsToFile(join(dir, 'cr80.pdf'), [sampleCardView(1), sampleCardView(2), sampleCardView(3)], {
      layout: 'cr80',
      onProgress: (d) => progress.push(d),
    });
    expect(progress).toEqual([1, 2, 3]);
  });

  it('a partly filled last sheet still reports completion', async () => {
    const progress: [number, number][] = [];
    await renderCardsToFile(join(dir, 'partial.pdf'), Array.from({ length: 13 }, (_, i) => sampleCardView(i)), {
      layout: 'a4-sheet',
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(progress).toEqual([
      [10, 13],
      [13, 13],
    ]);
    expect(pdfInfo(join(dir, 'partial.pdf')).pages).toBe(2);
  });
});

describe('benchmark entry points', () => {
  it('the layout renderer and the bare pdfkit loop draw the same cards on the same number of pages', async () => {
    const a = join(dir, 'bench-layout.pdf');
    const b = join(dir, 'bench-bare.pdf');
    await benchRenderCards(a, 25);
    await benchBareCards(b, 25);
    expect(pdfInfo(a).pages).toBe(3);
    expect(pdfInfo(b).pages).toBe(3);
    // Latin text extracts the same from both (Devanagari only in logical order from the ActualText of the layout).
    const bare = pdfText(b);
    const layout = pdfText(a);
    for (let i = 0; i < 25; i++) {
      const v = sampleCardView(i);
      expect(bare).toContain(v.nameEn);
      expect(layout).toContain(v.nameEn);
      expect(layout).toContain(v.nameMr);
    }
  });
});
