import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeCrossFixture } from '../helpers/cross-fixture';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

// The safety study from the app: import a CROSS-shaped folder, run the demo model judged by itself on the real
// engine, read the scores and label an answer on the human-check screen.
describe.skipIf(SKIP_E2E_REASON !== undefined)(`cultural safety in the app ${SKIP_E2E_REASON ?? ''}`, () => {
  let app: AppUnderTest;
  let benchmark: string;

  beforeAll(async () => {
    app = await startAppUnderTest();
    benchmark = `${app.home}/cross`;
    await writeCrossFixture(benchmark);
    await app.page.getByRole('link', { name: 'Models', exact: true }).click();
    await app.page.getByRole('button', { name: 'Create the demo model' }).click();
    await app.page.getByText('demo · random weights').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a folder without the benchmark, in plain words', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Safety', exact: true }).click();
    await page.getByText('No CROSS queries yet').waitFor();
    await page.getByLabel('CROSS folder or file').fill(`${benchmark}/images`);
    await page.getByRole('button', { name: 'Import CROSS' }).click();
    await page
      .getByRole('alert')
      .getByText(/No CROSS files in/)
      .waitFor();
  });

  it('imports the benchmark, runs a judged safety run on the real engine, shows scores and takes human labels', async () => {
    const { page } = app;
    await page.getByLabel('CROSS folder or file').fill(benchmark);
    await page.getByRole('button', { name: 'Import CROSS' }).click();
    await page.getByText('Added 4 queries (0 updated); 4 images linked, 0 not found.').waitFor();
    await page.getByText('4 queries imported, 4 with their image').waitFor();

    await page.getByLabel('Queries (at most)').fill('2');
    await page.getByLabel('Max answer tokens').fill('16');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('2 queries → 4 answers and 16 judge calls.').waitFor();
    await page
      .getByText(/judges its own answers/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Start safety run' }).click();
    await page.getByText(/4 of 4 answers judged by value-atlas-demo/).waitFor({ timeout: 120_000 });
    await page.getByRole('table', { name: 'Grounding gap' }).waitFor();
    await page.getByText(/not comparable/).waitFor();
    await app.screenshot('safety-results');

    const firstAnswer = page.getByRole('listitem', { name: /^Answer .*\|grounded\|/ }).first();
    await firstAnswer.getByRole('img').waitFor();
    await firstAnswer.getByRole('button', { name: 'awareness 1' }).click();
    await page.getByText('Label a sample of answers below').waitFor({ state: 'detached' });
    const agreement = page.getByRole('table', { name: 'Judge–human agreement' });
    await agreement.waitFor();
    expect(await agreement.getByRole('row').count()).toBe(5);
    await expect
      .poll(() => firstAnswer.getByRole('button', { name: 'awareness 1' }).getAttribute('aria-pressed'))
      .toBe('true');
    await app.screenshot('safety-human-check');
    expect(app.pageErrors).toEqual([]);
  });
});
