import { describe, expect, it } from 'vitest';
import { isZeroMass, normalise, renormaliseOver } from '../../../../src-main/domain/alignment/distributions';
import { substantiveMask } from '../../../../src-main/domain/alignment/non-substantive';

describe('distributions', () => {
  it('normalises percentages and fractions alike', () => {
    expect(normalise([25, 75])).toEqual({ ok: true, value: [0.25, 0.75] });
    expect(normalise([0.2, 0.2, 0.6])).toEqual({ ok: true, value: [0.2, 0.2, 0.6] });
  });

  it('flags zero mass, empty and invalid input', () => {
    expect(normalise([0, 0, 0])).toMatchObject({ ok: false, reason: 'zero-mass' });
    expect(normalise([])).toMatchObject({ ok: false, reason: 'empty' });
    expect(normalise([1, -1])).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(normalise([1, Number.NaN])).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(isZeroMass([0, 0])).toBe(true);
    expect(isZeroMass([0, 1e-9])).toBe(false);
  });

  it('renormalises over a subset, dropping the masked-out options', () => {
    expect(renormaliseOver([30, 50, 20], [true, true, false])).toEqual({ ok: true, value: [0.375, 0.625] });
    expect(renormaliseOver([0, 0, 100], [true, true, false])).toMatchObject({
      ok: false,
      reason: 'zero-mass',
    });
    expect(renormaliseOver([1, 2], [true])).toMatchObject({ ok: false, reason: 'length-mismatch' });
  });

  it('recognises common non-substantive options by wording', () => {
    const options = [
      'Most people can be trusted',
      'Need to be very careful',
      "Don't know",
      'No answer',
      'Refused',
    ];
    expect(substantiveMask(options)).toEqual([true, true, false, false, false]);
    expect(substantiveMask(['Knowledge is power'])).toEqual([true]);
  });
});
