import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { BackendsReport, EngineSettingsView, NativeBuildView } from '../../../src-main/contract/engine';
import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { useTempDirs } from '../../helpers/temp-dir';
import { writeFakeServer } from '../engine/backends/fake-llama-server-double';
import { writeFakeToolchain } from '../engine/native/fake-toolchain-double';

describe('engine API: backends, settings and the native build', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  const savedPath = process.env.PATH;
  afterEach(async () => {
    process.env.PATH = savedPath;
    await api?.close();
    api = undefined;
  });
  const call = <T>(name: string, input: unknown) =>
    api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;

  it('stores remote servers and the chosen backend, and never returns an API key', async () => {
    api = await createApi({ home: await tempDir() });
    await call('engine.addRemote', {
      id: 'gpu-box',
      kind: 'llama-server',
      url: 'http://10.0.0.5:8080',
      apiKey: 'sk-very-secret',
    });
    await call('engine.addRemote', {
      id: 'vllm',
      kind: 'openai',
      url: 'https://vllm.example/v1',
      model: 'llava',
    });
    const view = await call<EngineSettingsView>('engine.setPreferred', {
      backend: 'remote:gpu-box',
      slots: 4,
    });
    expect(view).toEqual({
      preferred: 'remote:gpu-box',
      serverBinary: null,
      slots: 4,
      remotes: [
        { id: 'gpu-box', kind: 'llama-server', url: 'http://10.0.0.5:8080', hasApiKey: true, model: null },
        { id: 'vllm', kind: 'openai', url: 'https://vllm.example/v1', hasApiKey: false, model: 'llava' },
      ],
    });
    const report = await call<BackendsReport>('engine.backends', {});
    expect(JSON.stringify(report)).not.toContain('sk-very-secret');
    expect(report.recommendation).toEqual({ id: 'remote:gpu-box', reason: 'your choice (setting)' });
    expect(report.backends.map((backend) => backend.id)).toEqual(
      expect.arrayContaining(['llama-server:native', 'remote:gpu-box', 'remote:vllm']),
    );
    expect((await call<EngineSettingsView>('engine.removeRemote', { id: 'vllm' })).remotes).toHaveLength(1);
    await expect(
      call('engine.addRemote', { id: 'x', kind: 'llama-server', url: 'file:///etc/passwd' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('engine.setPreferred', { backend: 'anything' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'without a native build on Linux CPU, doctor recommends the binding and says how much slower it is and how to build',
    async () => {
      api = await createApi({ home: await tempDir() });
      const report = await call<BackendsReport>('engine.backends', {});
      const doctor = await call<{ recommendation?: { id: string }; backendWarnings?: string[] }>(
        'system.doctor',
        {},
      );
      if (report.recommendation.id !== 'llama-node:default') return; // a GPU machine recommends CUDA
      expect(report.warnings.join(' ')).toMatch(/79× slower .*npm run engine:build/);
      expect(doctor.recommendation?.id).toBe('llama-node:default');
      expect(doctor.backendWarnings).toEqual(report.warnings);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'uses an existing llama-server binary after checking that it runs',
    async () => {
      api = await createApi({ home: await tempDir() });
      const binary = await writeFakeServer(await tempDir());
      expect((await call<EngineSettingsView>('engine.setServerBinary', { path: binary })).serverBinary).toBe(
        binary,
      );
      const report = await call<BackendsReport>('engine.backends', {});
      expect(report.backends.find((backend) => backend.id === 'llama-server:custom')).toMatchObject({
        available: true,
      });
      await expect(
        call('engine.setServerBinary', { path: join(await tempDir(), 'missing') }),
      ).rejects.toMatchObject({ code: 'unavailable' });
      expect(
        (await call<EngineSettingsView>('engine.setServerBinary', { path: null })).serverBinary,
      ).toBeNull();
    },
  );

  it.skipIf(process.platform === 'win32')(
    'builds through the API as a task that reports its steps, then reuses the build',
    async () => {
      const home = await tempDir();
      process.env.PATH = await writeFakeToolchain(join(await tempDir(), 'bin'));
      api = await createApi({ home });
      const steps: string[] = [];
      api.services.events.subscribe((event, payload) => {
        if (event === 'log' && (payload as { source: string }).source === 'engine-build')
          steps.push((payload as { message: string }).message);
      });
      const first = await call<{ build: NativeBuildView; reused: boolean }>('engine.build', { jobs: 1 });
      expect(first.reused).toBe(false);
      expect(first.build).toMatchObject({
        usable: true,
        source: 'node-llama-cpp@3.22.1',
        binaryPath: expect.stringContaining(join(home, 'cache', 'llama-server')) as unknown,
      });
      expect(steps[0]).toMatch(/^Checking build tools/);
      expect(steps).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Downloading the llama.cpp source: npm pack node-llama-cpp@3.22.1/),
        ]),
      );
      expect((await call<{ reused: boolean }>('engine.build', {})).reused).toBe(true);
      const report = await call<BackendsReport>('engine.backends', {});
      expect(report.recommendation.id).toMatch(/llama-server:native|llama-node:cuda/);
      expect(report.nativeBuilds).toHaveLength(1);
    },
  );
});
