import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeTinyLlavaPair } from '../../src-main/engine/test-models/tiny-llava';
import { syntheticGoqaCsv } from '../helpers/goqa-fixture';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

const CLASS_CSV = [
  'Economy,Code,Region,Income group,Lending category',
  'Nigeria,NGA,Sub-Saharan Africa,Lower middle income,IDA',
  'Japan,JPN,East Asia & Pacific,High income,',
  'Brazil,BRA,Latin America & Caribbean,Upper middle income,IBRD',
].join('\n');

const question = (n: number) =>
  `Survey question number ${n}: how much do you agree that family and trust matter?`;

describe.skipIf(SKIP_E2E_REASON !== undefined)(`the experiment builder ${SKIP_E2E_REASON ?? ''}`, () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startAppUnderTest();
    const call = (name: string, input: unknown) => app.api.dispatcher.call(name, input, { door: 'test' });
    await call('models.createDemo', {});
    // A second (tiny) model beside the demo one, to compare two models in one run.
    const pair = encodeTinyLlavaPair();
    const folder = join(app.home, 'models', 'second');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'second-tiny.gguf'), pair.model);
    await writeFile(join(folder, 'mmproj-second-tiny.gguf'), pair.mmproj);
    const files = {
      goqa: join(app.home, 'goqa.csv'),
      class: join(app.home, 'class.csv'),
      topics: join(app.home, 'topics.jsonl'),
    };
    await writeFile(files.goqa, syntheticGoqaCsv());
    await writeFile(files.class, CLASS_CSV);
    await writeFile(
      files.topics,
      [1, 2, 3].map((n) => JSON.stringify({ Question: question(n), Category: 'Family' })).join('\n'),
    );
    const { datasetId } = (await call('data.importGoqa', { path: files.goqa })) as { datasetId: number };
    await call('data.importIncomeGroups', { path: files.class });
    await call('data.importTopicMap', { path: files.topics, datasetId });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('narrows countries by income group, takes topics, two models and an extra option order, and counts the items', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Experiments', exact: true }).click();
    const builder = page.getByRole('article', { name: 'New experiment' });
    const list = builder.getByRole('list', { name: 'Countries with human answers' });
    await list.getByLabel(/Brazil/).waitFor();
    await builder.getByLabel('Income group').selectOption('High income');
    expect(await list.getByRole('checkbox').count()).toBe(1);
    await builder.getByRole('button', { name: 'Choose all shown (1)' }).click();
    await builder.getByText('Chosen: JP').waitFor();
    await builder.getByLabel('Income group').selectOption('');
    await builder.getByLabel('Region').selectOption('Sub-Saharan Africa');
    expect(await list.getByRole('checkbox').count()).toBe(1);

    await builder
      .getByRole('group', { name: /^Topics/ })
      .getByRole('checkbox', { name: /Family/ })
      .check();
    const models = builder.getByRole('group', { name: /^Models/ });
    await models.getByRole('checkbox', { name: /value-atlas-demo/ }).check();
    expect(await models.getByRole('checkbox', { checked: true }).count()).toBe(2);
    await builder.getByText('Images, prompt template and option order').click();
    await builder.getByLabel('Also with the options reversed').check();
    await builder.getByRole('button', { name: 'Preview' }).click();
    // 2 models × Japan × 3 Family questions × (T, blank) × 2 option orders.
    await builder.getByText(/^24 items in \d+ prefix groups/).waitFor();
    await app.screenshot('experiment-builder-filters');

    await builder.getByRole('button', { name: 'Start run' }).click();
    await page.getByText('completed', { exact: true }).first().waitFor({ timeout: 120_000 });
    const runs = (await app.api.dispatcher.call('runs.list', {}, { door: 'test' })) as {
      counts: { done: number; errors: number };
    }[];
    expect(runs[0]!.counts).toMatchObject({ done: 24, errors: 0 });
    expect(app.pageErrors).toEqual([]);
  });
});
