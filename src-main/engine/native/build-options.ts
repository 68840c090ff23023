import { sha256Text } from '../../platform/sha256';

/**
 * Where the llama.cpp source comes from: node-llama-cpp ships a git bundle of upstream llama.cpp
 * (ENGINE.md §6). Pinned, because the server's probability semantics depend on the version.
 */
export const LLAMA_CPP_SOURCE_PACKAGE = 'node-llama-cpp';
export const LLAMA_CPP_SOURCE_VERSION = '3.22.1';
export const LLAMA_CPP_SOURCE = `${LLAMA_CPP_SOURCE_PACKAGE}@${LLAMA_CPP_SOURCE_VERSION}`;

/** Bumped when the CMake flags below change, so an older build is not taken for a current one. */
export const BUILD_RECIPE_VERSION = 1;

export interface NativeBuildOptions {
  cuda: boolean;
  vulkan: boolean;
  metal: boolean;
}

export type Generator = 'Ninja' | 'Unix Makefiles' | 'default';

/** What makes two builds interchangeable: the source, the recipe, the GPU options and this CPU's features. */
export function optionsHash(options: NativeBuildOptions, cpuFeatures: readonly string[]): string {
  const identity = {
    source: LLAMA_CPP_SOURCE,
    recipe: BUILD_RECIPE_VERSION,
    platform: process.platform,
    arch: process.arch,
    cuda: options.cuda,
    vulkan: options.vulkan,
    metal: options.metal,
    // GGML_NATIVE compiles for this CPU: a build from a machine with other features may not even start.
    cpu: [...cpuFeatures].sort(),
  };
  return sha256Text(JSON.stringify(identity)).slice(0, 12);
}

export function describeOptions(options: NativeBuildOptions): string {
  const gpus = [options.cuda && 'CUDA', options.vulkan && 'Vulkan', options.metal && 'Metal'].filter(Boolean);
  return gpus.length === 0 ? 'CPU only' : `CPU + ${gpus.join(' + ')}`;
}

/**
 * CMake configure arguments: a Release build tuned for this CPU, static (one self-contained binary to
 * copy into the cache), with nothing that reaches the network at build or run time (no prebuilt web UI
 * download, no HTTPS client), and no tests or examples.
 */
export function cmakeConfigureArgs(
  sourceDir: string,
  buildDir: string,
  options: NativeBuildOptions,
  generator: Generator,
  extra: { cudaCompiler?: string } = {},
): string[] {
  const onOff = (value: boolean) => (value ? 'ON' : 'OFF');
  return [
    '-S',
    sourceDir,
    '-B',
    buildDir,
    ...(generator === 'default' ? [] : ['-G', generator]),
    '-DCMAKE_BUILD_TYPE=Release',
    '-DGGML_NATIVE=ON',
    '-DBUILD_SHARED_LIBS=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_EXAMPLES=OFF',
    // This llama.cpp has no LLAMA_CURL any more (it warns if given); its HTTP client is LLAMA_OPENSSL.
    '-DLLAMA_OPENSSL=OFF',
    '-DLLAMA_BUILD_UI=OFF',
    '-DLLAMA_USE_PREBUILT_UI=OFF',
    '-DGGML_CCACHE=OFF',
    `-DGGML_CUDA=${onOff(options.cuda)}`,
    `-DGGML_VULKAN=${onOff(options.vulkan)}`,
    `-DGGML_METAL=${onOff(options.metal)}`,
    ...(options.metal ? ['-DGGML_METAL_EMBED_LIBRARY=ON'] : []),
    ...(extra.cudaCompiler !== undefined ? [`-DCMAKE_CUDA_COMPILER=${extra.cudaCompiler}`] : []),
  ];
}

export function cmakeBuildArgs(buildDir: string, jobs: number): string[] {
  return ['--build', buildDir, '--config', 'Release', '--target', 'llama-server', '-j', String(jobs)];
}

export function serverBinaryName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'llama-server.exe' : 'llama-server';
}

/** Progress of a build step: ninja prints "[12/204] …", make prints "[ 42%] …". */
export function parseBuildProgress(line: string): { done: number; total: number } | undefined {
  const ninja = /^\[(\d+)\/(\d+)\]/.exec(line);
  if (ninja !== null) return { done: Number(ninja[1]), total: Number(ninja[2]) };
  const make = /^\[\s*(\d+)%\]/.exec(line);
  if (make !== null) return { done: Number(make[1]), total: 100 };
  return undefined;
}
