import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { BarsWithCI, type CiBarDatum } from '../../../src-renderer/src/charts/bars-with-ci';
import { marks } from './chart-queries';

afterEach(cleanup);

const data: CiBarDatum[] = [
  { group: 'High income', value: 0.78, lo: 0.75, hi: 0.81 },
  { group: 'Upper-middle income', value: 0.72, lo: 0.68, hi: 0.75 },
  { group: 'Low income', value: 0.61 },
  { group: 'No data', value: null },
];

describe('BarsWithCI', () => {
  it('draws a bar per group with a value and an interval where both bounds exist', () => {
    const { container } = render(<BarsWithCI title="Income" data={data} valueLabel="Similarity" />);
    expect(marks(container, 'bar', 'rect')).toHaveLength(3);
    expect(marks(container, 'error bars', 'line')).toHaveLength(2);
    expect(container.querySelector('[class$="-swatches"], [class*="-swatches "]')).toBeNull();
    const name = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(name).toContain('Highest High income (0.78); lowest Low income (0.61)');
  });

  it('colours bars by category with a legend', () => {
    const categorised = data.map((d, i) => ({ ...d, category: i === 0 ? 'High' : 'Other' }));
    const { container } = render(
      <BarsWithCI title="Income" data={categorised} categoryLabel="Income group" />,
    );
    const fills = new Set(marks(container, 'bar', 'rect').map((r) => r.getAttribute('fill')));
    expect(fills.size).toBe(2);
    expect([...container.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent)).toEqual([
      'High',
      'Other',
    ]);
  });

  it('shows the empty state when no group has a value', () => {
    render(<BarsWithCI title="Income" data={[{ group: 'x', value: null }]} />);
    expect(screen.getByText('No data to show yet.')).toBeTruthy();
  });
});
