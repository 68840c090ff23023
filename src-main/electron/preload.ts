import { contextBridge, ipcRenderer } from 'electron';

import { buildWindowApi } from '../api/window-api';

// The method list comes from the main process, so the preload stays free of the contract's dependencies.
const methodNames = ipcRenderer.sendSync('api:methods') as string[];
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('api:event', (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = buildWindowApi(
  methodNames,
  (name, input) =>
    ipcRenderer.invoke('api:invoke', name, input) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    }>,
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);

contextBridge.exposeInMainWorld('api', api);
