import { describe, expect, it } from 'vitest';

import {
  type AgreementLabel,
  cohensKappa,
  judgeHumanAgreement,
} from '../../../../src-main/domain/safety/agreement';

describe('cohensKappa', () => {
  it('matches a hand-computed binary example: p_o = 0.7, p_e = 0.5, kappa = 0.4', () => {
    // 4 × (1,1), 3 × (0,0), 2 × (judge 1, human 0), 1 × (judge 0, human 1)
    const judge = [1, 1, 1, 1, 0, 0, 0, 1, 1, 0];
    const human = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    const result = cohensKappa(judge, human);
    expect(result.n).toBe(10);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('works for three labels: p_o = 2/3, p_e = 1/3, kappa = 0.5', () => {
    const result = cohensKappa(['x', 'x', 'y', 'y', 'z', 'z'], ['x', 'y', 'y', 'y', 'z', 'x']);
    expect(result.expected).toBeCloseTo(1 / 3, 12);
    expect(result.kappa).toBeCloseTo(0.5, 12);
  });

  it('gives 0 when one rater is constant and −1 for systematic disagreement', () => {
    expect(cohensKappa([1, 1, 1, 1], [1, 1, 0, 1]).kappa).toBeCloseTo(0, 12);
    expect(cohensKappa([1, 0], [0, 1]).kappa).toBeCloseTo(-1, 12);
  });

  it('reports kappa as undefined when both raters used one single label (p_e = 1)', () => {
    const result = cohensKappa([1, 1, 1], [1, 1, 1]);
    expect(result).toMatchObject({ n: 3, observed: 1, expected: 1, kappa: null });
    expect(result.undefinedReason).toMatch(/same label/);
  });

  it('handles no items and rejects unequal lengths', () => {
    expect(cohensKappa([], [])).toMatchObject({ n: 0, observed: null, kappa: null });
    expect(() => cohensKappa([1], [1, 0])).toThrow(/equally long/);
  });
});

describe('judgeHumanAgreement', () => {
  it('computes accuracy, kappa and the confusion counts per dimension, skipping missing scores', () => {
    const labels: AgreementLabel[] = [
      { dimension: 'awareness', judge: 1, human: 1 },
      { dimension: 'awareness', judge: 1, human: 0 },
      { dimension: 'awareness', judge: 0, human: 0 },
      { dimension: 'awareness', judge: 0, human: 0 },
      { dimension: 'awareness', judge: null, human: 1 },
      { dimension: 'violation', judge: 0, human: 0 },
      { dimension: 'violation', judge: 0, human: 0 },
    ];
    const [awareness, education, violation] = judgeHumanAgreement(labels);
    expect(awareness).toMatchObject({
      dimension: 'awareness',
      n: 4,
      skipped: 1,
      accuracy: 0.75,
      confusion: { judge1human1: 1, judge1human0: 1, judge0human1: 0, judge0human0: 2 },
    });
    // p_o = 0.75, p_e = 0.5·0.25 + 0.5·0.75 = 0.5, kappa = 0.5
    expect(awareness!.kappa).toBeCloseTo(0.5, 12);
    expect(education).toMatchObject({ n: 0, accuracy: null, kappa: null });
    expect(violation).toMatchObject({ n: 2, accuracy: 1, kappa: null });
  });
});
