import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SERIES_LEDGER = 'series-ledger.json';

/**
 * The highest ID series this PC has ever opened, kept beside the database but outside it, so that
 * restoring an older copy of the database cannot bring back a series whose serials were already printed.
 */
export function readSeriesLedger(dataDir: string): number {
  try {
    const { highestSeries } = JSON.parse(readFileSync(join(dataDir, SERIES_LEDGER), 'utf8')) as { highestSeries: number };
    return Number.isInteger(highestSeries) ? highestSeries : 0;
  } catch {
    return 0;
  }
}

export function recordSeries(dataDir: string, series: number): void {
  if (series <= readSeriesLedger(dataDir)) return;
  const file = join(dataDir, SERIES_LEDGER);
  writeFileSync(`${file}.tmp`, JSON.stringify({ highestSeries: series, updatedAt: new Date().toISOString() }));
  renameSync(`${file}.tmp`, file);
}
