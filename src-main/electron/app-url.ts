/**
 * Where the app's own pages live and who may talk to the main process. Pure: no `electron` import, so the
 * rules are unit-tested in plain Node and the Electron code only wires them in.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'mts';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for `app://mts/...` and nothing else. Compares scheme and host rather than `URL.origin`: Node's URL
 * treats `app:` as a non-special scheme and reports its origin as "null", while Chromium (which sees it
 * registered as standard) reports "app://mts". Credentials or a port would mean a crafted URL.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * PDFs on their way to the print window are served under this path (print-documents.ts); none of its
 * addresses falls back to the app's page, and no page shown there may call the API.
 */
export const PRINT_PATH = '/print/';

/** True for any app:// address on the print route, valid or not. */
export function isPrintRoute(url: string): boolean {
  return isAppUrl(url) && new URL(url).pathname.startsWith(PRINT_PATH);
}

/** What the IPC layer knows about a message's sender, reduced to plain values. */
export interface SenderFacts {
  /** The frame that sent it; Electron gives null once that frame navigated away or was destroyed. */
  frameUrl: string | null;
  /** The frame has no parent: not an iframe (a PDF preview or anything else embedded). */
  isMainFrame: boolean;
  /** The message came from the webContents of the app window, not a print window or anything else. */
  fromAppWindow: boolean;
}

/** Only the app's own page, in the top frame of the app window, may call the API; never a print document. */
export function isTrustedSender(sender: SenderFacts): boolean {
  return (
    sender.frameUrl !== null &&
    sender.fromAppWindow &&
    sender.isMainFrame &&
    isAppUrl(sender.frameUrl) &&
    !isPrintRoute(sender.frameUrl)
  );
}

/**
 * The window may only ever show the app: links and scripts cannot take it anywhere else, nor to a print
 * document (the main process opens those itself with loadURL, which is not a page-started navigation).
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url) && !isPrintRoute(url);
}

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * Network URLs, which the app's pages never need: the app is served from `app://` and works offline.
 * Blocked for the window's session as a second wall behind the CSP. Unparseable URLs count as remote.
 */
export function isRemoteUrl(url: string): boolean {
  try {
    return REMOTE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}
