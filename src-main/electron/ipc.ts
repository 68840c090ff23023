import { BrowserWindow, ipcMain } from 'electron';

import type { AppApi } from '../api/create-api';

/**
 * The one place that touches raw Electron IPC. Every call goes to the same dispatcher as the other
 * doors, which validates its input; messages from anything but our own windows are refused.
 */
export function wireIpc(api: AppApi, appUrlPrefix: string): () => void {
  const fromOurWindow = (sender: Electron.WebContents, frameUrl: string | undefined) =>
    BrowserWindow.fromWebContents(sender) !== null && (frameUrl ?? '').startsWith(appUrlPrefix);

  ipcMain.on('api:methods', (event) => {
    event.returnValue = fromOurWindow(event.sender, event.senderFrame?.url) ? api.methodNames : [];
  });
  ipcMain.handle('api:invoke', async (event, name: unknown, input: unknown) => {
    if (!fromOurWindow(event.sender, event.senderFrame?.url)) {
      return {
        ok: false,
        error: { code: 'forbidden_path', message: 'Calls are accepted from the app window only.' },
      };
    }
    return api.dispatcher.invoke(typeof name === 'string' ? name : '', input, { door: 'ipc' });
  });
  const unsubscribe = api.services.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('api:event', event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeAllListeners('api:methods');
    ipcMain.removeHandler('api:invoke');
  };
}
