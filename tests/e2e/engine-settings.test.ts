import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { syntheticGoqaCsv } from '../helpers/goqa-fixture';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

// Nothing listens on port 9 of this machine: a lab server that is switched off.
const OFF_A = 'http://127.0.0.1:9';
const OFF_B = 'http://127.0.0.1:9/b';

describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `engine settings and remote servers ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;

    beforeAll(async () => {
      app = await startAppUnderTest();
      const call = (name: string, input: unknown) => app.api.dispatcher.call(name, input, { door: 'test' });
      await call('models.createDemo', {});
      const csv = join(app.home, 'goqa.csv');
      await writeFile(csv, syntheticGoqaCsv());
      await call('data.importGoqa', { path: csv });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('shows the backends and the recommendation, and keeps remote servers without ever showing a key', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Models', exact: true }).click();
      const engine = page.getByRole('region', { name: 'Engine' });
      await engine.getByText(/Recommended: /).waitFor();
      await engine.getByRole('button', { name: 'Build llama-server for this machine' }).waitFor();

      const servers = engine.getByRole('region', { name: 'Remote servers' });
      for (const [id, url] of [
        ['lab-a', OFF_A],
        ['lab-b', OFF_B],
      ] as const) {
        await servers.getByLabel('Id').fill(id);
        await servers.getByLabel('URL').fill(url);
        await servers.getByLabel('API key').fill('sk-do-not-show');
        await servers.getByRole('button', { name: 'Add server' }).click();
        await servers.getByRole('cell', { name: id, exact: true }).waitFor();
      }
      await servers.getByLabel('Kind').selectOption('openai');
      await servers.getByLabel('Id').fill('vllm');
      await servers.getByLabel('URL').fill('http://127.0.0.1:9/v1');
      await servers.getByLabel('Model').fill('llava');
      await servers.getByRole('button', { name: 'Add server' }).click();
      await servers.getByRole('cell', { name: 'OpenAI-compatible (generation only)' }).waitFor();
      expect(await page.content()).not.toContain('sk-do-not-show');
      expect(await servers.getByRole('cell', { name: 'stored', exact: true }).count()).toBe(2);
      await app.screenshot('engine-settings');

      // A malformed address is refused where it was typed.
      await servers.getByLabel('Kind').selectOption('llama-server');
      await servers.getByLabel('Id').fill('bad');
      await servers.getByLabel('URL').fill('file:///etc/passwd');
      await servers.getByRole('button', { name: 'Add server' }).click();
      await servers.getByRole('alert').waitFor();
      expect(await servers.getByRole('cell', { name: 'bad', exact: true }).count()).toBe(0);
      expect(app.pageErrors).toEqual([]);
    });

    it('runs on the chosen servers; when both are unreachable the run pauses with the reason, nothing failed', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Experiments', exact: true }).click();
      const countries = page.getByRole('list', { name: 'Countries with human answers' });
      await countries.getByLabel(/Nigeria/).check();
      await page.getByText('Engine settings (one backend for the whole run').click();
      await page.getByLabel('Backend').selectOption('remote');
      const picker = page.getByRole('group', { name: /Servers \(several share the run/ });
      await picker.getByLabel(/lab-a/).waitFor();
      // Scoring needs a llama.cpp server: the OpenAI-compatible one is not offered.
      expect(await picker.getByRole('checkbox').count()).toBe(2);
      await picker.getByLabel(/lab-a/).check();
      await picker.getByLabel(/lab-b/).check();
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByText(/items in \d+ prefix groups/).waitFor();
      await page.getByRole('button', { name: 'Start run' }).click();
      await page.getByText('paused', { exact: true }).first().waitFor({ timeout: 60_000 });
      await page.getByText(/Every endpoint of this run was lost \(lab-a: .*; lab-b: .*\)/).waitFor();
      await app.screenshot('run-endpoints-lost');

      const runs = (await app.api.dispatcher.call('runs.list', {}, { door: 'test' })) as {
        id: number;
        state: string;
        counts: { errors: number; pending: number };
      }[];
      expect(runs[0]).toMatchObject({ state: 'paused', counts: { errors: 0 } });
      expect(runs[0]!.counts.pending).toBeGreaterThan(0);
      expect(app.pageErrors).toEqual([]);
    });
  },
);
