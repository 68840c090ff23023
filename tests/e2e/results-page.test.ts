import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ScoringEngineDouble, memorySources } from '../helpers/scoring-engine-double';
import { IMAGES, QUESTIONS } from '../main/runner/fixtures';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

// The engine is a double here (no model needed) so the pages can be driven quickly; the full flow with
// the real engine and the demo model is tested in demo-flow.test.ts.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `experiments and results pages ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;
    let runId: number;

    beforeAll(async () => {
      const sources = memorySources(QUESTIONS, IMAGES);
      const engine = new ScoringEngineDouble();
      engine.delayMs = 1;
      app = await startAppUnderTest({
        alignmentAdapters: () => ({
          questionsFor: () => sources.questions,
          images: sources.images,
          engine,
          manifestFacts: () => Promise.resolve({ models: [{ id: 'double', demo: true }] }),
        }),
      });
      const created = (await app.api.dispatcher.call(
        'runs.create',
        {
          experiment: {
            name: 'Pages test',
            models: ['double'],
            countries: ['US', 'NG', 'JP'],
            datasetId: 1,
            conditions: ['T', 'TI'],
          },
        },
        { door: 'test' },
      )) as { runId: number };
      runId = created.runId;
      await app.api.services.alignment().manager.waitForIdle();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lists the run and shows its monitor with the final counts', async () => {
      const { page } = app;
      await page.goto(`${app.server.url}#/experiments?run=${runId}`);
      await page.getByRole('heading', { name: `Run ${runId}: Pages test` }).waitFor();
      expect(
        await page
          .getByRole('progressbar', { name: `Progress of run ${runId}` })
          .getAttribute('aria-valuenow'),
      ).toBe('14');
      expect(await page.getByRole('table', { name: 'Runs' }).getByText('completed').count()).toBe(1);
      await app.screenshot('experiments-monitor');
    });

    it('shows maps, charts and the drill-down to one item with both distributions and the exact prompt', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'View results →' }).click();
      await page.getByRole('heading', { name: 'Results', level: 1 }).waitFor();
      await page.getByText('the scores mean nothing').waitFor();
      await page.getByText(/Mean similarity to the human answers, condition TI/).waitFor();
      expect(await page.locator('svg').count()).toBeGreaterThan(3);
      const firstItem = page.getByRole('table', { name: 'Scored items' }).getByRole('button').first();
      await firstItem.click();
      await page.getByRole('heading', { name: 'Exact prompt' }).waitFor();
      expect(await page.locator('pre.prompt-text').textContent()).toContain('(A)');
      await app.screenshot('results');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
