import { describe, expect, it } from 'vitest';

import {
  classificationYear,
  normaliseIncomeGroup,
  UNCLASSIFIED,
} from '../../../../src-main/domain/data/income-classification';

describe('income classification', () => {
  it('spells income groups as the World Bank does', () => {
    expect(normaliseIncomeGroup('upper-middle income')).toBe('Upper middle income');
    expect(normaliseIncomeGroup('  High   income ')).toBe('High income');
    expect(normaliseIncomeGroup('')).toBe(UNCLASSIFIED);
    expect(normaliseIncomeGroup('Not classified')).toBe(UNCLASSIFIED);
    expect(normaliseIncomeGroup('Rich')).toBeNull();
  });

  it('finds the fiscal year in a file name', () => {
    expect(classificationYear('C:\\data\\CLASS_FY2025.xlsx')).toBe('FY2025');
    expect(classificationYear('/data/class FY25.xlsx')).toBe('FY2025');
    expect(classificationYear('/data/fiscal year 2024.csv')).toBe('FY2024');
    expect(classificationYear('/FY2025/CLASS.xlsx')).toBeNull();
  });
});
