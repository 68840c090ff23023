import { type BootstrapInterval, pairedBootstrapMeanDifference } from '../../stats/bootstrap';
import { mean } from '../../stats/descriptive';
import { type PermutationTestResult, signFlipTest } from '../../stats/permutation-test';
import { type Pairing, type PairingOptions, pairRows } from './pairing';
import { type AlignmentRow, type KeyValue, groupBy } from './rows';

export interface PairedDifferenceOptions extends PairingOptions {
  seed: number;
  /** Sign flips for the permutation p; 10,000 by default. */
  shuffles?: number;
  /** Bootstrap resamples; 10,000 by default. */
  resamples?: number;
  /** Confidence level; 0.95 by default. */
  level?: number;
}

export interface PairedDifference {
  key: Record<string, KeyValue>;
  /** Pairing counts, so every dropped row is visible next to the estimate. */
  counts: Omit<Pairing, 'pairs'>;
  nPairs: number;
  meanBaseline: number | null;
  meanCue: number | null;
  /** mean(cue − baseline); null without pairs. */
  meanDifference: number | null;
  interval: BootstrapInterval | null;
  /** Paired sign-flip permutation test of mean difference = 0. */
  test: PermutationTestResult | null;
}

/**
 * Cue − baseline similarity differences on paired rows, per group (e.g. ['topic', 'model']), with a
 * paired percentile bootstrap interval and a sign-flip permutation p. Every group uses the same seed,
 * so a group's result does not depend on which other groups are present.
 */
export function pairedDifferences(
  rows: readonly AlignmentRow[],
  groupFields: readonly string[],
  options: PairedDifferenceOptions,
): PairedDifference[] {
  return groupBy(rows, groupFields, (row) => row).map(({ key, items }) => {
    const { pairs, ...counts } = pairRows(items, options);
    const cue = pairs.map((pair) => pair.cue.similarity as number); // pairRows keeps included rows only.
    const baseline = pairs.map((pair) => pair.baseline.similarity as number);
    if (pairs.length === 0) {
      return {
        key,
        counts,
        nPairs: 0,
        meanBaseline: null,
        meanCue: null,
        meanDifference: null,
        interval: null,
        test: null,
      };
    }
    const stats = { seed: options.seed, resamples: options.resamples, level: options.level };
    const interval = pairedBootstrapMeanDifference(cue, baseline, stats);
    return {
      key,
      counts,
      nPairs: pairs.length,
      meanBaseline: mean(baseline),
      meanCue: mean(cue),
      meanDifference: interval.estimate,
      interval,
      test: signFlipTest(
        cue.map((value, i) => value - (baseline[i] as number)),
        { seed: options.seed, shuffles: options.shuffles },
      ),
    };
  });
}
