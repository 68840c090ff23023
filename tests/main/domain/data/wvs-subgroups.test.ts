import { describe, expect, it } from 'vitest';

import { subgroupOf } from '../../../../src-main/domain/data/wvs-subgroups';

describe('subgroupOf', () => {
  it('bands age as the WVS recode X003R2 does (15–29, 30–49, 50+)', () => {
    expect([15, 29, 30, 49, 50, 99].map((age) => subgroupOf('age', age))).toEqual([
      'age:15-29',
      'age:15-29',
      'age:30-49',
      'age:30-49',
      'age:50+',
      'age:50+',
    ]);
    expect(subgroupOf('age', 14)).toBeNull();
  });

  it('groups ISCED levels as Q275R does (0–2, 3–4, 5–8)', () => {
    expect([0, 2, 3, 4, 5, 8].map((level) => subgroupOf('education', level))).toEqual([
      'education:lower',
      'education:lower',
      'education:middle',
      'education:middle',
      'education:higher',
      'education:higher',
    ]);
    expect(subgroupOf('education', 9)).toBeNull();
  });

  it('reads sex and settlement codes, and treats missing (negative, NaN) values as no subgroup', () => {
    expect([subgroupOf('sex', 1), subgroupOf('sex', 2), subgroupOf('sex', 3)]).toEqual([
      'sex:male',
      'sex:female',
      null,
    ]);
    expect([subgroupOf('urban', 1), subgroupOf('urban', 2)]).toEqual(['urban:urban', 'urban:rural']);
    expect([subgroupOf('sex', -2), subgroupOf('age', Number.NaN), subgroupOf('urban', -5)]).toEqual([
      null,
      null,
      null,
    ]);
  });
});
