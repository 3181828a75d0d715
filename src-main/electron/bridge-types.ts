/**
 * The shape of `window.mts`, which the preload exposes in the Electron window. Types only and no
 * `electron` import, so the renderer can `import type` it.
 */
import type { HandlerName, InputOf, OutputOf, Reply } from '../api/contract.ts';

/** `write-failed` is typically the same file still open in a PDF reader (Windows locks it). */
export type SavePdfResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'write-failed' };
/** `reason` is Chromium's: 'cancelled' when the operator closes the dialog; 'busy' while another print runs. */
export type PrintPdfResult = { printed: true } | { printed: false; reason: string };

export interface MtsBridge {
  /** Every handler name the main process serves; `call` refuses any other. */
  readonly names: readonly HandlerName[];
  call<K extends HandlerName>(name: K, input: InputOf<K>): Promise<Reply<OutputOf<K>>>;
  /** Asks where to save (system dialog) and writes the file. */
  savePdf(suggestedName: string, bytes: Uint8Array): Promise<SavePdfResult>;
  /** Opens the system print dialog for the PDF. */
  printPdf(bytes: Uint8Array): Promise<PrintPdfResult>;
  /** Sync bundles opened from Explorer since the last call (then forgotten here). */
  openedBundles(): Promise<OpenedBundleFile[]>;
  /** Called when Explorer opens more bundles while the app runs. */
  onBundlesOpened(listener: () => void): void;
}

export interface OpenedBundleFile {
  name: string;
  base64: string;
}
