import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Card PDFs hold names, IDs and photos, so they live on disk only from the end of rendering until the first
 * delivery. Each process renders into its own folder, `<data>/prints/<pid>/`, so a second copy of the app (the
 * command line while the window is open) can tell its own files from those another running copy still has to
 * deliver, and from the leftovers of one that crashed.
 */
export const PRINTS_DIR = 'prints';

/** Folders of print-job registries of this process: the only ones of this pid that are not leftovers. */
const foldersInUse = new Set<string>();

/** The folder this process renders into; from now on it is not a leftover. */
export function printsFolderOfThisProcess(dataDir: string): string {
  const folder = resolve(dataDir, PRINTS_DIR, String(process.pid));
  foldersInUse.add(folder);
  return folder;
}

/**
 * At start: removes every print file that no running copy of the app still needs: folders of processes that
 * are gone (a crash, a power cut, a killed command), and loose files from versions that kept PDFs for a day.
 */
export function removeLeftoverPrints(dataDir: string): void {
  const root = resolve(dataDir, PRINTS_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(root, name);
    if (/^\d+$/.test(name) && stillNeeded(path, Number(name))) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

function stillNeeded(folder: string, pid: number): boolean {
  // This pid may also be that of an earlier process that crashed: only our own registries' folders count.
  if (pid === process.pid) return foldersInUse.has(folder);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
