// Sync bundle files and the desktop: saving an export to a folder (the USB stick) with one dialog for
// every part, and `.mtsb` files opened from Explorer (fileAssociations in electron-builder.yml): Windows starts the app,
// or hands the path to the running one (second-instance), and the page's Sync screen previews the
// import. Only files that look like bundles are read, and nothing is imported without the operator.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type WebContents } from 'electron';
import type { OpenedBundleFile, SaveBundlesResult } from './bridge-types.ts';
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

/** Names the API gives bundles (exchange/export.ts exportFileNames); anything else is refused. */
const BUNDLE_NAME = /^mts-[0-9a-z-]{1,120}\.mtsb$/;
const MAGIC = [0x4d, 0x54, 0x53, 0x42]; // "MTSB", src-main/sync/format.ts

function isBundleList(files: unknown): files is { name: string; bytes: Uint8Array }[] {
  return (
    Array.isArray(files) &&
    files.length > 0 &&
    files.length <= 10_000 &&
    files.every(
      (file: unknown) =>
        typeof file === 'object' &&
        file !== null &&
        typeof (file as { name?: unknown }).name === 'string' &&
        BUNDLE_NAME.test((file as { name: string }).name) &&
        (file as { bytes?: unknown }).bytes instanceof Uint8Array &&
        MAGIC.every((byte, i) => (file as { bytes: Uint8Array }).bytes[i] === byte),
    )
  );
}

export function registerBundleHandlers(isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHANNELS.openedBundles, (event) => (isTrusted(event) ? pending.splice(0) : []));
  ipcMain.handle(CHANNELS.saveBundles, async (event, files: unknown): Promise<SaveBundlesResult> => {
    if (!isTrusted(event)) throw new Error('Refused: not the app window.');
    if (!isBundleList(files)) throw new Error('Refused: not sync bundles.');
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: OpenDialogOptions = {
      title: 'बंडल कुठे जतन करायची (USB) / Where to save the bundle (USB stick)',
      properties: ['openDirectory', 'createDirectory'],
    };
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const folder = choice.filePaths[0];
    if (choice.canceled || !folder) return { saved: false, reason: 'cancelled' };
    try {
      for (const file of files) await writeFile(join(folder, file.name), file.bytes);
    } catch {
      return { saved: false, reason: 'write-failed' };
    }
    return { saved: true, folder };
  });
}

export function announceOpenedBundles(contents: WebContents): void {
  if (pending.length > 0) contents.send(CHANNELS.bundlesOpened);
}
