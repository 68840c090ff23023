import { type Outcome } from '../../../../../src-main/domain/stats/outcome';

/** The value of a successful outcome; fails the test with the reason otherwise. */
export function unwrap<T>(result: Outcome<T>): T {
  if (!result.ok) throw new Error(`unexpected failure (${result.reason}): ${result.message}`);
  return result.value;
}
