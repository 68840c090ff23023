import { describe, expect, it } from 'vitest';
import { countryRankCorrelations } from '../../../../../src-main/domain/alignment/aggregate/country-rank-correlation';
import { type DistributionRow } from '../../../../../src-main/domain/alignment/aggregate/distribution-rows';

describe('countryRankCorrelations', () => {
  const row = (country: string, predicted: number[], human: number[], coverage = 0.8): DistributionRow => ({
    model: 'm1',
    questionId: 'q1',
    country,
    predicted,
    human,
    coverage,
  });

  it('ranks countries by expected value, with ties, against the survey', () => {
    const rows = [
      row('US', [1, 0, 0], [1, 0, 0]),
      row('US', [1, 0, 0], [1, 0, 0]),
      row('NG', [0, 1, 0], [0.5, 0.5, 0]),
      row('BR', [0, 0, 1], [0, 0, 1]),
      row('DE', [0, 1, 0], [0, 0.5, 0.5]),
      row('DE', [0.2, 0.8, 0], [0, 0.5, 0.5], 0),
    ];
    const [result] = countryRankCorrelations(rows, ['model', 'questionId']);
    expect(result!.rho.ok && result!.rho.value).toBeCloseTo(0.9486833, 6);
    expect(result).toMatchObject({ n: 5, nExcluded: 1 });
    expect(result!.countries.find((c) => c.country === 'US')).toEqual({
      country: 'US',
      model: 0,
      human: 0,
      n: 2,
    });
    expect(result!.countries.find((c) => c.country === 'NG')!.human).toBe(0.5);
  });

  it('flags a single country', () => {
    const [result] = countryRankCorrelations([row('US', [1, 0], [0, 1])], ['questionId']);
    expect(result!.rho).toMatchObject({ ok: false, reason: 'too-few-values' });
  });
});
