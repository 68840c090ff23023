import { renormaliseOver, selectByMask } from '../distributions';
import { failure } from '../../stats/outcome';
import { type DistributionMetric } from './metric-result';

/**
 * Wraps a metric so it compares only the substantive options: both distributions (and the scale, for
 * ordinal metrics) are cut to the options whose mask entry is true and renormalised before scoring.
 * A side with no mass left on the kept options gives a `zero-mass` failure.
 */
export function restrictToSubstantive(
  metric: DistributionMetric,
  substantive: readonly boolean[],
): DistributionMetric {
  return (human, model, scale) => {
    const h = renormaliseOver(human, substantive);
    if (!h.ok) return failure(h.reason, `Human distribution over substantive options: ${h.message}`);
    const m = renormaliseOver(model, substantive);
    if (!m.ok) return failure(m.reason, `Model distribution over substantive options: ${m.message}`);
    if (scale && scale.length !== substantive.length) {
      return failure(
        'length-mismatch',
        `The scale has ${scale.length} values for ${substantive.length} options.`,
      );
    }
    return metric(h.value, m.value, scale ? selectByMask(scale, substantive) : undefined);
  };
}
