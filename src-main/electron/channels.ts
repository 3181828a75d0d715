/**
 * IPC channel names. The sandboxed preload cannot import this file (it may only require `electron`), so
 * it repeats the strings; a unit test checks that both sides agree.
 */
export const CHANNELS = {
  names: 'mts:names',
  call: 'mts:call',
  savePdf: 'mts:save-pdf',
  printPdf: 'mts:print-pdf',
  openedBundles: 'mts:opened-bundles',
  bundlesOpened: 'mts:bundles-opened',
} as const;
