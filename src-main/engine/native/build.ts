import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

import { AppError } from '../../domain/errors';
import { writeFileAtomic } from '../../platform/atomic-write';
import { sha256File } from '../../platform/sha256';
import { detectCpuFeatures } from '../../platform/system-info';
import {
  cmakeBuildArgs,
  cmakeConfigureArgs,
  describeOptions,
  LLAMA_CPP_SOURCE,
  optionsHash,
  parseBuildProgress,
  serverBinaryName,
  type Generator,
  type NativeBuildOptions,
} from './build-options';
import { listNativeBuilds, nativeBuildRoot, type InstalledBuild, type NativeBuildInfo } from './installed';
import { commandWorks, runCommand } from './run-command';
import { fetchLlamaCppSource } from './source';

export interface BuildProgress {
  phase: 'check' | 'fetch' | 'configure' | 'build' | 'install' | 'done';
  message: string;
  done?: number;
  total?: number;
}

export interface BuildRequest extends Partial<NativeBuildOptions> {
  /** `<app-data>/cache`. */
  cacheDir: string;
  /** Parallel compile jobs; all cores by default. */
  jobs?: number;
  /** Build again even when a matching build exists. */
  force?: boolean;
  onProgress?: (event: BuildProgress) => void;
  /** Every line the tools print, for a log. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface BuildOutcome {
  build: InstalledBuild;
  /** True when a matching build was already in the cache and nothing was built. */
  reused: boolean;
}

const CMAKE_HINT =
  'Install CMake 3.14+ (Debian/Ubuntu: sudo apt install cmake build-essential; macOS: brew install cmake; Windows: winget install Kitware.CMake).';
const COMPILER_HINT =
  'Install a C/C++ compiler (Debian/Ubuntu: sudo apt install build-essential; macOS: xcode-select --install; Windows: Visual Studio Build Tools with "Desktop development with C++").';

async function findCompiler(): Promise<string | undefined> {
  if (process.platform === 'win32') return 'MSVC (found by CMake)';
  for (const candidate of [process.env.CXX, 'c++', 'g++', 'clang++']) {
    if (candidate !== undefined && candidate !== '' && (await commandWorks(candidate))) return candidate;
  }
  return undefined;
}

async function findCudaCompiler(): Promise<string | undefined> {
  for (const candidate of ['nvcc', '/usr/local/cuda/bin/nvcc'])
    if (await commandWorks(candidate)) return candidate;
  return undefined;
}

async function chooseGenerator(): Promise<Generator> {
  if (await commandWorks('ninja')) return 'Ninja';
  if (process.platform !== 'win32' && (await commandWorks('make'))) return 'Unix Makefiles';
  return 'default';
}

/** Checks every tool the build needs before downloading anything, so a missing one fails fast and plainly. */
async function checkTools(
  options: NativeBuildOptions,
): Promise<{ generator: Generator; cudaCompiler?: string }> {
  await runCommand('cmake', ['--version'], { installHint: CMAKE_HINT });
  await runCommand('git', ['--version'], {
    installHint: 'Install git (Debian/Ubuntu: sudo apt install git).',
  });
  if ((await findCompiler()) === undefined)
    throw new AppError(
      'unavailable',
      `No C++ compiler found (tried $CXX, c++, g++, clang++). ${COMPILER_HINT}`,
    );
  let cudaCompiler: string | undefined;
  if (options.cuda) {
    cudaCompiler = await findCudaCompiler();
    if (cudaCompiler === undefined)
      throw new AppError(
        'unavailable',
        '--cuda needs the CUDA toolkit: `nvcc --version` failed. Install CUDA 12 (nvcc on the PATH or in /usr/local/cuda/bin), or build without --cuda.',
      );
  }
  if (options.vulkan && !(await commandWorks('glslc')))
    throw new AppError(
      'unavailable',
      '--vulkan needs the Vulkan SDK: `glslc --version` failed. Install it (Debian/Ubuntu: sudo apt install libvulkan-dev glslc), or build without --vulkan.',
    );
  if (options.metal && process.platform !== 'darwin')
    throw new AppError('unsupported', '--metal is only for macOS.');
  return { generator: await chooseGenerator(), ...(cudaCompiler !== undefined ? { cudaCompiler } : {}) };
}

/**
 * Builds upstream llama.cpp's `llama-server` for this machine into `<cache>/llama-server/<version>-<hash>/`
 * with a `build.json`; once per machine and set of options (an existing matching build is reused).
 */
export async function buildLlamaServer(request: BuildRequest): Promise<BuildOutcome> {
  const options: NativeBuildOptions = {
    cuda: request.cuda ?? false,
    vulkan: request.vulkan ?? false,
    metal: request.metal ?? false,
  };
  const jobs = Math.max(1, Math.floor(request.jobs ?? availableParallelism()));
  const report = (event: BuildProgress) => request.onProgress?.(event);
  const started = Date.now();
  const cpuFeatures = await detectCpuFeatures();
  const hash = optionsHash(options, cpuFeatures);
  const existing = (await listNativeBuilds(request.cacheDir)).find((build) => build.optionsHash === hash);
  if (existing !== undefined && request.force !== true) {
    report({ phase: 'done', message: `Already built: ${existing.binaryPath} (use --force to build again)` });
    return { build: existing, reused: true };
  }

  report({ phase: 'check', message: `Checking build tools (${describeOptions(options)}, ${jobs} jobs)` });
  const tools = await checkTools(options);
  const root = nativeBuildRoot(request.cacheDir);
  const common = {
    ...(request.onLine !== undefined ? { onLine: request.onLine } : {}),
    ...(request.signal !== undefined ? { signal: request.signal } : {}),
  };
  const source = await fetchLlamaCppSource(root, {
    ...common,
    onStep: (message) => report({ phase: 'fetch', message }),
  });
  const fetchMs = Date.now() - started;

  const key = `${source.version}-${hash}`;
  const workDir = join(root, 'work', key);
  await rm(workDir, { recursive: true, force: true });
  report({
    phase: 'configure',
    message: `Configuring llama.cpp ${source.version} (${source.commit}) with CMake, ${tools.generator} generator`,
  });
  const configureStarted = Date.now();
  await runCommand('cmake', cmakeConfigureArgs(source.dir, workDir, options, tools.generator, tools), {
    ...common,
    installHint: CMAKE_HINT,
    failureHint: `CMake could not configure the build. ${COMPILER_HINT}`,
  });
  const configureMs = Date.now() - configureStarted;

  report({
    phase: 'build',
    message: `Compiling llama-server with ${jobs} jobs (several minutes on a small machine)`,
  });
  const buildStarted = Date.now();
  await runCommand('cmake', cmakeBuildArgs(workDir, jobs), {
    ...common,
    onLine: (line) => {
      request.onLine?.(line);
      const step = parseBuildProgress(line);
      if (step !== undefined) report({ phase: 'build', message: line.slice(0, 160), ...step });
    },
    failureHint: 'The compiler failed; the last lines below say why.',
  });
  const buildMs = Date.now() - buildStarted;

  const binary = serverBinaryName();
  const built = [join(workDir, 'bin', binary), join(workDir, 'bin', 'Release', binary)].find((path) =>
    existsSync(path),
  );
  if (built === undefined)
    throw new AppError(
      'engine_failed',
      `The build finished but ${binary} is not in ${join(workDir, 'bin')}.`,
    );
  const finalDir = join(root, key);
  report({ phase: 'install', message: `Installing into ${finalDir}` });
  await rm(finalDir, { recursive: true, force: true });
  await mkdir(finalDir, { recursive: true });
  const binaryPath = join(finalDir, binary);
  await copyFile(built, binaryPath);
  await chmod(binaryPath, 0o755);
  let versionOutput = '';
  await runCommand(binaryPath, ['--version'], {
    onLine: (line) => (versionOutput += `${versionOutput === '' ? '' : '\n'}${line}`),
    failureHint: 'The freshly built llama-server does not run.',
  });
  const info: NativeBuildInfo = {
    schema: 1,
    source: LLAMA_CPP_SOURCE,
    llamaCppVersion: source.version,
    llamaCppTag: source.tag,
    commit: source.commit,
    options: { ...options, native: true },
    optionsHash: hash,
    cpuFeatures,
    platform: process.platform,
    arch: process.arch,
    generator: tools.generator,
    jobs,
    builtAt: new Date().toISOString(),
    durationsMs: { fetch: fetchMs, configure: configureMs, build: buildMs, total: Date.now() - started },
    binary,
    binarySha256: await sha256File(binaryPath),
    versionOutput,
  };
  await writeFileAtomic(join(finalDir, 'build.json'), `${JSON.stringify(info, null, 2)}\n`);
  // The object files are ~200 MB and only useful for this very build; the source clone stays.
  await rm(workDir, { recursive: true, force: true });
  const minutes = (info.durationsMs.total / 60_000).toFixed(1);
  report({ phase: 'done', message: `Built ${binaryPath} in ${minutes} min` });
  return { build: { ...info, dir: finalDir, binaryPath }, reused: false };
}
