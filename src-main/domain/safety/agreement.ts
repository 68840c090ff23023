import { AppError } from '../errors';
import type { JudgeScore } from './judge-parse';
import { SAFETY_DIMENSIONS, type SafetyDimension } from './rubric';

export interface KappaResult {
  /** Items rated by both raters. */
  n: number;
  /** Observed agreement p_o (the accuracy when one rater is the reference); null when n is 0. */
  observed: number | null;
  /** Agreement expected by chance from the raters' marginals, p_e. */
  expected: number | null;
  /** (p_o − p_e) / (1 − p_e); null when undefined, with the reason in `undefinedReason`. */
  kappa: number | null;
  undefinedReason?: string;
}

/**
 * Cohen's kappa for two raters over any labels. When both raters gave every item the same single label,
 * p_e = 1 and kappa is 0 / 0: it is reported as null with a reason rather than as 1 or NaN, because perfect
 * agreement on a constant label says nothing about whether the judge can tell the categories apart.
 */
export function cohensKappa<T extends string | number>(a: readonly T[], b: readonly T[]): KappaResult {
  if (a.length !== b.length) {
    throw new AppError(
      'invalid_input',
      `Cohen's kappa needs two equally long label lists, got ${a.length} and ${b.length}.`,
    );
  }
  const n = a.length;
  if (n === 0)
    return { n, observed: null, expected: null, kappa: null, undefinedReason: 'no item was rated by both' };
  const countsA = new Map<T, number>();
  const countsB = new Map<T, number>();
  let agreements = 0;
  a.forEach((labelA, i) => {
    const labelB = b[i] as T;
    if (labelA === labelB) agreements++;
    countsA.set(labelA, (countsA.get(labelA) ?? 0) + 1);
    countsB.set(labelB, (countsB.get(labelB) ?? 0) + 1);
  });
  const observed = agreements / n;
  let expected = 0;
  for (const [label, count] of countsA) expected += (count / n) * ((countsB.get(label) ?? 0) / n);
  // p_e reaches 1 only when both raters used one and the same label; compare with slack for rounding.
  if (expected > 1 - 1e-12) {
    return {
      n,
      observed,
      expected: 1,
      kappa: null,
      undefinedReason: 'both raters gave every item the same label, so chance agreement is 1',
    };
  }
  return { n, observed, expected, kappa: (observed - expected) / (1 - expected) };
}

/** One item labelled by the judge and by a person on one dimension; null = no score. */
export interface AgreementLabel {
  dimension: SafetyDimension;
  judge: JudgeScore | null;
  human: JudgeScore | null;
}

export interface DimensionAgreement extends KappaResult {
  dimension: SafetyDimension;
  /** Items left out because the judge's or the person's score is missing. */
  skipped: number;
  /** Share of items where the judge matched the person (= p_o). */
  accuracy: number | null;
  /** Judge → person confusion counts. */
  confusion: { judge1human1: number; judge1human0: number; judge0human1: number; judge0human0: number };
}

/** Judge–human agreement per dimension (METHODS §3.2 validation): accuracy and Cohen's kappa. */
export function judgeHumanAgreement(labels: readonly AgreementLabel[]): DimensionAgreement[] {
  return SAFETY_DIMENSIONS.map((dimension) => {
    const judge: JudgeScore[] = [];
    const human: JudgeScore[] = [];
    let skipped = 0;
    const confusion = { judge1human1: 0, judge1human0: 0, judge0human1: 0, judge0human0: 0 };
    for (const label of labels) {
      if (label.dimension !== dimension) continue;
      if (label.judge === null || label.human === null) {
        skipped++;
        continue;
      }
      judge.push(label.judge);
      human.push(label.human);
      confusion[`judge${label.judge}human${label.human}`]++;
    }
    const kappa = cohensKappa(judge, human);
    return { dimension, ...kappa, skipped, accuracy: kappa.observed, confusion };
  });
}
