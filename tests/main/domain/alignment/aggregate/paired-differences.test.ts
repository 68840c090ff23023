import { describe, expect, it } from 'vitest';
import { pairedDifferences } from '../../../../../src-main/domain/alignment/aggregate/paired-differences';
import { ROWS } from './fixture';

describe('pairedDifferences', () => {
  it('gives the mean paired difference with a seeded bootstrap interval and permutation p', () => {
    const [group] = pairedDifferences(ROWS, ['topic', 'model'], { baseline: 'T', cue: 'I', seed: 7 });
    expect(group!.key).toEqual({ topic: 'A', model: 'm1' });
    expect(group!.nPairs).toBe(6);
    expect(group!.meanDifference).toBeCloseTo(0.2 / 6, 12);
    expect(group!.interval!.lower).toBeLessThan(group!.meanDifference!);
    expect(group!.interval!.upper).toBeGreaterThan(group!.meanDifference!);
    expect(group!.test!.seed).toBe(7);
    expect(group!.test!.shuffles).toBe(10_000);
    expect(group!.test!.p).toBeGreaterThan(0.1);
    expect(group!.counts.nExcludedCue).toBe(1);
    const again = pairedDifferences(ROWS, ['topic', 'model'], { baseline: 'T', cue: 'I', seed: 7 });
    expect(again[0]).toEqual(group);
  });

  it('reports a group without pairs with null statistics', () => {
    const [group] = pairedDifferences(ROWS, ['model'], { baseline: 'T', cue: 'TI', seed: 1 });
    expect(group).toMatchObject({ nPairs: 0, meanDifference: null, interval: null, test: null });
  });
});
