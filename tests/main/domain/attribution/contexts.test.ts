import { describe, expect, it } from 'vitest';

import {
  contextsNamedIn,
  contextsOf,
  inferDimension,
  normaliseLabel,
  resolveContext,
} from '../../../../src-main/domain/attribution/contexts';

describe('attribution contexts', () => {
  it('lists the METHODS contexts per dimension', () => {
    expect(contextsOf('religion')).toHaveLength(6);
    expect(contextsOf('nationality')).toHaveLength(8);
    expect(contextsOf('socioeconomic')).toEqual(['Low', 'Middle', 'High']);
  });

  it('resolves the spellings of file names, options and replies', () => {
    expect(resolveContext('Mosque', 'religion')).toBe('Muslim');
    expect(resolveContext('low income', 'socioeconomic')).toBe('Low');
    expect(resolveContext('Medium socioeconomic status', 'socioeconomic')).toBe('Middle');
    expect(resolveContext('U.S.A.', 'nationality')).toBe('United States');
    expect(resolveContext('US', 'nationality')).toBe('United States');
    expect(resolveContext('south_africa', 'nationality')).toBe('South Africa');
    expect(resolveContext('Atlantis', 'nationality')).toBeNull();
    expect(resolveContext('a church next to a mosque', 'religion')).toBeNull();
  });

  it('matches whole words only, and short aliases only as the whole label', () => {
    expect(contextsNamedIn('Let us look: it is France.', 'nationality')).toEqual(['France']);
    expect(contextsNamedIn('Indiana', 'nationality')).toEqual([]);
    expect(normaliseLabel('Côte-d’Ivoire!')).toBe('cote d ivoire');
  });

  it('infers the dimension when the labels fit exactly one', () => {
    expect(inferDimension(['Mosque', 'Church', 'Synagogue'])).toBe('religion');
    expect(inferDimension(['Brazil', 'India'])).toBe('nationality');
    expect(inferDimension(['Low', 'High'])).toBe('socioeconomic');
    expect(inferDimension(['Brazil', 'Mosque'])).toBeNull();
    expect(inferDimension([])).toBeNull();
  });
});
