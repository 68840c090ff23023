import { mean } from '../../stats/descriptive';
import { type CorrelationFailure, spearman } from '../../stats/spearman';
import { type Outcome } from '../../stats/outcome';
import { expectedValue } from '../metrics/expected-value';
import {
  type DistributionAggregateOptions,
  type DistributionRow,
  prepareDistributions,
} from './distribution-rows';
import { type KeyValue, groupBy, keyValue } from './rows';

export interface CountryExpectedValues {
  country: string;
  /** Mean over the country's included rows (e.g. one per image) of the model's expected value. */
  model: number;
  human: number;
  n: number;
}

export interface CountryRankCorrelation {
  key: Record<string, KeyValue>;
  /** Spearman's rho across countries between model and human expected values. */
  rho: Outcome<number, CorrelationFailure>;
  countries: CountryExpectedValues[];
  n: number;
  nExcluded: number;
}

export interface CountryRankOptions extends DistributionAggregateOptions {
  /** 'country' by default. */
  countryField?: string;
}

/**
 * Does the model rank countries as the survey does? Per group (normally one item for one model and
 * condition: ['model', 'condition', 'questionId']) compute each country's mean expected answer value
 * from the model and from the humans, then Spearman's rho (average ranks for ties) across countries.
 */
export function countryRankCorrelations(
  rows: readonly DistributionRow[],
  keys: readonly string[],
  options: CountryRankOptions = {},
): CountryRankCorrelation[] {
  const countryField = options.countryField ?? 'country';
  return groupBy(rows, keys, (row) => row).map(({ key, items }) => {
    let excluded = 0;
    const perCountry = new Map<string, { model: number[]; human: number[] }>();
    for (const row of items) {
      const country = keyValue(row, countryField);
      const prepared = prepareDistributions(row, options);
      const model = prepared && expectedValue(prepared.predicted, prepared.scale);
      const human = prepared && expectedValue(prepared.human, prepared.scale);
      if (country === null || !model?.ok || !human?.ok) {
        excluded++;
        continue;
      }
      const entry = perCountry.get(country) ?? { model: [], human: [] };
      entry.model.push(model.value);
      entry.human.push(human.value);
      perCountry.set(country, entry);
    }
    const countries = [...perCountry.entries()].map(([country, values]) => ({
      country,
      model: mean(values.model),
      human: mean(values.human),
      n: values.model.length,
    }));
    return {
      key,
      rho: spearman(
        countries.map((c) => c.model),
        countries.map((c) => c.human),
      ),
      countries,
      n: items.length - excluded,
      nExcluded: excluded,
    };
  });
}
