import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBareCards } from '../src-main/cards/index.ts';
import { openOfficeData } from '../src-main/office/open.ts';
import { EMPTY_SELECTION, printJobs, startCardJob } from '../src-main/printing/index.ts';
import { measure, type BenchResult } from './harness.ts';

const CARDS = 1_000;

/**
 * 1,000 migration cards in one A4 PDF through the printing service — selection, card views from the database,
 * the worker thread, streaming to a file, the print log — against the same count drawn with bare pdfkit calls
 * (`benchBareCards`). Goal: under 5 s and within 2× the baseline.
 */
export async function cardCases(dataDir: string): Promise<BenchResult[]> {
  const data = openOfficeData(dataDir);
  const scratch = mkdtempSync(join(tmpdir(), 'mts-bench-cards-'));
  try {
    const ids = data.store
      .all(data.store.db.selectFrom('beneficiary').select('id').where('status', '=', 'active').orderBy('mts_id').limit(CARDS))
      .map((row) => row.id);
    if (ids.length < CARDS) throw new Error(`the bench office has only ${ids.length} beneficiaries`);
    // As on the Cards page, where showing the count starts the worker before the button is pressed.
    printJobs(data).warm();
    let bytes = 0;
    const result = await measure({
      name: `printing: ${CARDS} cards, A4, worker + print log`,
      runs: 5,
      run: async () => {
        // From the second run on these are reprints, which need a reason like any other.
        const job = startCardJob(data, { operatorId: null }, { selection: { ...EMPTY_SELECTION, beneficiaryIds: ids }, layout: 'a4-sheet', reason: 'bench run' });
        const done = await printJobs(data).wait(job.id);
        if (done.status !== 'done' || done.done !== CARDS) throw new Error(`bench print job ended ${done.status}`);
        bytes = printJobs(data).deliver(job.id).bytes.length;
        // Saved: now it enters the print log.
        printJobs(data).confirm({ operatorId: null }, job.id);
      },
      baseline: (i) => benchBareCards(join(scratch, `bare-${i}.pdf`), CARDS),
    });
    console.log(`  ${CARDS} cards: ${Math.round(bytes / 1024)} KB`);
    return [result];
  } finally {
    await printJobs(data).close();
    rmSync(scratch, { recursive: true, force: true });
    data.store.close();
  }
}
