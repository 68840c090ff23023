import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { DistributionCompare, type OptionShare } from '../../../src-renderer/src/charts/distribution-compare';
import { marks } from './chart-queries';

afterEach(cleanup);

const options: OptionShare[] = [
  { option: 'Very important', model: 0.6, human: 0.45 },
  { option: 'Rather important', model: 0.3, human: 0.35 },
  { option: 'Not very important', model: 0.1, human: 0.15 },
  { option: "Don't know", model: null, human: 0.05 },
];

describe('DistributionCompare', () => {
  it('draws a model and a human bar per option, with percentages', () => {
    const { container } = render(<DistributionCompare title="Q1" options={options} />);
    expect(marks(container, 'bar', 'rect')).toHaveLength(7);
    const percentages = marks(container, 'percentages', 'text').map((t) => t.textContent);
    expect(percentages).toEqual(expect.arrayContaining(['60.0%', '45.0%', '5.0%']));
    expect(marks(container, 'fy-axis tick label', 'text').map((t) => t.textContent)).toEqual(
      options.map((o) => o.option),
    );
  });

  it('notes coverage and similarity, warning when coverage is low', () => {
    render(<DistributionCompare title="Q1" options={options} coverage={0.42} similarity={0.9134} />);
    const note = screen.getByText(/probability on the listed options/).textContent ?? '';
    expect(note).toContain('Similarity (1 − JSD): 0.913');
    expect(note).toContain('42.0%');
    expect(note).toContain('Low coverage');
  });

  it('names the drawing by its most common answers, and shows an empty state', () => {
    const { rerender } = render(<DistributionCompare title="Q1" options={options} modelLabel="Model X" />);
    const name = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(name).toContain('Model X most often: Very important 60.0%');
    rerender(<DistributionCompare title="Q1" options={[]} />);
    expect(screen.getByText('No data to show yet.')).toBeTruthy();
  });
});
