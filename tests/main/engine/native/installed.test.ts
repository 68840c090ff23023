import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  findNativeBuild,
  listNativeBuilds,
  type NativeBuildInfo,
} from '../../../../src-main/engine/native/installed';
import { useTempDirs } from '../../../helpers/temp-dir';

function info(overrides: Partial<NativeBuildInfo> = {}): NativeBuildInfo {
  return {
    schema: 1,
    source: 'node-llama-cpp@3.22.1',
    llamaCppVersion: '0.5.0-dev',
    llamaCppTag: 'v0.5.0',
    commit: 'de3ff815e',
    options: { cuda: false, vulkan: false, metal: false, native: true },
    optionsHash: 'aaaaaaaaaaaa',
    cpuFeatures: ['avx2', 'fma'],
    platform: process.platform,
    arch: process.arch,
    generator: 'Ninja',
    jobs: 2,
    builtAt: '2026-01-01T00:00:00.000Z',
    durationsMs: { fetch: 1, configure: 1, build: 1, total: 3 },
    binary: 'llama-server',
    binarySha256: '0'.repeat(64),
    versionOutput: 'version: 0.5.0-dev',
    ...overrides,
  };
}

async function install(cache: string, name: string, build: NativeBuildInfo | string, binary = true) {
  const dir = join(cache, 'llama-server', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'build.json'), typeof build === 'string' ? build : JSON.stringify(build));
  if (binary) await writeFile(join(dir, 'llama-server'), '');
}

describe('native builds in the cache', () => {
  const tempDir = useTempDirs();

  it('lists valid builds with their binary, newest first, and ignores broken or incomplete folders', async () => {
    const cache = await tempDir();
    expect(await listNativeBuilds(cache)).toEqual([]);
    await install(cache, 'old', info({ builtAt: '2026-01-01T00:00:00.000Z' }));
    await install(cache, 'new', info({ builtAt: '2026-02-01T00:00:00.000Z', optionsHash: 'bbbbbbbbbbbb' }));
    await install(cache, 'torn', '{"schema":1,');
    await install(cache, 'no-binary', info(), false);
    await mkdir(join(cache, 'llama-server', 'source'), { recursive: true });
    const builds = await listNativeBuilds(cache);
    expect(builds.map((build) => build.dir)).toEqual([
      join(cache, 'llama-server', 'new'),
      join(cache, 'llama-server', 'old'),
    ]);
    expect(builds[0]?.binaryPath).toBe(join(cache, 'llama-server', 'new', 'llama-server'));
  });

  it('uses only a build made for these CPU features, and a GPU build first when asked', async () => {
    const cache = await tempDir();
    await install(cache, 'other-cpu', info({ cpuFeatures: ['avx512f'] }));
    expect(await findNativeBuild(cache, ['fma', 'avx2'])).toBeUndefined();
    await install(cache, 'cpu', info());
    await install(
      cache,
      'cuda',
      info({
        options: { cuda: true, vulkan: false, metal: false, native: true },
        builtAt: '2026-03-01T00:00:00.000Z',
      }),
    );
    expect((await findNativeBuild(cache, ['fma', 'avx2']))?.dir).toContain('cpu');
    expect((await findNativeBuild(cache, ['fma', 'avx2'], true))?.dir).toContain('cuda');
  });
});
