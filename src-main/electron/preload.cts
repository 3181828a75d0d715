/**
 * Runs in the sandboxed renderer before the page. CommonJS because sandboxed preloads cannot be ES
 * modules, and it may require nothing but `electron`: the channel names below repeat channels.ts (a unit
 * test keeps them equal). Exposes only the API's own handler names and two PDF helpers — never
 * `ipcRenderer` itself, which would let the page send on any channel.
 */
import electron = require('electron');
import type { MtsBridge } from './bridge-types.ts';

const { contextBridge, ipcRenderer } = electron;

// Synchronous once, at start-up, so `window.mts.names` is a plain array when the page's scripts run.
const received: unknown = ipcRenderer.sendSync('mts:names');
const names: readonly string[] = Object.freeze(
  Array.isArray(received) ? received.filter((name): name is string => typeof name === 'string') : [],
);

const bridge: MtsBridge = {
  names: names as MtsBridge['names'],
  call(name, input) {
    // Checked here too so a typo fails fast in the page; the main process checks again regardless.
    if (typeof name !== 'string' || !names.includes(name)) {
      return Promise.reject(new Error(`Unknown action "${String(name)}".`));
    }
    return ipcRenderer.invoke('mts:call', name, input);
  },
  savePdf(suggestedName, bytes) {
    return ipcRenderer.invoke('mts:save-pdf', suggestedName, bytes);
  },
  printPdf(bytes) {
    return ipcRenderer.invoke('mts:print-pdf', bytes);
  },
  openedBundles() {
    return ipcRenderer.invoke('mts:opened-bundles');
  },
  onBundlesOpened(listener) {
    // Only the notification crosses; the page then asks for the files through openedBundles.
    ipcRenderer.on('mts:bundles-opened', () => listener());
  },
};

contextBridge.exposeInMainWorld('mts', bridge);
