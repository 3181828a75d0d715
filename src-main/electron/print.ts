/**
 * Saving and printing PDFs the backend made (cards, registers). The page cannot write files or reach
 * printers itself, so it hands the bytes over here.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type SaveDialogOptions } from 'electron';
import type { PrintPdfResult, SavePdfResult } from './bridge-types.ts';
import { CHANNELS } from './channels.ts';
import { looksLikePdf, safePdfFileName } from './pdf-files.ts';
import { OneTimeDocuments } from './print-documents.ts';

const TEMP_PREFIX = 'mts-print-';
/**
 * Chromium's PDF viewer draws the pages after the load event; printing at once can give blank pages on
 * slow office PCs. There is no "rendered" event to wait for instead.
 */
const VIEWER_SETTLE_MS = 1500;

let printing = false;

/** Served by the app:// protocol handler in main.ts under /print/. */
export const printDocuments = new OneTimeDocuments();

export function registerPdfHandlers(isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHANNELS.savePdf, async (event, suggestedName: unknown, bytes: unknown): Promise<SavePdfResult> => {
    if (!isTrusted(event)) throw new Error('Refused: not the app window.');
    if (!looksLikePdf(bytes)) throw new Error('Refused: not a PDF.');
    return savePdf(BrowserWindow.fromWebContents(event.sender), safePdfFileName(suggestedName), bytes);
  });
  ipcMain.handle(CHANNELS.printPdf, async (event, bytes: unknown): Promise<PrintPdfResult> => {
    if (!isTrusted(event)) throw new Error('Refused: not the app window.');
    if (!looksLikePdf(bytes)) throw new Error('Refused: not a PDF.');
    // One at a time: a second click while the print dialog is open must not stack hidden windows.
    if (printing) return { printed: false, reason: 'busy' };
    printing = true;
    try {
      return await printPdf(BrowserWindow.fromWebContents(event.sender), bytes);
    } finally {
      printing = false;
    }
  });
}

async function savePdf(owner: BrowserWindow | null, fileName: string, bytes: Uint8Array): Promise<SavePdfResult> {
  const options: SaveDialogOptions = {
    title: 'PDF जतन करा / Save PDF',
    defaultPath: join(app.getPath('documents'), fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false, reason: 'cancelled' };
  try {
    await writeFile(choice.filePath, bytes);
  } catch {
    return { saved: false, reason: 'write-failed' };
  }
  return { saved: true, path: choice.filePath };
}

/**
 * Loads the PDF in a hidden window and opens the system print dialog for it, so the operator picks the
 * printer, copies and paper as in any other program. The window reads the PDF once from a one-time
 * app://mts/print/ address (print-documents.ts): nothing is written to disk, no file:// page is loaded.
 */
async function printPdf(owner: BrowserWindow | null, bytes: Uint8Array): Promise<PrintPdfResult> {
  const address = printDocuments.offer(bytes);
  const viewer = new BrowserWindow({
    show: false,
    ...(owner ? { parent: owner } : {}),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Chromium's built-in PDF viewer is the only plugin Electron has; it renders the file for printing.
      plugins: true,
      devTools: false,
      spellcheck: false,
    },
  });
  try {
    await viewer.loadURL(address);
    await delay(VIEWER_SETTLE_MS);
    return await new Promise<PrintPdfResult>((resolve) => {
      viewer.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        resolve(success ? { printed: true } : { printed: false, reason: failureReason || 'failed' });
      });
    });
  } catch {
    return { printed: false, reason: 'failed' };
  } finally {
    // Normally already used up by the window's one read; never left waiting in memory.
    printDocuments.withdraw(address);
    if (!viewer.isDestroyed()) viewer.destroy();
  }
}

/**
 * Temporary copies that versions before the app:// print route wrote, left behind by a crash or power
 * cut during printing (common in block offices): removed at start, since they hold personal data.
 */
export async function removeStalePrintFiles(): Promise<void> {
  const temp = app.getPath('temp');
  let entries: string[];
  try {
    entries = await readdir(temp);
  } catch {
    return;
  }
  await Promise.all(
    entries
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => rm(join(temp, name), { recursive: true, force: true }).catch(() => undefined)),
  );
}
