/**
 * Sync bundles (`.mtsb`) between the Sync page and the disk. Saving follows pdf-output.ts: in the browser
 * mode each file is downloaded; in Electron a preload that offers `saveBundles` (one folder dialog for
 * every part of a split bundle, e.g. the USB stick) is used instead. Reading turns chosen or dropped files
 * into base64 for `sync.preview` / `sync.import`, reporting bytes read for the progress bar.
 */
import { bytesOf, downloadFile } from './pdf-output.ts';

export interface BundleFile {
  name: string;
  base64: string;
}

export type BundleSaveOutcome = 'saved' | 'downloaded' | 'cancelled' | 'failed';

/** What an Electron preload may add to `window.mts`; absent in the browser mode and until it is wired. */
interface BundleSaveBridge {
  saveBundles(files: { name: string; bytes: Uint8Array }[]): Promise<{ saved: true; folder: string } | { saved: false; reason: 'cancelled' | 'write-failed' }>;
}

function electron(): BundleSaveBridge | null {
  const bridge = window.mts as Partial<BundleSaveBridge> | undefined;
  return bridge && typeof bridge.saveBundles === 'function' ? (bridge as BundleSaveBridge) : null;
}

export const BUNDLE_EXTENSION = '.mtsb';
const BUNDLE_TYPE = 'application/octet-stream';

export async function saveBundles(files: readonly BundleFile[]): Promise<BundleSaveOutcome> {
  const bridge = electron();
  if (bridge) {
    const result = await bridge.saveBundles(files.map((file) => ({ name: file.name, bytes: bytesOf(file.base64) })));
    return result.saved ? 'saved' : result.reason === 'cancelled' ? 'cancelled' : 'failed';
  }
  for (const file of files) downloadFile(file.name, bytesOf(file.base64), BUNDLE_TYPE);
  return 'downloaded';
}

/** A small text file (the enrolment request) in the same shape as the files the API returns. */
export function textFile(name: string, text: string): BundleFile {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return { name, base64: btoa(binary) };
}

export function isBundleFile(file: File): boolean {
  return file.name.toLowerCase().endsWith(BUNDLE_EXTENSION);
}

/** Reads the files one after another as base64; `onProgress` gets the bytes read of all of them so far. */
export async function readAsBase64(files: readonly File[], onProgress: (loaded: number, total: number) => void): Promise<string[]> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let before = 0;
  const out: string[] = [];
  for (const file of files) {
    out.push(await readOne(file, (loaded) => onProgress(before + loaded, total)));
    before += file.size;
    onProgress(before, total);
  }
  return out;
}

function readOne(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.onload = () => {
      // A data URL: "data:<type>;base64," then the bytes.
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
