/**
 * Respondent subgroups for WVS-7 distributions. Bands follow the WVS's own recodes so results line up
 * with published tables: age in three bands (as X003R2: 15–29, 30–49, 50+) and education in three
 * ISCED levels (as Q275R: 0–2 lower, 3–4 middle, 5–8 higher).
 */
export type SubgroupDimension = 'sex' | 'age' | 'urban' | 'education';

export const SUBGROUP_DIMENSIONS: readonly SubgroupDimension[] = ['sex', 'age', 'urban', 'education'];

/** The respondent-file column each dimension is read from. */
export const SUBGROUP_COLUMNS: Readonly<Record<SubgroupDimension, string>> = {
  sex: 'Q260',
  age: 'Q262',
  urban: 'H_URBRURAL',
  education: 'Q275',
};

/** Subgroup key (`sex:female`, `age:30-49`, …) for a respondent's value, or null when it is missing. */
export function subgroupOf(dimension: SubgroupDimension, value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  switch (dimension) {
    case 'sex':
      return value === 1 ? 'sex:male' : value === 2 ? 'sex:female' : null;
    case 'urban':
      return value === 1 ? 'urban:urban' : value === 2 ? 'urban:rural' : null;
    case 'age':
      if (value < 15 || value > 120) return null;
      return value < 30 ? 'age:15-29' : value < 50 ? 'age:30-49' : 'age:50+';
    case 'education':
      if (!Number.isInteger(value) || value > 8) return null;
      return value <= 2 ? 'education:lower' : value <= 4 ? 'education:middle' : 'education:higher';
  }
}
