/**
 * Updates from the state's update server (the `publish` URL in electron-builder.yml). Offices are often
 * offline and a failed check is normal, so failures stay silent. Nothing is downloaded or installed
 * without the operator saying yes: an install restarts the app, which must never surprise someone in
 * the middle of registering a family.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import pkg from 'electron-updater';

const { autoUpdater } = pkg;

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export function startUpdater(window: BrowserWindow): void {
  // A development run has no app-update.yml and must never replace itself.
  if (!app.isPackaged) return;

  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  // Its default logger prints to the console; nothing about updates is worth keeping on an office PC.
  autoUpdater.logger = null;
  autoUpdater.on('error', () => {
    // Offline or server unreachable: try again at the next check.
  });

  const declined = new Set<string>();
  let asking = false;

  autoUpdater.on('update-available', (info) => {
    if (asking || declined.has(info.version)) return;
    asking = true;
    void ask(window, {
      type: 'info',
      title: 'MTS Block Office',
      message: 'नवीन आवृत्ती उपलब्ध आहे. / A new version is available.',
      detail: `${app.getVersion()} → ${info.version}\n\nआता डाउनलोड करायची? / Download it now?`,
      buttons: ['डाउनलोड करा / Download', 'नंतर / Later'],
      defaultId: 0,
      cancelId: 1,
    })
      .then((button) => {
        if (button === 0) return autoUpdater.downloadUpdate().then(() => undefined);
        declined.add(info.version);
        return undefined;
      })
      .catch(() => undefined)
      .finally(() => {
        asking = false;
      });
  });

  autoUpdater.on('update-downloaded', (info) => {
    void ask(window, {
      type: 'question',
      title: 'MTS Block Office',
      message: `आवृत्ती ${info.version} तयार आहे. / Version ${info.version} is ready to install.`,
      detail: 'स्थापित करताना अॅप बंद होईल; जतन न केलेले काम आधी जतन करा.\nThe app closes to install; save any open work first.',
      buttons: ['आता स्थापित करा / Install now', 'अॅप बंद करताना / When I close the app', 'नंतर / Later'],
      defaultId: 1,
      cancelId: 2,
    }).then((button) => {
      // Silent: the operator already agreed here; the installer then restarts the app.
      if (button === 0) autoUpdater.quitAndInstall(true, true);
      // Still the operator's choice: install on the next normal close.
      else if (button === 1) autoUpdater.autoInstallOnAppQuit = true;
    });
  });

  const check = (): void => {
    autoUpdater.checkForUpdates().catch(() => undefined);
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}

async function ask(window: BrowserWindow, options: MessageBoxOptions): Promise<number> {
  const result = window.isDestroyed() ? await dialog.showMessageBox(options) : await dialog.showMessageBox(window, options);
  return result.response;
}
