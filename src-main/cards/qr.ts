import QRCode from 'qrcode';
import type { Doc } from './pdf.ts';

/** Modules of quiet zone QR readers need around the symbol; callers must keep this area blank. */
export const QR_QUIET_MODULES = 4;

/** Dark runs per row: [row, startColumn, length]. Computed once per text, drawn as vector rectangles. */
export function qrRuns(text: string): { size: number; runs: [number, number, number][] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: [number, number, number][] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && modules.data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

/**
 * Draws the symbol (without quiet zone) into a `side`-point square at (x, y): one rectangle per run of dark
 * modules and a single fill, so the PDF stays small and sharp at any printer resolution. Returns the symbol's
 * size in modules (for the caller's quiet zone).
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, side: number): number {
  const { size, runs } = qrRuns(text);
  const m = side / size;
  doc.save();
  for (const [row, col, len] of runs) {
    doc.rect(x + col * m, y + row * m, len * m, m);
  }
  doc.fillColor('#000000').fill();
  doc.restore();
  return size;
}
