import { openStore } from '../store/database.ts';
import { Writer } from '../store/write.ts';
import { recordSeries } from './series-ledger.ts';
import { originFor, readOffice, type OfficeData } from './service.ts';
import { removeLeftoverPrints } from '../printing/leftovers.ts';

/** Opens (creating if needed) the office database in a data folder, ready for the API. */
export function openOfficeData(dataDir: string): OfficeData {
  const store = openStore({ dataDir });
  const writer = new Writer(store, null);
  const data = { dataDir, store, writer };
  const office = readOffice(data);
  if (office) {
    writer.useOrigin(originFor(office.code, office.series));
    recordSeries(dataDir, office.series);
  }
  // Card PDFs a crashed run left behind (they hold names and photos); see printing/leftovers.ts.
  removeLeftoverPrints(dataDir);
  return data;
}
