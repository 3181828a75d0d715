// What other folders may use from here: only the type of `window.mts` (the rest is the Electron entry point).
export type { MtsBridge, PrintPdfResult, SavePdfResult } from './bridge-types.ts';
