import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WindowApi } from '../../src-main/contract';

import { ScoringEngineDouble, memorySources } from '../helpers/scoring-engine-double';
import { IMAGES, QUESTIONS } from '../main/runner/fixtures';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

// IVS-style coordinates for the run's three countries (geo ids as the IVS file names them).
const CULTURAL_MAP_CSV =
  'geo,year,tradagg,survsagg\nunited_states,2017,-0.3,-1.5\nnigeria,2018,-1.2,0.8\njapan,2019,1.6,-0.5\n';

// A toy projection on the fixture questions. Japan has no human answers to Q2, so it cannot be placed.
const PROJECTION = {
  id: 'toy-iw',
  name: 'Toy Inglehart–Welzel map',
  source: 'made for the results-page test',
  items: [
    { itemId: 'Q1', center: 1.5 },
    { itemId: 'Q2', center: 1.5 },
  ],
  axes: [
    { id: 'tradagg', label: 'Traditional vs secular-rational', weights: { Q1: 2 } },
    { id: 'selfexp', label: 'Survival vs self-expression', weights: { Q2: -3 } },
  ],
};

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

    it('places the run on the Inglehart–Welzel map from imported coordinates and a projection file', async () => {
      const { page } = app;
      await page.goto(`${app.server.url}#/results?run=${runId}`);
      await page.getByRole('heading', { name: 'Cultural map (Inglehart–Welzel)' }).waitFor();
      await page.getByText('No cultural-map data imported yet').waitFor();
      await page.getByText('No map projection chosen yet').waitFor();

      // Through the same bridge the pages use, as the Data page would (globalThis is the page's window;
      // this file is type-checked without the DOM library).
      const csv = join(app.home, 'ivs-map.csv');
      await writeFile(csv, CULTURAL_MAP_CSV);
      await page.evaluate(
        (path) => (globalThis as unknown as { api: WindowApi }).api.data.importCulturalMap({ path }),
        csv,
      );
      await page.reload();
      const map = page.locator('[role="img"][aria-label^="Inglehart–Welzel cultural map"]');
      await map.waitFor();
      expect(await map.getAttribute('aria-label')).toContain('with 3 points: 3 People (IVS)');
      expect(await page.getByText('No cultural-map data imported yet').count()).toBe(0);
      for (const name of ['United States', 'Nigeria', 'Japan']) {
        expect(await map.locator('text', { hasText: name }).count()).toBeGreaterThan(0);
      }

      // A relative path is refused in plain words, where it was typed.
      const pathField = page.getByLabel('Map projection file');
      await pathField.fill('projection.json');
      await page.getByRole('button', { name: 'Place on map' }).click();
      await page.getByRole('alert').filter({ hasText: 'Give the full path of the map projection' }).waitFor();

      const projection = join(app.home, 'projection.json');
      await writeFile(projection, JSON.stringify(PROJECTION));
      await pathField.fill(projection);
      await page.getByRole('button', { name: 'Place on map' }).click();
      const placements = page.getByRole('table', { name: 'Map placements' });
      await placements.waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      // The page's condition (TI) first: the two countries with images are both placed.
      expect(await placements.locator('tbody tr').count()).toBe(2);
      expect(await map.getAttribute('aria-label')).toContain('2 countries have both');
      await page.getByText(/Axes recognised by name: x = Survival vs self-expression/).waitFor();

      // Under T, Japan is in the run but misses Q2, so it is listed as a problem.
      await page.getByLabel('Map condition').selectOption('T');
      const problems = page.getByRole('region', { name: 'Placements with problems' });
      await problems.waitFor();
      expect(await problems.textContent()).toMatch(/Japan.*Q2/);
      expect(await placements.locator('tbody tr').count()).toBe(3);
      await app.screenshot('results-cultural-map');
      expect(app.pageErrors).toEqual([]);
    });

    it('compares two runs side by side with a table, charts and a CSV export', async () => {
      const { page } = app;
      // The same experiment with reversed option order: the same items, different prompts and scores.
      const second = (await app.api.dispatcher.call(
        'runs.create',
        {
          experiment: {
            name: 'Pages test reversed',
            models: ['double'],
            countries: ['US', 'NG', 'JP'],
            datasetId: 1,
            conditions: ['T', 'TI'],
            optionOrders: [{ kind: 'reversed' }],
          },
        },
        { door: 'test' },
      )) as { runId: number };
      await app.api.services.alignment().manager.waitForIdle();

      await page.goto(`${app.server.url}#/results?run=${runId}`);
      await page.reload();
      const heading = page.getByRole('heading', { name: 'Compare with another run' });
      await heading.waitFor();
      await page.getByLabel('Compare with run').selectOption(String(second.runId));
      const table = page.getByRole('table', { name: 'Run comparison' });
      await table.waitFor();
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.first().locator('td').first().textContent()).toBe('T');
      expect(await table.locator('thead').textContent()).toContain(
        `Difference (#${second.runId} − #${runId})`,
      );
      await page.getByText(/items matched on condition, country, image, question and option order/).waitFor();
      await page.getByText('Mean similarity of both runs').waitFor();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export comparison as CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`run-${runId}-vs-run-${second.runId}.csv`);
      await heading.scrollIntoViewIfNeeded();
      await app.screenshot('results-comparison');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
