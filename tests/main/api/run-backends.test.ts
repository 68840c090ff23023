import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { ItemDetail, RunDetail } from '../../../src-main/contract/runs';
import type { AppApi } from '../../../src-main/api/create-api';
import { createApi } from '../../../src-main/api/create-api';
import { syntheticGoqaCsv } from '../../helpers/goqa-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { findTestServer } from '../engine/backends/native-server';

const server = await findTestServer();
const EXPERIMENT = {
  name: 'backend check',
  models: ['value-atlas-demo'],
  countries: ['NG', 'JP'],
  datasetId: 1,
  conditions: ['T', 'blank'],
  questionLimit: 4,
};

describe.skipIf(server.skip)(
  `one run on the native llama-server backend${server.skip ? ` — skipped: ${server.reason}` : ''}`,
  () => {
    const tempDir = useTempDirs();
    let api: AppApi | undefined;
    afterEach(async () => {
      await api?.close();
      api = undefined;
    });

    it('scores through the server, never reuses the binding’s cached results, and agrees with the binding', async () => {
      api = await createApi({ home: await tempDir() });
      const call = <T>(name: string, input: unknown) =>
        api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
      await call('models.createDemo', {});
      const csv = join(await tempDir(), 'goqa.csv');
      await writeFile(csv, syntheticGoqaCsv());
      await call('data.importGoqa', { path: csv });
      await call('engine.setServerBinary', { path: server.skip ? null : server.binaryPath });

      const items = async (runId: number) => {
        const page = await call<{ items: { itemKey: string }[] }>('runs.items', { runId, limit: 100 });
        return Promise.all(
          page.items.map((item) => call<ItemDetail>('runs.item', { runId, itemKey: item.itemKey })),
        );
      };
      const binding = await call<{ runId: number }>('runs.create', { experiment: EXPERIMENT });
      await api.services.alignment().manager.waitForIdle();
      const viaServer = await call<{ runId: number }>('runs.create', {
        experiment: { ...EXPERIMENT, engine: { backend: 'server' } },
      });
      await api.services.alignment().manager.waitForIdle();

      const detail = await call<RunDetail>('runs.get', { runId: viaServer.runId });
      expect(detail.state).toBe('completed');
      expect(detail.counts.fromCache).toBe(0);
      const [fromBinding, fromServer] = [await items(binding.runId), await items(viaServer.runId)];
      expect(fromServer).toHaveLength(16);
      const byKey = new Map(fromBinding.map((item) => [item.itemKey, item]));
      let maxDifference = 0;
      for (const item of fromServer) {
        expect(item.fromCache).toBe(false);
        const reference = byKey.get(item.itemKey)!;
        item.predicted!.forEach((p, option) => {
          maxDifference = Math.max(maxDifference, Math.abs(p - reference.predicted![option]!));
        });
      }
      console.info(`binding vs server through whole runs: max |Δp| ${maxDifference.toExponential(2)}`);
      expect(maxDifference).toBeLessThan(5e-3);
    });
  },
);
