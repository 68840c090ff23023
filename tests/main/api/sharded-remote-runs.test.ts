import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { ItemDetail, RunDetail } from '../../../src-main/contract/runs';
import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { ManagedServer } from '../../../src-main/engine/backends/llama-server-process';
import { syntheticGoqaCsv } from '../../helpers/goqa-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { useTestApi } from '../../helpers/test-api';
import { findTestServer } from '../engine/backends/native-server';

const server = await findTestServer();
const EXPERIMENT = {
  name: 'sharded',
  models: ['value-atlas-demo'],
  countries: ['NG', 'JP', 'BR'],
  datasetId: 1,
  conditions: ['T', 'blank'],
  questionLimit: 6,
};

describe.skipIf(server.skip)(
  `a run sharded across two llama.cpp servers${server.skip ? ` — skipped: ${server.reason}` : ''}`,
  () => {
    const tempDir = useTempDirs();
    let api: AppApi | undefined;
    const servers: ManagedServer[] = [];
    afterEach(async () => {
      await api?.close();
      api = undefined;
      await Promise.all(servers.splice(0).map((entry) => entry.stop()));
    });
    const call = <T>(name: string, input: unknown) =>
      api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;

    it('keeps going on the other server when one is killed mid-run: every item once, the same numbers', async () => {
      if (server.skip) return;
      api = await createApi({ home: await tempDir() });
      await call('models.createDemo', {});
      const csv = join(await tempDir(), 'goqa.csv');
      await writeFile(csv, syntheticGoqaCsv());
      await call('data.importGoqa', { path: csv });
      const demo = await api.services.models.find('value-atlas-demo');
      // Two servers the user "runs elsewhere": started here, then reached only through their URLs and keys.
      for (const id of ['lab-a', 'lab-b']) {
        const started = await ManagedServer.start({
          binaryPath: server.binaryPath,
          modelPath: demo.modelPath,
          ...(demo.mmprojPath !== null ? { mmprojPath: demo.mmprojPath } : {}),
          contextSize: 2048,
          slots: 1,
          threads: 1,
          gpuLayers: 0,
        });
        servers.push(started);
        await call('engine.addRemote', {
          id,
          kind: 'llama-server',
          url: started.target.baseUrl,
          ...(started.target.apiKey !== undefined ? { apiKey: started.target.apiKey } : {}),
        });
      }
      const items = async (runId: number) => {
        const page = await call<{ items: { itemKey: string }[] }>('runs.items', { runId, limit: 500 });
        return Promise.all(
          page.items.map((item) => call<ItemDetail>('runs.item', { runId, itemKey: item.itemKey })),
        );
      };

      const single = await call<{ runId: number }>('runs.create', {
        experiment: { ...EXPERIMENT, engine: { backend: 'remote', remote: 'lab-a' } },
      });
      await api.services.alignment().manager.waitForIdle();
      const sharded = await call<{ runId: number; itemCount: number }>('runs.create', {
        experiment: { ...EXPERIMENT, engine: { backend: 'remote', remote: 'lab-a', shards: ['lab-b'] } },
      });
      // Kill lab-b once it has done some of the work.
      await expect
        .poll(async () => (await call<RunDetail>('runs.get', { runId: sharded.runId })).counts.done, {
          interval: 20,
          timeout: 60_000,
        })
        .toBeGreaterThan(4);
      servers[1]!.kill();
      const atKill = (await call<RunDetail>('runs.get', { runId: sharded.runId })).counts;
      expect(atKill.pending).toBeGreaterThan(0); // killed mid-run, not after it
      await api.services.alignment().manager.waitForIdle();

      const detail = await call<RunDetail>('runs.get', { runId: sharded.runId });
      expect(detail.state).toBe('completed');
      expect(detail.counts).toMatchObject({ errors: 0, pending: 0, done: sharded.itemCount, fromCache: 0 });
      const reference = new Map((await items(single.runId)).map((item) => [item.itemKey, item]));
      const results = await items(sharded.runId);
      expect(new Set(results.map((item) => item.itemKey)).size).toBe(sharded.itemCount);
      let maxDifference = 0;
      for (const item of results) {
        const expected = reference.get(item.itemKey)!;
        item.predicted!.forEach((p, option) => {
          maxDifference = Math.max(maxDifference, Math.abs(p - expected.predicted![option]!));
        });
      }
      console.info(
        `sharded run (one server killed mid-run) vs one server: ${results.length} items, max |Δp| ${maxDifference.toExponential(2)}`,
      );
      expect(maxDifference).toBeLessThan(5e-3);
    });
  },
);

describe("checking a run's endpoints before it exists", () => {
  const { tempDir, open, call } = useTestApi();

  it('refuses to score through an OpenAI-compatible endpoint, saying why, before the run exists', async () => {
    await open();
    await call('models.createDemo', {});
    const csv = join(await tempDir(), 'goqa.csv');
    await writeFile(csv, syntheticGoqaCsv());
    await call('data.importGoqa', { path: csv });
    await call('engine.addRemote', { id: 'vllm', kind: 'openai', url: 'http://127.0.0.1:9/v1' });
    await expect(
      call('runs.create', { experiment: { ...EXPERIMENT, engine: { backend: 'remote', remote: 'vllm' } } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('cannot score') as unknown,
    });
    await expect(
      call('runs.plan', {
        experiment: { ...EXPERIMENT, engine: { backend: 'remote', remote: 'nowhere' } },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('No remote endpoint') as unknown });
    expect(await call<unknown[]>('runs.list', {})).toHaveLength(0);
  });
});
