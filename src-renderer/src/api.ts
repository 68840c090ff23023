import type { WindowApi } from '@contract';

declare global {
  interface Window {
    api: WindowApi;
  }
}

/** The only way the renderer reaches the main side: the preload (Electron) or the bridge (browser mode). */
export function getApi(): WindowApi {
  return window.api;
}

/** The user-facing message of an API error (the main side already phrases it for people). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
