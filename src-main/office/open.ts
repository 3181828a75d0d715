import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOfficeKey, OFFICE_AGE_IDENTITY_FILE, OFFICE_KEY_FILE, UNPROTECTED, type SecretProtection } from '../keys/index.ts';
import { BACKUP_DIR, REWRITE_DIR } from './backup-signature.ts';
import { DATABASE_FILE, openStore } from '../store/database.ts';
import { Writer } from '../store/write.ts';
import { recoverInterruptedRestore } from './restore-recovery.ts';
import { nextSeries, recordSeries, SERIES_LEDGER, seriesKnownOutsideDatabase } from './series-ledger.ts';
import { originFor, readOffice, type OfficeData } from './service.ts';
import { removeLeftoverPrints } from '../printing/leftovers.ts';

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
  removeUnfinishedWrites(dataDir);
  adoptCopiesKeptByOldRestores(dataDir);
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
  // Card PDFs a crashed run left behind (they hold names and photos); see printing/leftovers.ts.
  removeLeftoverPrints(dataDir);
  return data;
}

/** What a crash can leave behind of a write that never completed: never read, safe to remove. */
function removeUnfinishedWrites(dataDir: string): void {
  for (const name of [OFFICE_KEY_FILE, OFFICE_AGE_IDENTITY_FILE, SERIES_LEDGER]) rmSync(join(dataDir, `${name}.tmp`), { force: true });
  rmSync(join(dataDir, REWRITE_DIR), { recursive: true, force: true });
  const backups = join(dataDir, BACKUP_DIR);
  if (!existsSync(backups)) return;
  for (const name of readdirSync(backups)) {
    if (name.endsWith('.partial') || name.endsWith('.sig.tmp')) rmSync(join(backups, name), { force: true });
  }
}

/**
 * Restores of earlier versions kept the replaced database beside the live one as
 * `mts.sqlite.before-restore-<time>`: a full, unsigned copy that may hold Aadhaar data in the old,
 * recoverable form. Moved into the backups folder, it is listed there as an older backup that the
 * administrator re-writes or deletes, instead of lying forgotten in the data folder.
 */
function adoptCopiesKeptByOldRestores(dataDir: string): void {
  const prefix = `${DATABASE_FILE}.before-restore-`;
  const kept = readdirSync(dataDir).filter((name) => name.startsWith(prefix) && !/-(wal|shm)$/.test(name));
  if (kept.length === 0) return;
  const backups = join(dataDir, BACKUP_DIR);
  mkdirSync(backups, { recursive: true });
  for (const name of kept) {
    const target = join(backups, `mts-before-restore-${name.slice(prefix.length)}.sqlite`);
    // A WAL left beside the copy holds its last transactions: it travels under the matching name.
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(join(dataDir, name + suffix))) renameSync(join(dataDir, name + suffix), target + suffix);
    }
  }
}
