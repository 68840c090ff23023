import { describe, expect, it } from 'vitest';

import { culturalMapPoint } from '../../../../src-main/domain/data/cultural-map-axes';

describe('culturalMapPoint', () => {
  it('puts secular-rational up (tradagg) and self-expression right (−survsagg)', () => {
    // Sweden 2017 and Zimbabwe 2020 from the Open Numbers IVS file.
    expect(culturalMapPoint({ tradagg: 1.21, survsagg: -3.11 })).toEqual({ x: 3.11, y: 1.21 });
    expect(culturalMapPoint({ tradagg: -0.58, survsagg: 1.93 })).toEqual({ x: -1.93, y: -0.58 });
  });

  it('keeps a zero score a positive zero', () => {
    expect(Object.is(culturalMapPoint({ tradagg: 0, survsagg: 0 }).x, 0)).toBe(true);
  });
});
