import { afterEach } from 'vitest';

import { createApi, type AppApi } from '../../src-main/api/create-api';
import type { ServiceOptions } from '../../src-main/app/services';
import { useTempDirs } from './temp-dir';

/**
 * The real API on a fresh app-data folder per test, closed after it, and a typed `call` through the same
 * dispatcher the IPC, the browser bridge and the CLI use.
 */
export function useTestApi() {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  return {
    tempDir,
    /** Opens the API (on a new temporary home unless one is given). */
    async open(options: ServiceOptions = {}): Promise<AppApi> {
      api = await createApi({ home: options.home ?? (await tempDir()), ...options });
      return api;
    },
    call<T>(name: string, input: unknown): Promise<T> {
      if (api === undefined) throw new Error('open() the API first');
      return api.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
    },
  };
}
