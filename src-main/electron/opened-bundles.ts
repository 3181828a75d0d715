// `.mtsb` files opened from Explorer (fileAssociations in electron-builder.yml): Windows starts the app,
// or hands the path to the running one (second-instance), and the page's Sync screen previews the
// import. Only files that look like bundles are read, and nothing is imported without the operator.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { OpenedBundleFile } from './bridge-types.ts';
import { CHANNELS } from './channels.ts';

/** A 10 MB bundle part with room to spare; anything larger is not one. */
const MAX_BYTES = 12 * 1024 * 1024;

const pending: OpenedBundleFile[] = [];

export async function queueOpenedBundles(paths: readonly string[]): Promise<number> {
  let queued = 0;
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size === 0 || info.size > MAX_BYTES) continue;
      pending.push({ name: basename(path), base64: (await readFile(path)).toString('base64') });
      queued += 1;
    } catch {
      // Gone or unreadable: the Sync page's own Import button remains.
    }
  }
  return queued;
}

export function registerOpenedBundles(isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHANNELS.openedBundles, (event) => (isTrusted(event) ? pending.splice(0) : []));
}

export function announceOpenedBundles(contents: WebContents): void {
  if (pending.length > 0) contents.send(CHANNELS.bundlesOpened);
}
