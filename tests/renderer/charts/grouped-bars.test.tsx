import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { type GroupedBarDatum, GroupedBars } from '../../../src-renderer/src/charts/grouped-bars';
import { marks } from './chart-queries';

afterEach(cleanup);

const conditions = ['T', 'I', 'T+I', 'conflict', 'blank'];
const countries = ['United States', 'Nigeria', 'China'];
const data: GroupedBarDatum[] = countries.flatMap((facet, i) =>
  conditions.map((category, j) => {
    const value = 0.6 + i * 0.05 + j * 0.02;
    // The blank condition has no interval, to check that error bars are drawn only where both bounds exist.
    return category === 'blank'
      ? { facet, category, value }
      : { facet, category, value, lo: value - 0.03, hi: value + 0.03 };
  }),
);

describe('GroupedBars', () => {
  it('draws one bar per category and facet, and an error bar per interval', () => {
    const { container } = render(
      <GroupedBars title="By condition" data={data} categoryLabel="Condition" valueLabel="Similarity" />,
    );
    expect(marks(container, 'bar', 'rect')).toHaveLength(15);
    expect(marks(container, 'error bars', 'line')).toHaveLength(12);
    const swatches = [...container.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent);
    expect(swatches).toEqual(conditions);
  });

  it('follows the given facet order and colours bars by category', () => {
    const { container } = render(
      <GroupedBars title="t" data={data} facetOrder={['China', 'Nigeria', 'United States']} />,
    );
    const facetLabels = marks(container, 'fx-axis tick label', 'text').map((t) => t.textContent);
    expect(facetLabels).toEqual(['China', 'Nigeria', 'United States']);
    const fills = new Set(marks(container, 'bar', 'rect').map((r) => r.getAttribute('fill')));
    expect(fills.size).toBe(5);
  });

  it('describes the bars in its accessible name and shows an empty state', () => {
    const { rerender } = render(<GroupedBars title="t" data={data} valueLabel="Similarity" />);
    const name = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(name).toContain('5 bars (T, I, T+I, conflict and blank) in each of 3 groups');
    expect(name).toContain('12 bars have confidence intervals');
    rerender(<GroupedBars title="t" data={[{ facet: 'a', category: 'T', value: null }]} />);
    expect(screen.getByText('No data to show yet.')).toBeTruthy();
  });
});
