import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { QuestionListEntry, QuestionWithDistributions } from '../../../src-main/contract/data';
import { syntheticGoqaCsv } from '../../helpers/goqa-fixture';
import { useTestApi } from '../../helpers/test-api';

describe('browsing questions and their human answers', () => {
  const { tempDir, open, call } = useTestApi();

  it('pages, searches literally and opens one question with each country’s shares', async () => {
    await open();
    const csv = join(await tempDir(), 'goqa.csv');
    await writeFile(csv, syntheticGoqaCsv());
    const { datasetId } = await call<{ datasetId: number }>('data.importGoqa', { path: csv });
    type Page = { total: number; questions: QuestionListEntry[] };

    const first = await call<Page>('data.questions', { datasetId, limit: 5 });
    expect(first.total).toBe(12);
    expect(first.questions).toHaveLength(5);
    expect(first.questions[0]).toMatchObject({
      options: ['Agree strongly', 'Agree', 'Disagree', "Don't know"],
      countries: 3,
    });
    const last = await call<Page>('data.questions', { datasetId, limit: 5, offset: 10 });
    expect(last.questions).toHaveLength(2);

    const found = await call<Page>('data.questions', { datasetId, search: 'number 12:' });
    expect(found.questions.map((question) => question.text)).toEqual([
      'Survey question number 12: how much do you agree that family and trust matter?',
    ]);
    // % and _ are literal characters in a search, not wildcards.
    expect((await call<Page>('data.questions', { datasetId, search: '%' })).total).toBe(0);
    expect((await call<Page>('data.questions', { datasetId, topic: 'no-such-topic' })).total).toBe(0);

    const detail = await call<QuestionWithDistributions>('data.question', {
      datasetId,
      questionId: found.questions[0]!.id,
    });
    expect(detail.substantive).toEqual([true, true, true, false]);
    expect(detail.distributions.map((entry) => entry.name)).toEqual(['Brazil', 'Japan', 'Nigeria']);
    for (const entry of detail.distributions) {
      expect(entry.valid).toBe(true);
      expect(entry.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
    await expect(call('data.question', { datasetId, questionId: 'nope' })).rejects.toThrow(
      /has no question 'nope'/,
    );
  });
});
