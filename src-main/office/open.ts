import { ensureOfficeKey, UNPROTECTED, type SecretProtection } from '../keys/index.ts';
import { openStore } from '../store/database.ts';
import { Writer } from '../store/write.ts';
import { recoverInterruptedRestore } from './restore-recovery.ts';
import { nextSeries, recordSeries, seriesKnownOutsideDatabase } from './series-ledger.ts';
import { originFor, readOffice, type OfficeData } from './service.ts';

export interface OpenOfficeOptions {
  /** How the office's private key is protected at rest; the desktop app passes safeStorage. */
  keyProtection?: SecretProtection;
}

/**
 * Opens (creating if needed) the office database in a data folder, ready for the API. First finishes or
 * discards a restore that a crash interrupted, so the database opened is always a whole one.
 */
export function openOfficeData(dataDir: string, options: OpenOfficeOptions = {}): OfficeData {
  const keyProtection = options.keyProtection ?? UNPROTECTED;
  recoverInterruptedRestore(dataDir);
  const store = openStore({ dataDir });
  const writer = new Writer(store, null);
  const data: OfficeData = { dataDir, store, writer, keyProtection };
  const office = readOffice(data);
  if (office) {
    writer.useOrigin(originFor(office.code, office.series));
    // Offices set up before offices had keys get theirs now.
    const key = ensureOfficeKey(dataDir, keyProtection);
    const outside = seriesKnownOutsideDatabase(dataDir, office.code, key);
    if (outside > office.series) {
      // This database is older than a series this folder already opened: it was put back by hand, not
      // by a restore. IDs of the later series may be printed on cards, so it continues in a new one.
      const series = nextSeries([outside, office.series]);
      writer.useOrigin(originFor(office.code, series));
      writer.write({ operatorId: null }, (batch) => {
        batch.insert('installation', { series, opened_at: new Date().toISOString(), reason: 'restore' });
        batch.audit('office.series-reopened', { after: { series, database_series: office.series, known_series: outside } });
      });
      recordSeries(dataDir, office.code, series, key);
    } else {
      recordSeries(dataDir, office.code, office.series, key);
    }
  }
  return data;
}
