import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Doc } from './pdf.ts';

export type ProgressFn = (done: number, total: number) => void;

/**
 * Runs `draw` against a document piped into `out` and resolves when `out` has everything. `draw` calls `pace`
 * after each page: it waits while the destination is still busy, so memory stays bounded however many pages
 * follow, and it hands the event loop back (an Electron main process stays responsive during a long print).
 */
export async function pipeDocument(
  doc: Doc,
  out: Writable,
  draw: (pace: () => Promise<void>) => Promise<void>,
): Promise<void> {
  doc.pipe(out);
  const pace = async (): Promise<void> => {
    if (out.writableNeedDrain) await once(out, 'drain');
    else await new Promise<void>((resolve) => setImmediate(resolve));
  };
  try {
    await draw(pace);
  } catch (error) {
    // A half-written PDF must not look finished: the destination is closed without 'finish' (its own
    // `finished()` rejects), while the caller gets the real error from this promise. No 'error' event is emitted
    // on a stream that may have no listener for it.
    doc.unpipe(out);
    out.destroy();
    throw error;
  }
  doc.end();
  await finished(out);
}

/** Same as `pipeDocument` into a new file; a failed render leaves no partial file behind. */
export async function writeDocumentFile(
  doc: Doc,
  path: string,
  draw: (pace: () => Promise<void>) => Promise<void>,
): Promise<void> {
  // A large buffer lets pages be drawn while earlier ones are still being written; memory stays bounded by it.
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  try {
    await pipeDocument(doc, out, draw);
  } catch (error) {
    await finished(out).catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
}
