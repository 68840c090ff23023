import { writeFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeCounterfactualFixture } from '../helpers/counterfactual-fixture';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

// The value-attribution study from the app, on the real engine with the generated demo model.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `value attribution in the app ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;
    let sets: string;

    beforeAll(async () => {
      app = await startAppUnderTest();
      sets = `${app.home}/counterfactuals`;
      await writeCounterfactualFixture(sets, { personOnly: ['r1'] });
      await app.page.getByRole('link', { name: 'Models', exact: true }).click();
      await app.page.getByRole('button', { name: 'Create the demo model' }).click();
      await app.page.getByText('demo · random weights').waitFor();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('imports sets, runs the model on them and shows sensitivity, refusals, values and each answer with its image', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Attribution', exact: true }).click();
      await page.getByText('No counterfactual sets yet').waitFor();
      await page.getByLabel('Sets folder or manifest').fill(sets);
      await page.getByRole('button', { name: 'Import sets' }).click();
      await page.getByText('Added 3 sets (0 replaced), 9 images.').waitFor();
      await page
        .getByRole('table', { name: 'Counterfactual sets' })
        .getByRole('cell', { name: 'Muslim' })
        .waitFor();

      await page.getByLabel('Samples per image').fill('1');
      await page.getByLabel('Sets per dimension').fill('1');
      await page.getByLabel('Max answer tokens').fill('8');
      await page.getByLabel('political values').uncheck();
      await page.getByLabel('ethical values').uncheck();
      // The model under test also maps its values to moral foundations (follow-up calls, not in the preview).
      await page.getByLabel('Foundation judge').selectOption('value-atlas-demo');
      await page.getByRole('button', { name: 'Preview' }).click();
      // Religion set r1 (3 images, and the person alone) and socioeconomic set e1 (2): 5 answers, 1 person-alone
      // and 2 blank baselines, 5 classifications.
      await page.getByText('2 sets, 5 images → 13 model calls.').waitFor();
      await page.getByRole('button', { name: 'Start attribution run' }).click();
      await page.getByText(/8 of 8 answers read/).waitFor({ timeout: 120_000 });
      const shift = page.getByRole('table', { name: 'Shift from the person alone' });
      await shift.waitFor();
      // The religion set's three backgrounds, each compared with the person alone.
      expect(await shift.getByRole('row').count()).toBe(1 + 3);
      await page
        .getByRole('article', { name: 'Values for person-only (moral)' })
        .getByText('Person alone')
        .waitFor();
      const sensitivity = page.getByRole('table', { name: 'Context sensitivity', exact: true });
      await sensitivity.waitFor();
      expect(await sensitivity.getByRole('row').count()).toBeGreaterThan(1);
      await page.getByRole('table', { name: 'Context classification' }).waitFor();
      await page.getByRole('article', { name: 'Values for Muslim (moral)' }).waitFor();
      const answer = page.getByRole('listitem', { name: /^Answer value-atlas-demo\|/ }).first();
      await answer.getByRole('img').waitFor();
      expect(
        await answer
          .getByRole('img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBe(32);
      const vad = `${app.home}/vad.tsv`;
      await writeFile(vad, 'term\tvalence\tarousal\tdominance\nfaith\t0.8\t0.1\t0.3\n');
      await page.getByLabel('VAD lexicon').fill(vad);
      // The judge's calls follow the answers: profile once the whole run is done.
      await page.getByText('completed', { exact: true }).first().waitFor({ timeout: 60_000 });
      expect(await page.getByLabel('Foundations from the judge (value-atlas-demo)').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Profile the values' }).click();
      await page
        .getByRole('note')
        .filter({
          hasText:
            /Moral foundations judged by value-atlas-demo \(a model under test, judging its own answers\): \d+ calls/,
        })
        .waitFor();
      const profiles = page.getByRole('table', { name: 'Profiles per context' });
      await profiles.waitFor();
      // 5 contexts, the person alone and 2 blank baselines, each with its VAD coverage.
      expect(await profiles.getByRole('row').count()).toBe(1 + 8);
      await app.screenshot('attribution-results');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
