// A restore replaces the live database in one rename, prepared in steps that a crash (power cut, kill -9)
// can interrupt at any point. The marker file says how far it got:
//
//   restore-intent.json  { "format": "mts-restore-intent/1", "phase": "copying" | "ready",
//                          "backup": "<file name>", "sha256": "<hex of the prepared file, when ready>" }
//   restore-staging/mts.sqlite   the verified copy that will replace the live database
//
// 'copying': the copy is not yet verified; on start it is discarded and the live database stays as it was.
// 'ready': the copy was verified, given its new series and audit entry, and flushed; on start, if it is
// still there and its bytes match, the rename is finished, otherwise (already renamed) only the leftovers
// go. Either way the office opens with the old data or the restored data, never a mixture.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncFolder, writeFileAtomically } from '../common/durable-file.ts';
import { DATABASE_FILE } from '../store/database.ts';
import { sha256File } from './backup-signature.ts';

export const RESTORE_MARKER = 'restore-intent.json';
export const RESTORE_STAGING = 'restore-staging';
const FORMAT = 'mts-restore-intent/1';

export interface RestoreIntent {
  phase: 'copying' | 'ready';
  backup: string;
  sha256: string | null;
}

export function writeRestoreIntent(dataDir: string, intent: RestoreIntent): void {
  writeFileAtomically(join(dataDir, RESTORE_MARKER), JSON.stringify({ format: FORMAT, ...intent }) + '\n');
}

function readRestoreIntent(dataDir: string): RestoreIntent | null {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, RESTORE_MARKER), 'utf8')) as Record<string, unknown>;
    if (raw['format'] !== FORMAT || (raw['phase'] !== 'copying' && raw['phase'] !== 'ready')) return null;
    return { phase: raw['phase'], backup: String(raw['backup']), sha256: typeof raw['sha256'] === 'string' ? raw['sha256'] : null };
  } catch {
    return null;
  }
}

/** Moves the prepared copy over the live database. The live -wal/-shm belong to the replaced file and must never be applied to the new one. */
export function swapInStagedDatabase(dataDir: string): void {
  const live = join(dataDir, DATABASE_FILE);
  rmSync(`${live}-wal`, { force: true });
  rmSync(`${live}-shm`, { force: true });
  renameSync(join(dataDir, RESTORE_STAGING, DATABASE_FILE), live);
  fsyncFolder(dataDir);
}

export function removeRestoreLeftovers(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_STAGING), { recursive: true, force: true });
  rmSync(join(dataDir, `${RESTORE_MARKER}.tmp`), { force: true });
  rmSync(join(dataDir, RESTORE_MARKER), { force: true });
  fsyncFolder(dataDir);
}

/** Called before the database is opened: finishes a restore that was ready, discards one that was not. */
export function recoverInterruptedRestore(dataDir: string): 'none' | 'finished' | 'discarded' {
  const markerExists = existsSync(join(dataDir, RESTORE_MARKER)) || existsSync(join(dataDir, `${RESTORE_MARKER}.tmp`));
  const staged = join(dataDir, RESTORE_STAGING, DATABASE_FILE);
  if (!markerExists && !existsSync(join(dataDir, RESTORE_STAGING))) return 'none';
  const intent = readRestoreIntent(dataDir);
  let outcome: 'finished' | 'discarded' = 'discarded';
  if (intent?.phase === 'ready') {
    if (existsSync(staged) && !existsSync(`${staged}-wal`) && sha256File(staged) === intent.sha256) {
      swapInStagedDatabase(dataDir);
      outcome = 'finished';
    } else if (!existsSync(staged)) {
      outcome = 'finished';
    }
  }
  removeRestoreLeftovers(dataDir);
  return outcome;
}
