import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { app, BrowserWindow, session } from 'electron';

import { createApi, type AppApi } from '../api/create-api';
import { HOME_ENV } from '../platform/app-paths';
import { spawnUtilityEngine } from './engine-spawner';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { wireIpc } from './ipc';
import { lockDownContents, lockDownSession } from './security';

const rendererIndex = join(__dirname, '../renderer/index.html');
const appUrlPrefix = `file://${join(__dirname, '../renderer')}`;
let api: AppApi | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1024,
    minHeight: 700,
    title: 'Value Atlas',
    show: false,
    // Written out in full, not built by a helper, so reviewers and scanners see every setting here.
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDownContents(window.webContents, appUrlPrefix);
  window.once('ready-to-show', () => window.show());
  window
    .loadFile(rendererIndex)
    .catch((error: unknown) => console.error('Cannot load the app window:', error));
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  const repoModels = join(__dirname, '../../models');
  api = await createApi({
    // The OS app-data folder unless VALUE_ATLAS_HOME says otherwise (tests, portable installs).
    home: process.env[HOME_ENV] ?? app.getPath('userData'),
    modelFolders: existsSync(repoModels) ? [repoModels] : [],
    electronVersion: process.versions.electron,
    engineSpawner: spawnUtilityEngine,
  });
  wireIpc(api, appUrlPrefix);
  handleMediaProtocol(api);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

registerMediaScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, appUrlPrefix));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    api?.close().catch((error: unknown) => console.error('Error while closing:', error));
  });
  start().catch((error: unknown) => {
    console.error('Value Atlas failed to start:', error);
    app.exit(1);
  });
}
