import type { BackendAvailability } from '../backends';
import { describeOptions } from './build-options';
import type { InstalledBuild } from './installed';

export interface RemoteEndpointFacts {
  id: string;
  kind: 'llama-server' | 'openai';
  url: string;
}

export interface ServerBackendFacts {
  /** Every build in the cache; `usable` is the one for this machine, if any. */
  builds: readonly InstalledBuild[];
  usable: InstalledBuild | undefined;
  /** A llama-server binary the user pointed Value Atlas at (setting), if any. */
  customBinary: string | null;
  customBinaryExists: boolean;
  remotes: readonly RemoteEndpointFacts[];
}

export interface Recommendation {
  id: string;
  reason: string;
}

/** ENGINE.md §5: the @fugood Linux x64 prebuilts have no AVX code; measured on the 2-core AVX2 machine. */
export const LINUX_CPU_SLOWDOWN =
  'The llama.node CPU prebuilt for Linux x64 has no AVX/AVX2 code: measured against a native AVX2 llama.cpp build on the same CPU it is 79× slower at encoding images, 17–21× slower at prompt processing and 8× slower at generating (a 7B survey pair: ≈5 h instead of ≈18 min on 2 cores).';

export const BUILD_ADVICE =
  'Build the native server once with `npm run engine:build` (or `value-atlas engine build`; about 5–6 min on 2 cores, needs cmake, git and a C++ compiler).';

export function describeServerBackends(facts: ServerBackendFacts): BackendAvailability[] {
  const entries: BackendAvailability[] = [];
  const build = facts.usable;
  entries.push({
    id: 'llama-server:native',
    label: 'llama-server native build',
    available: build !== undefined,
    note:
      build !== undefined
        ? `llama.cpp ${build.llamaCppVersion} (${build.commit}), ${describeOptions(build.options)}, built ${build.builtAt.slice(0, 10)}: ${build.binaryPath}`
        : facts.builds.length > 0
          ? `${facts.builds.length} build(s) in the cache were made for another CPU or platform; build again here. ${BUILD_ADVICE}`
          : `not built yet. ${BUILD_ADVICE}`,
  });
  if (facts.customBinary !== null) {
    entries.push({
      id: 'llama-server:custom',
      label: 'llama-server (your binary)',
      available: facts.customBinaryExists,
      note: facts.customBinaryExists ? facts.customBinary : `${facts.customBinary} does not exist`,
    });
  }
  for (const remote of facts.remotes) {
    entries.push({
      id: `remote:${remote.id}`,
      label:
        remote.kind === 'openai'
          ? `OpenAI-compatible server '${remote.id}'`
          : `remote llama-server '${remote.id}'`,
      available: true,
      note: `${remote.url}${remote.kind === 'openai' ? ' (text generation only: chat completions cannot score option probabilities)' : ''}`,
    });
  }
  return entries;
}

/** Picks the backend to use: the user's choice if it is available, else the fastest one found here. */
export function recommendBackend(
  backends: readonly BackendAvailability[],
  options: { preferred: string | null; nvidiaGpu: boolean; linuxX64: boolean },
): Recommendation {
  const available = (id: string) => backends.some((backend) => backend.id === id && backend.available);
  if (options.preferred !== null && available(options.preferred))
    return { id: options.preferred, reason: 'your choice (setting)' };
  const native = backends.find((backend) => backend.id === 'llama-server:native');
  const nativeGpu = native?.available === true && /CUDA|Vulkan|Metal/.test(native.note ?? '');
  if (options.nvidiaGpu && nativeGpu)
    return { id: 'llama-server:native', reason: 'native llama.cpp build with GPU offload' };
  if (options.nvidiaGpu && available('llama-node:cuda'))
    return { id: 'llama-node:cuda', reason: 'an NVIDIA GPU is present and the CUDA binding is installed' };
  if (native?.available === true)
    return { id: 'llama-server:native', reason: 'native llama.cpp build tuned for this CPU' };
  if (available('llama-server:custom'))
    return { id: 'llama-server:custom', reason: 'your llama-server binary' };
  if (available('llama-node:vulkan') && !options.linuxX64)
    return { id: 'llama-node:vulkan', reason: 'GPU offload through Vulkan' };
  return {
    id: 'llama-node:default',
    reason: options.linuxX64
      ? `the only local backend; ${LINUX_CPU_SLOWDOWN} ${BUILD_ADVICE}`
      : 'the binding prebuilt for this platform',
  };
}
