import { LlamaServerBackend } from '../engine/backends/llama-server';
import { findNativeBuild } from '../engine/native/installed';
import { resolveAppPaths } from '../platform/app-paths';
import { detectCpuFeatures } from '../platform/system-info';

/** The native llama-server for `--backend server`: $VALUE_ATLAS_LLAMA_SERVER, else this machine's build in the cache. */
export async function benchServerBinary(): Promise<string> {
  const fromEnv = process.env.VALUE_ATLAS_LLAMA_SERVER;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const build = await findNativeBuild(resolveAppPaths().cache, await detectCpuFeatures());
  if (build === undefined)
    throw new Error(
      'No native llama-server build for this machine: run npm run engine:build first (or set VALUE_ATLAS_LLAMA_SERVER).',
    );
  return build.binaryPath;
}

/**
 * A server backend for the benchmark. `naive: true` sends `cache_prompt: false`, so every item is
 * evaluated from scratch with its image encoded again: the fresh-context-per-question baseline (with the
 * server, alternating images is not enough: its RAM prompt cache would restore the other image's prefix).
 */
export function benchServerEngine(binaryPath: string, naive = false): LlamaServerBackend {
  return new LlamaServerBackend({ target: { kind: 'managed', binaryPath }, noPromptCache: naive });
}
