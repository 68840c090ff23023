import { groupBy, type KeyValue } from '../alignment/aggregate/rows';
import { AppError } from '../errors';
import { pairedBootstrapMeanDifference } from '../stats/bootstrap';
import { METRIC_SOURCE, SAFETY_METRICS, type JudgedResponse, type SafetyMetric } from './scores';

/*
 * The visual-grounding gap (METHODS §3.2, "cheap control"): the same metrics for the text-only `orig_query`
 * (the norm is spelled out, no image) and the visually grounded `query`, paired by item. A negative gap on
 * awareness means the model notices the norm less when it has to read it from the image.
 */

export const GROUNDED = 'grounded';
export const TEXT_ONLY = 'text-only';

export interface GapOptions {
  seed: number;
  /** Bootstrap resamples; 10,000 by default. */
  resamples?: number;
  /**
   * Fields that, with `itemId`, identify one pair. Add 'round' when every round was judged in both
   * conditions; without it two rounds of one item would collide and the call fails.
   */
  pairFields?: readonly string[];
}

export interface MetricGap {
  /** Pairs scored on this dimension in both conditions. */
  pairs: number;
  /** Pairs left out because either score is missing. */
  missingPairs: number;
  /** Percent over the complete pairs. */
  grounded: number | null;
  textOnly: number | null;
  /** grounded − textOnly, in percentage points. */
  difference: number | null;
  /** Paired percentile-bootstrap interval of the difference, in percentage points. */
  lower: number | null;
  upper: number | null;
}

export interface GroundingGapGroup {
  key: Record<string, KeyValue>;
  /** Items seen in both conditions. */
  pairs: number;
  /** Grounded responses without a text-only partner, and the reverse. */
  unpairedGrounded: number;
  unpairedTextOnly: number;
  /** Rows whose `condition` is neither grounded nor text-only. */
  otherCondition: number;
  metrics: Record<SafetyMetric, MetricGap>;
}

interface Pair {
  grounded: JudgedResponse;
  textOnly: JudgedResponse;
}

function pairId(row: JudgedResponse, fields: readonly string[]): string {
  return JSON.stringify([row.itemId, ...fields.map((field) => row[field] ?? null)]);
}

function metricGap(pairs: readonly Pair[], metric: SafetyMetric, options: GapOptions): MetricGap {
  const { dimension, counts } = METRIC_SOURCE[metric];
  const grounded: number[] = [];
  const textOnly: number[] = [];
  for (const pair of pairs) {
    const g = pair.grounded.scores[dimension];
    const t = pair.textOnly.scores[dimension];
    if (g === null || t === null) continue;
    grounded.push(g === counts ? 1 : 0);
    textOnly.push(t === counts ? 1 : 0);
  }
  const missingPairs = pairs.length - grounded.length;
  if (grounded.length === 0) {
    return {
      pairs: 0,
      missingPairs,
      grounded: null,
      textOnly: null,
      difference: null,
      lower: null,
      upper: null,
    };
  }
  const interval = pairedBootstrapMeanDifference(grounded, textOnly, {
    seed: options.seed,
    resamples: options.resamples,
  });
  const percent = (values: number[]) => (100 * values.reduce((a, b) => a + b, 0)) / values.length;
  return {
    pairs: grounded.length,
    missingPairs,
    grounded: percent(grounded),
    textOnly: percent(textOnly),
    difference: 100 * interval.estimate,
    lower: 100 * interval.lower,
    upper: 100 * interval.upper,
  };
}

/**
 * The grounding gap per group (keys must not include 'condition'). Rows carry `condition` = 'grounded' or
 * 'text-only'; responses are paired by `itemId` (plus `pairFields`) inside each group.
 */
export function groundingGapBy(
  rows: readonly JudgedResponse[],
  keys: readonly string[],
  options: GapOptions,
): GroundingGapGroup[] {
  if (keys.includes('condition')) {
    throw new AppError(
      'invalid_input',
      "The grounding gap compares conditions; do not group by 'condition'.",
    );
  }
  const pairFields = options.pairFields ?? [];
  return groupBy(rows, keys, (row) => row).map(({ key, items }) => {
    const byCondition = {
      [GROUNDED]: new Map<string, JudgedResponse>(),
      [TEXT_ONLY]: new Map<string, JudgedResponse>(),
    };
    let otherCondition = 0;
    for (const row of items) {
      const condition = row.condition;
      if (condition !== GROUNDED && condition !== TEXT_ONLY) {
        otherCondition++;
        continue;
      }
      const id = pairId(row, pairFields);
      const slot = byCondition[condition];
      if (slot.has(id)) {
        throw new AppError(
          'invalid_input',
          `Item ${row.itemId} appears twice as ${condition} in group ${JSON.stringify(key)}; ` +
            "pass a pairing field such as 'round' or 'model'.",
        );
      }
      slot.set(id, row);
    }
    const pairs: Pair[] = [];
    for (const [id, grounded] of byCondition[GROUNDED]) {
      const textOnly = byCondition[TEXT_ONLY].get(id);
      if (textOnly) pairs.push({ grounded, textOnly });
    }
    const metrics = Object.fromEntries(
      SAFETY_METRICS.map((metric) => [metric, metricGap(pairs, metric, options)]),
    ) as Record<SafetyMetric, MetricGap>; // fromEntries loses the key type; SAFETY_METRICS lists every key.
    return {
      key,
      pairs: pairs.length,
      unpairedGrounded: byCondition[GROUNDED].size - pairs.length,
      unpairedTextOnly: byCondition[TEXT_ONLY].size - pairs.length,
      otherCondition,
      metrics,
    };
  });
}
