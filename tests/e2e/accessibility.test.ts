import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { syntheticGoqaCsv } from '../helpers/goqa-fixture';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['status', 'models', 'data', 'images', 'experiments', 'results', 'safety', 'attribution'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(SKIP_E2E_REASON !== undefined)(`accessibility of every page ${SKIP_E2E_REASON ?? ''}`, () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startAppUnderTest();
    const call = (name: string, input: unknown) => app.api.dispatcher.call(name, input, { door: 'test' });
    await call('models.createDemo', {});
    const csv = join(app.home, 'goqa.csv');
    await writeFile(csv, syntheticGoqaCsv());
    await call('data.importGoqa', { path: csv });
    // A finished run, so that the Results page draws its maps, heatmap and bars.
    await call('runs.create', {
      experiment: {
        name: 'a11y',
        models: ['value-atlas-demo'],
        countries: ['NG', 'JP'],
        datasetId: 1,
        conditions: ['T', 'blank'],
        questionLimit: 4,
      },
      start: true,
    });
    await app.api.services.alignment().manager.waitForIdle();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(['light', 'dark'])('has no serious or critical axe-core violations (%s theme)', async (theme) => {
    const { page } = app;
    const found: string[] = [];
    for (const id of PAGES) {
      await page.evaluate(
        ([route, mode]) => {
          const scope = globalThis as unknown as {
            localStorage: { setItem(k: string, v: string): void };
            location: { hash: string };
          };
          scope.localStorage.setItem('value-atlas.theme', mode!);
          scope.location.hash = `#/${route!}`;
        },
        [id, theme],
      );
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(300); // charts draw after their data arrives
      // Through the debugging protocol: the app's CSP rightly refuses an injected <script>.
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
          .axe;
        return (await axe.run()).violations;
      });
      for (const violation of violations)
        if (violation.impact === 'serious' || violation.impact === 'critical')
          found.push(
            `${id}: ${violation.id} (${violation.help}) at ${violation.nodes
              .slice(0, 3)
              .map((node) => node.target.join(' '))
              .join(', ')}`,
          );
    }
    console.info(
      `axe-core on ${PAGES.length} pages (${theme}): ${found.length} serious or critical findings`,
    );
    expect(found).toEqual([]);
  });
});
