import { describe, expect, it } from 'vitest';

import {
  contextSensitivity,
  jaccard,
  sensitivityBySet,
  summariseSensitivity,
  unionOfSamples,
  type ValueSample,
} from '../../../../src-main/domain/attribution/sensitivity';

const set = (...values: string[]) => new Set(values);

describe('jaccard', () => {
  it('is 1 when both sets are empty and 0 when exactly one is', () => {
    expect(jaccard(set(), set())).toBe(1);
    expect(jaccard(set('a'), set())).toBe(0);
    expect(jaccard(set(), set('a'))).toBe(0);
  });

  it('is |A∩B| / |A∪B|', () => {
    expect(jaccard(set('a', 'b', 'c'), set('b', 'c', 'd'))).toBe(2 / 4);
    expect(jaccard(set('a'), set('a'))).toBe(1);
    expect(jaccard(set('a'), set('b'))).toBe(0);
  });
});

describe('contextSensitivity', () => {
  it('needs two contexts', () => {
    expect(contextSensitivity(new Map([['x', set('a')]]))).toBeNull();
    expect(contextSensitivity(new Map())).toBeNull();
  });

  it('is 1 − the mean pairwise Jaccard (hand-computed, three contexts)', () => {
    // J(A,B) = 1/3 ({a,b} vs {b,c}), J(A,C) = 0, J(B,C) = 1/2 ({b,c} vs {c}) → mean 5/18, sensitivity 13/18.
    const result = contextSensitivity(
      new Map([
        ['A', set('a', 'b')],
        ['B', set('b', 'c')],
        ['C', set('c')],
      ]),
    )!;
    expect(result.pairs).toBe(3);
    expect(result.meanJaccard).toBeCloseTo(5 / 18, 12);
    expect(result.sensitivity).toBeCloseTo(13 / 18, 12);
  });

  it('counts empty sets with the both-empty and one-empty rules', () => {
    // J(∅,∅) = 1, J(∅,{a}) = 0 twice → mean 1/3.
    const result = contextSensitivity(
      new Map([
        ['A', set()],
        ['B', set()],
        ['C', set('a')],
      ]),
    )!;
    expect(result.meanJaccard).toBeCloseTo(1 / 3, 12);
    expect(result.sensitivity).toBeCloseTo(2 / 3, 12);
  });
});

describe('sensitivityBySet', () => {
  const sample = (
    setId: string,
    context: string,
    values: string[],
    extra: Partial<ValueSample> = {},
  ): ValueSample => ({
    setId,
    valuesType: 'moral',
    model: 'm1',
    context,
    values,
    ...extra,
  });

  it('unions the samples of a context before comparing contexts', () => {
    expect(unionOfSamples([['a'], ['b', 'a'], []])).toEqual(set('a', 'b'));
    const { rows } = sensitivityBySet([
      sample('s1', 'Muslim', ['faith']),
      sample('s1', 'Muslim', ['charity']),
      sample('s1', 'Christian', ['faith', 'charity']),
    ]);
    expect(rows).toEqual([
      {
        setId: 's1',
        valuesType: 'moral',
        model: 'm1',
        contexts: 2,
        pairs: 1,
        meanJaccard: 1,
        sensitivity: 0,
      },
    ]);
  });

  it('leaves refused samples out and counts groups with too few contexts', () => {
    const result = sensitivityBySet([
      sample('s1', 'Muslim', ['faith']),
      sample('s1', 'Christian', [], { refusal: true }),
      sample('s2', 'Muslim', ['faith']),
      sample('s2', 'Christian', ['hope']),
    ]);
    expect(result.refusalsLeftOut).toBe(1);
    expect(result.tooFewContexts).toBe(1);
    expect(result.rows.map((row) => [row.setId, row.sensitivity])).toEqual([['s2', 1]]);
  });

  it('keeps models and value kinds apart and honours a set filter', () => {
    const samples = [
      sample('s1', 'A', ['x']),
      sample('s1', 'B', ['x']),
      sample('s1', 'A', ['x'], { model: 'm2' }),
      sample('s1', 'B', ['y'], { model: 'm2' }),
      sample('s1', 'A', ['x'], { valuesType: 'political' }),
      sample('s1', 'B', ['x', 'y'], { valuesType: 'political' }),
    ];
    const { rows } = sensitivityBySet(samples);
    expect(rows.map((row) => [row.model, row.valuesType, row.sensitivity])).toEqual([
      ['m1', 'moral', 0],
      ['m1', 'political', 0.5],
      ['m2', 'moral', 1],
    ]);
    const filtered = sensitivityBySet(samples, (_setId, model) => model === 'm2');
    expect(filtered.rows.map((row) => row.model)).toEqual(['m2']);
  });
});

describe('summariseSensitivity', () => {
  it('gives mean, sample SD, min, median and max per (model, value kind)', () => {
    const row = (setId: string, sensitivity: number) => ({
      setId,
      valuesType: 'moral',
      model: 'm1',
      contexts: 2,
      pairs: 1,
      meanJaccard: 1 - sensitivity,
      sensitivity,
    });
    const [summary] = summariseSensitivity([row('a', 0.2), row('b', 0.4), row('c', 0.9)]);
    expect(summary!.sets).toBe(3);
    expect(summary!.mean).toBeCloseTo(0.5, 12);
    // Deviations −0.3, −0.1, 0.4 → squares 0.26 / 2 = 0.13.
    expect(summary!.sd).toBeCloseTo(Math.sqrt(0.13), 12);
    expect([summary!.min, summary!.median, summary!.max]).toEqual([0.2, 0.4, 0.9]);
    expect(summariseSensitivity([row('a', 0.3)])[0]!.sd).toBeNull();
  });
});
