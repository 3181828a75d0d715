/**
 * Electron entry point: one locked-down window showing the renderer from `app://mts/`, and the same API
 * map the HTTP bridge serves, reached over IPC from the app's own page only. Everything that can be
 * decided without Electron lives in the pure modules next to this file and is unit-tested.
 */
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session as electronSession,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Session as ElectronSession,
  type WebContents,
} from 'electron';
import { createApi, type Api } from '../api/dispatch.ts';
import { Session } from '../api/session.ts';
import { CONTENT_SECURITY_POLICY } from '../bridge/csp.ts';
import { resolveDataDir } from '../common/data-dir.ts';
import { Problem } from '../common/problem.ts';
import { openOfficeData } from '../office/open.ts';
import type { OfficeData } from '../office/service.ts';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedNavigation, isAppUrl, isPrintRoute, isRemoteUrl, isTrustedSender } from './app-url.ts';
import { bundleFilesFromArgv, dataDirFromArgv } from './argv.ts';
import { announceOpenedBundles, queueOpenedBundles, registerOpenedBundles } from './opened-bundles.ts';
import { resolveAsset } from './assets.ts';
import { CHANNELS } from './channels.ts';
import { appLayout } from './layout.ts';
import { printDocuments, registerPdfHandlers, removeStalePrintFiles } from './print.ts';
import { osKeyProtection } from './safe-storage.ts';
import { startUpdater } from './updater.ts';

const PRODUCT_NAME = 'MTS Block Office';
/** Same as `appId` in electron-builder.yml, so the taskbar groups the window with the installed shortcut. */
const APP_ID = 'in.gov.maharashtra.mts.blockoffice';
const layout = appLayout(import.meta.url);

/** Sent with every app:// response, errors included, like the HTTP bridge does. */
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

let data: OfficeData | null = null;
let mainWindow: BrowserWindow | null = null;

// Both must happen before `ready`. `standard` gives app://mts a real origin (needed for module scripts,
// storage and the CSP's 'self'); `secure` makes it a secure context like https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Every renderer sandboxed, including the hidden print window, whatever its own options say.
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  // One writer per database (DESIGN 7), and one operator session: a second launch only focuses the first.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    // A .mtsb opened from Explorer while the app runs: the page previews it on the Sync screen.
    const window = mainWindow;
    void queueOpenedBundles(bundleFilesFromArgv(argv)).then(() => announceOpenedBundles(window.webContents));
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', closeData);
  void app.whenReady().then(start);
}

function start(): void {
  const dataDir = resolveDataDir(dataDirFromArgv(process.argv), join(app.getPath('userData'), 'data'));
  try {
    data = openOfficeData(dataDir, { keyProtection: osKeyProtection() });
  } catch (error) {
    failToStart(error);
    return;
  }
  const api = createApi(data);

  lockDown(electronSession.defaultSession);
  serveRenderer();
  registerApi(api);
  registerPdfHandlers(isTrusted);
  registerOpenedBundles(isTrusted);
  void queueOpenedBundles(bundleFilesFromArgv(process.argv));
  void removeStalePrintFiles();
  Menu.setApplicationMenu(buildMenu());

  startUpdater(createWindow());
}

/**
 * The database could not be opened: refused (newer version, not ours, damaged) or unreadable. Say so in
 * both languages and quit; nothing retries, repairs or recreates the file.
 */
function failToStart(error: unknown): void {
  if (error instanceof Problem) {
    dialog.showErrorBox(PRODUCT_NAME, `${error.text.mr}\n\n${error.text.en}`);
  } else {
    // The stack only: messages from the driver may quote paths or data.
    const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).join('\n') : '';
    console.error(`[mts] could not open the office data: ${error instanceof Error ? error.name : typeof error}\n${stack}`);
    dialog.showErrorBox(
      PRODUCT_NAME,
      'कार्यालयाचा डेटा उघडता आला नाही. अॅप बंद होत आहे; फाइल बदललेली नाही. तांत्रिक मदतीसाठी संपर्क करा.\n\n' +
        'The office data could not be opened. The app will close; the file has not been changed. Contact technical support.',
    );
  }
  app.exit(1);
}

function closeData(): void {
  // Closing checkpoints the WAL, so the .sqlite file alone is a complete copy for backups.
  data?.store.close();
  data = null;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: layout.preloadPath,
      // Set explicitly although they are Electron's defaults: the page must never reach Node, and a
      // security linter (or a future default change) should not have to guess.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Chromium's own PDF viewer, the only plugin Electron has, for previews of generated PDFs in blob: frames.
      plugins: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  // Known before the page loads: the preload's first IPC message is checked against this window.
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Applied to every webContents (the app window, the print window, anything Chromium creates). */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function lockDown(ses: ElectronSession): void {
  // The only permission ever granted: the camera (video, no microphone) to the app's own page, for
  // beneficiary photos. Everything else, and any other origin, is refused.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
    callback(permission === 'media' && isAppUrl(details.requestingUrl) && mediaTypes.every((type) => type === 'video'));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  // The app works offline and loads nothing remote; the CSP already forbids it, this stops it for sure.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isRemoteUrl(details.url) }));
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (isPrintRoute(request.url)) {
      // A PDF for the print window, once, from memory (print-documents.ts); never the app's page.
      const answer = printDocuments.answer(request.method, request.url);
      return answer.status === 200 ? new Response(answer.body, { status: 200, headers: answer.headers }) : plain(answer.status, answer.reason);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only');
    const asset = resolveAsset(request.url, { root: layout.rendererDir, isFile });
    if (asset.kind === 'refused') return plain(asset.status, asset.reason);
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(asset.path));
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': asset.contentType } });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function registerApi(api: Api): void {
  // One operator session for the window; a reload keeps the login, as the browser mode's bridge does.
  const session = new Session();
  ipcMain.on(CHANNELS.names, (event) => {
    event.returnValue = isTrusted(event) ? [...api.names] : [];
  });
  ipcMain.handle(CHANNELS.call, async (event, name: unknown, input: unknown) => {
    if (!isTrusted(event)) throw new Error('Refused: not the app window.');
    // A non-string name becomes "unknown action" through the same reply path as any other bad call.
    return api.call(session, typeof name === 'string' ? name : '', input);
  });
}

/** The app's own page in the top frame of the app window; not an iframe, not the print window. */
function isTrusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    frameUrl: frame && !frame.isDestroyed() ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    fromAppWindow: mainWindow !== null && !mainWindow.isDestroyed() && event.sender.id === mainWindow.webContents.id,
  });
}

function buildMenu(): Menu {
  // Labels in both languages: the menu is built before anyone logs in, so the operator's language is unknown.
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'पुन्हा लोड करा / Reload' },
    { type: 'separator' },
    { role: 'resetZoom', label: 'मूळ आकार / Actual size' },
    { role: 'zoomIn', label: 'मोठे करा / Zoom in' },
    { role: 'zoomOut', label: 'लहान करा / Zoom out' },
  ];
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return Menu.buildFromTemplate([
    { label: 'फाइल / File', submenu: [{ role: 'quit', label: 'बाहेर पडा / Quit' }] },
    { label: 'पहा / View', submenu: view },
    {
      label: 'मदत / Help',
      submenu: [
        {
          label: 'माहिती / About',
          click: () => {
            const options = {
              type: 'info' as const,
              title: PRODUCT_NAME,
              message: PRODUCT_NAME,
              detail: `आवृत्ती / Version ${app.getVersion()}\nएकात्मिक बाल विकास सेवा, महाराष्ट्र / ICDS Maharashtra`,
            };
            void (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ]);
}
