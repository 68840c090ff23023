import { describe, expect, it } from 'vitest';
import { argmax, majorityAgreement } from '../../../../../src-main/domain/alignment/metrics/majority';
import { unwrap } from './unwrap';

describe('majorityAgreement', () => {
  it('compares the most likely options, first one winning ties', () => {
    expect(unwrap(majorityAgreement([10, 60, 30], [0.2, 0.5, 0.3]))).toBe(1);
    expect(unwrap(majorityAgreement([10, 60, 30], [0.5, 0.2, 0.3]))).toBe(0);
    expect(argmax([0.4, 0.4, 0.2])).toBe(0);
    expect(majorityAgreement([1, 0], [0, 0])).toMatchObject({ ok: false, reason: 'zero-mass' });
  });
});
