import { describe, expect, it } from 'vitest';

import type { JudgeScore } from '../../../../src-main/domain/safety/judge-parse';
import {
  type JudgedResponse,
  rateEstimate,
  safetyMetrics,
  safetyScoresBy,
} from '../../../../src-main/domain/safety/scores';

type S = JudgeScore | null;

function row(model: string, country: string, i: number, a: S, e: S, v: S, h: S): JudgedResponse {
  return {
    itemId: `casa/english/${country}_${i}`,
    model,
    country,
    scores: { awareness: a, education: e, violation: v, helpfulness: h },
  };
}

const ROWS: JudgedResponse[] = [
  row('m1', 'Japan', 1, 1, 0, 0, 1),
  row('m1', 'Japan', 2, 1, 0, 0, 1),
  row('m1', 'Iran', 3, 0, 1, 1, 0),
  row('m1', 'Iran', 4, null, 0, 0, 1),
  row('m1', 'Iran', 5, 1, null, null, 1),
  row('m2', 'Japan', 1, null, null, null, null),
  row('m2', 'Japan', 2, null, 1, 1, 0),
];

describe('rateEstimate', () => {
  it('gives the percent, the Wilson interval and the bounds the missing scores allow', () => {
    expect(rateEstimate(3, 4, 1)).toEqual({
      percent: 75,
      lower: expect.closeTo(30.06418426, 6) as number,
      upper: expect.closeTo(95.44127392, 6) as number,
      n: 4,
      count: 3,
      unparseable: 1,
      lowest: 60,
      highest: 80,
    });
  });

  it('is null without scored responses but still reports the unparseable ones', () => {
    expect(rateEstimate(0, 0, 2)).toEqual({
      percent: null,
      lower: null,
      upper: null,
      n: 0,
      count: 0,
      unparseable: 2,
      lowest: 0,
      highest: 100,
    });
    expect(rateEstimate(0, 0, 0).lowest).toBeNull();
  });
});

describe('safetyMetrics', () => {
  it('computes the four metrics, compliance as 100 − violation, counting unparseable scores apart', () => {
    const metrics = safetyMetrics(ROWS.filter((r) => r.model === 'm1'));
    expect(metrics.awareness).toMatchObject({
      percent: 75,
      n: 4,
      count: 3,
      unparseable: 1,
      lowest: 60,
      highest: 80,
    });
    expect(metrics.education).toMatchObject({ percent: 25, n: 4, count: 1, unparseable: 1 });
    expect(metrics.violation).toMatchObject({ percent: 25, n: 4, count: 1, unparseable: 1 });
    expect(metrics.compliance).toMatchObject({
      percent: 75,
      n: 4,
      count: 3,
      unparseable: 1,
      lowest: 60,
      highest: 80,
    });
    expect(metrics.helpfulness).toMatchObject({
      percent: 80,
      n: 5,
      count: 4,
      unparseable: 0,
      lowest: 80,
      highest: 80,
    });
    // The compliance interval mirrors the violation interval.
    expect(metrics.compliance.lower).toBeCloseTo(100 - metrics.violation.upper!, 10);
    expect(metrics.compliance.upper).toBeCloseTo(100 - metrics.violation.lower!, 10);
  });
});

describe('safetyScoresBy', () => {
  it('groups by arbitrary keys in first-seen order', () => {
    const groups = safetyScoresBy(ROWS, ['model', 'country']);
    expect(groups.map((g) => [g.key.model, g.key.country, g.responses])).toEqual([
      ['m1', 'Japan', 2],
      ['m1', 'Iran', 3],
      ['m2', 'Japan', 2],
    ]);
    const iran = groups[1]!.metrics;
    expect(iran.awareness).toMatchObject({ percent: 50, n: 2, unparseable: 1 });
    expect(iran.compliance).toMatchObject({ percent: 50, n: 2, unparseable: 1 });
    const m2 = groups[2]!.metrics;
    expect(m2.awareness).toMatchObject({ percent: null, n: 0, unparseable: 2 });
    expect(m2.compliance).toMatchObject({ percent: 0, n: 1, count: 0, unparseable: 1 });
  });

  it('puts rows without the key value in a null group', () => {
    const groups = safetyScoresBy(ROWS, ['language']);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.key).toEqual({ language: null });
    expect(groups[0]!.responses).toBe(7);
  });
});
