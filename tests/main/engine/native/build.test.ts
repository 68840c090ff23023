import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildLlamaServer, type BuildProgress } from '../../../../src-main/engine/native/build';
import { listNativeBuilds } from '../../../../src-main/engine/native/installed';
import { sha256File } from '../../../../src-main/platform/sha256';
import { useTempDirs } from '../../../helpers/temp-dir';
import { writeFakeToolchain } from './fake-toolchain-double';

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught as Error,
  );
}

describe.skipIf(process.platform === 'win32')('buildLlamaServer with a stand-in toolchain', () => {
  const tempDir = useTempDirs();
  const saved = { PATH: process.env.PATH, CXX: process.env.CXX, FAKE_FAIL: process.env.FAKE_FAIL };
  let cacheDir: string;

  async function useToolchain(without: string[] = []): Promise<void> {
    process.env.PATH = await writeFakeToolchain(join(await tempDir(), 'bin'), without);
  }

  beforeEach(async () => {
    cacheDir = join(await tempDir(), 'cache');
    delete process.env.CXX;
    delete process.env.FAKE_FAIL;
    await useToolchain();
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fetches, configures, builds only llama-server and installs it with a build.json; reuses it the second time', async () => {
    const events: BuildProgress[] = [];
    const lines: string[] = [];
    const { build, reused } = await buildLlamaServer({
      cacheDir,
      jobs: 3,
      onProgress: (event) => events.push(event),
      onLine: (line) => lines.push(line),
    });
    expect(reused).toBe(false);
    expect(build).toMatchObject({
      source: 'node-llama-cpp@3.22.1',
      llamaCppVersion: '0.5.0-dev',
      llamaCppTag: 'v0.5.0',
      commit: 'de3ff815e',
      options: { cuda: false, vulkan: false, metal: false, native: true },
      generator: 'Ninja',
      jobs: 3,
    });
    expect(build.dir).toBe(join(cacheDir, 'llama-server', `0.5.0-dev-${build.optionsHash}`));
    expect(build.binarySha256).toBe(await sha256File(build.binaryPath));
    expect(build.versionOutput).toContain('version: 0.5.0-dev');
    expect(JSON.parse(await readFile(join(build.dir, 'build.json'), 'utf8'))).toMatchObject({
      commit: 'de3ff815e',
    });
    expect(events.map((event) => event.phase)).toEqual(
      expect.arrayContaining(['check', 'fetch', 'configure', 'build', 'install', 'done']),
    );
    expect(
      events.filter((event) => event.phase === 'build' && event.total === 3).map((event) => event.done),
    ).toEqual([1, 2, 3]);
    expect(lines).toContain('[3/3] Building CXX object step3.o');
    // The download and the object files are gone; the source clone stays for another build.
    expect(existsSync(join(cacheDir, 'llama-server', 'downloads'))).toBe(false);
    expect(existsSync(join(cacheDir, 'llama-server', 'work', `0.5.0-dev-${build.optionsHash}`))).toBe(false);
    expect(
      existsSync(
        join(cacheDir, 'llama-server', 'source', 'llama.cpp-node-llama-cpp-3.22.1', 'CMakeLists.txt'),
      ),
    ).toBe(true);

    process.env.FAKE_FAIL = 'npm'; // a second build must not touch the network or the tools
    const again = await buildLlamaServer({ cacheDir });
    expect(again).toMatchObject({ reused: true, build: { binaryPath: build.binaryPath } });
    expect(await listNativeBuilds(cacheDir)).toHaveLength(1);
  });

  it.each([
    ['cmake', '`cmake --version` failed', 'Install CMake'],
    ['git', '`git --version` failed', 'Install git'],
    ['c++', 'No C++ compiler found', 'build-essential'],
  ])(
    'without %s: says which command failed and what to install, before downloading anything',
    async (tool, failed, advice) => {
      await useToolchain([tool]);
      const error = await failure(buildLlamaServer({ cacheDir }));
      expect(error).toMatchObject({ code: 'unavailable' });
      expect(error.message).toContain(failed);
      expect(error.message).toContain(advice);
      expect(existsSync(join(cacheDir, 'llama-server', 'downloads'))).toBe(false);
    },
  );

  it.each([
    ['npm', 'npm pack node-llama-cpp@3.22.1', 'check the network connection'],
    ['git', 'git clone --quiet', 'fatal: repository'],
    ['configure', 'cmake -S', 'CMAKE_CXX_COMPILER not set'],
    ['compile', 'cmake --build', "error: expected ';'"],
  ])('when %s fails: the exact command, its last output and a hint', async (step, command, output) => {
    process.env.FAKE_FAIL = step;
    const error = await failure(buildLlamaServer({ cacheDir }));
    expect(error).toMatchObject({ code: 'engine_failed' });
    expect(error.message).toContain(`\`${command}`);
    expect(error.message).toContain(output);
    expect(await listNativeBuilds(cacheDir)).toEqual([]);
  });

  it('refuses GPU options whose toolkit is missing, naming the tool; passes CUDA to CMake when nvcc is there', async () => {
    await expect(buildLlamaServer({ cacheDir, vulkan: true })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('`glslc --version` failed') as unknown,
    });
    // nvcc is looked for on the PATH and in /usr/local/cuda/bin, which some machines have.
    if (!existsSync('/usr/local/cuda/bin/nvcc')) {
      await expect(buildLlamaServer({ cacheDir, cuda: true })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('`nvcc --version` failed') as unknown,
      });
    } else {
      const lines: string[] = [];
      const { build } = await buildLlamaServer({ cacheDir, cuda: true, onLine: (line) => lines.push(line) });
      expect(build.options.cuda).toBe(true);
      expect(lines.find((line) => line.startsWith('-- configure:'))).toMatch(
        /-DGGML_CUDA=ON .*-DCMAKE_CUDA_COMPILER=\/usr\/local\/cuda\/bin\/nvcc/,
      );
    }
  });
});
