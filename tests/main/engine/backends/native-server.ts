import { existsSync } from 'node:fs';

import { findNativeBuild } from '../../../../src-main/engine/native/installed';
import { resolveAppPaths } from '../../../../src-main/platform/app-paths';
import { detectCpuFeatures } from '../../../../src-main/platform/system-info';

/** Points the tests at a llama-server binary instead of the app-data cache (CI, a custom build). */
export const SERVER_ENV = 'VALUE_ATLAS_LLAMA_SERVER';

export type NativeServer = { binaryPath: string; skip: false } | { skip: true; reason: string };

/**
 * The native llama-server these tests can use: $VALUE_ATLAS_LLAMA_SERVER, else the build for this machine
 * in the app-data cache (VALUE_ATLAS_HOME or the OS app-data folder). When there is none, the reason to
 * skip says exactly how to get one.
 */
export async function findTestServer(): Promise<NativeServer> {
  const fromEnv = process.env[SERVER_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    return existsSync(fromEnv)
      ? { binaryPath: fromEnv, skip: false }
      : { skip: true, reason: `${SERVER_ENV}=${fromEnv} does not exist` };
  }
  const cache = resolveAppPaths().cache;
  const build = await findNativeBuild(cache, await detectCpuFeatures());
  if (build !== undefined) return { binaryPath: build.binaryPath, skip: false };
  return {
    skip: true,
    reason: `no native llama-server build for this machine in ${cache}/llama-server (run npm run engine:build, or set ${SERVER_ENV})`,
  };
}
