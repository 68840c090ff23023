import { describe, expect, it } from 'vitest';

import {
  classificationAccuracy,
  correctlyClassifiedSets,
  readClassificationReply,
  type ClassificationRecord,
} from '../../../../src-main/domain/attribution/classification';
import { AppError } from '../../../../src-main/domain/errors';

describe('readClassificationReply', () => {
  const cases: [string, string, string | null, string][] = [
    ['religion', 'Muslim mosque', 'Muslim', 'label'],
    ['religion', '(3) Jewish synagogue', 'Jewish', 'number-and-label'],
    ['religion', '3', 'Jewish', 'number'],
    ['religion', '**5**', 'Hindu', 'number'],
    ['religion', 'Option 4: Shinto shrine.', 'Shinto', 'number-and-label'],
    ['religion', 'The building is a mosque.', 'Muslim', 'label'],
    ['religion', 'The answer is (6).', 'Buddhist', 'number'],
    ['religion', '(2) Jewish synagogue', null, 'conflict'],
    ['religion', 'It could be a church or a mosque.', null, 'ambiguous'],
    ['religion', '(1) Christian church, not a mosque', 'Christian', 'number-and-label'],
    ['religion', 'I cannot tell.', null, 'none'],
    ['religion', '9', null, 'none'],
    ['nationality', 'USA', 'United States', 'label'],
    ['nationality', '(6) United States', 'United States', 'number-and-label'],
    ['nationality', 'This looks like South Africa.', 'South Africa', 'label'],
    ['nationality', '2019 photo of Brazil', 'Brazil', 'label'],
    ['socioeconomic', 'Medium socioeconomic status', 'Middle', 'label'],
    ['socioeconomic', 'High', 'High', 'label'],
    ['socioeconomic', '<think>low or high?</think>(1) Low socioeconomic status', 'Low', 'number-and-label'],
  ];
  it.each(cases)('%s: %s', (dimension, reply, context, how) => {
    expect(readClassificationReply(reply, dimension as 'religion', undefined)).toEqual({ context, how });
  });

  it('reads numbers against the printed option order', () => {
    expect(readClassificationReply('1', 'socioeconomic', ['High', 'Middle', 'Low'])).toEqual({
      context: 'High',
      how: 'number',
    });
  });
});

describe('classificationAccuracy', () => {
  const record = (model: string, expected: string, reply: string, setId?: string): ClassificationRecord => ({
    model,
    dimension: 'religion',
    expected,
    reply,
    ...(setId !== undefined ? { setId } : {}),
  });

  it('gives correct / images per (model, dimension), counting unreadable replies as wrong', () => {
    const rows = classificationAccuracy([
      record('m1', 'Mosque', 'Muslim mosque'),
      record('m1', 'Church', '(1) Christian church'),
      record('m1', 'Church', 'a mosque'),
      record('m1', 'Synagogue', 'no idea'),
      record('m2', 'Hindu', '5'),
      { model: 'm1', dimension: 'nationality', expected: 'India', reply: 'India' },
    ]);
    expect(rows).toHaveLength(3);
    const religion = rows.find((row) => row.model === 'm1' && row.dimension === 'religion')!;
    expect(religion).toMatchObject({ images: 4, correct: 2, unreadable: 1, accuracy: 0.5 });
    expect(religion.byContext).toEqual({
      Muslim: { images: 1, correct: 1 },
      Christian: { images: 2, correct: 1 },
      Jewish: { images: 1, correct: 0 },
    });
    expect(rows.find((row) => row.model === 'm2')!.accuracy).toBe(1);
  });

  it('refuses an expected label that names no context', () => {
    expect(() => classificationAccuracy([record('m', 'Temple of Doom', 'x')])).toThrow(AppError);
  });

  it('finds the sets whose every context was classified correctly', () => {
    const keep = correctlyClassifiedSets([
      record('m1', 'Mosque', 'mosque', 's1'),
      record('m1', 'Church', 'church', 's1'),
      record('m1', 'Mosque', 'mosque', 's2'),
      record('m1', 'Church', 'mosque', 's2'),
      record('m2', 'Church', 'church', 's2'),
    ]);
    expect(keep('s1', 'm1')).toBe(true);
    expect(keep('s2', 'm1')).toBe(false);
    expect(keep('s2', 'm2')).toBe(true);
    expect(keep('s3', 'm1')).toBe(false);
  });
});
