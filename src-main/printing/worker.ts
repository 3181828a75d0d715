/**
 * Print worker (worker_threads): renders migration cards into PDF files off the main thread, one job at a time,
 * pulling each job's cards from the main thread in chunks so memory stays bounded for any job size, and
 * reporting progress per page. It stays up between jobs: parsed fonts, shaped-glyph caches and compiled code
 * are reused, so a second print does not pay the start-up again.
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { renderCards, renderCardsToFile, sampleCardViews, type CardView } from '../cards/index.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('the print worker runs only as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);

interface Feed {
  jobId: string;
  chunks: Extract<ToWorker, { type: 'cards' }>[];
  wake: (() => void) | null;
}
let feed: Feed | null = null;

async function* cards(current: Feed): AsyncGenerator<CardView> {
  post({ type: 'need', jobId: current.jobId });
  for (;;) {
    while (current.chunks.length === 0) await new Promise<void>((resolve) => (current.wake = resolve));
    const chunk = current.chunks.shift()!;
    // The next chunk is fetched while this one is drawn.
    if (!chunk.last) post({ type: 'need', jobId: current.jobId });
    yield* chunk.views;
    if (chunk.last) return;
  }
}

async function run(job: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const current: Feed = { jobId: job.jobId, chunks: [], wake: null };
  feed = current;
  try {
    await renderCardsToFile(job.path, cards(current), {
      layout: job.layout,
      total: job.total,
      onProgress: (done, total) => post({ type: 'progress', jobId: job.jobId, done, total }),
    });
    post({ type: 'done', jobId: job.jobId });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failed', jobId: job.jobId, name: e.name, message: e.message });
  } finally {
    if (feed === current) feed = null;
  }
}

// Warm-up while the operator is still choosing: fonts parsed, the card layout compiled, common labels shaped.
const warmUp = renderCards(new Writable({ write: (_chunk, _encoding, done) => done() }), sampleCardViews(10), { layout: 'a4-sheet' }).catch(
  () => undefined,
);

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    void warmUp.then(() => run(message));
  } else if (feed && message.jobId === feed.jobId) {
    feed.chunks.push(message);
    feed.wake?.();
    feed.wake = null;
  }
});
