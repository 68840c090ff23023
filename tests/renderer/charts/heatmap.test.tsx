import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { Heatmap, type HeatmapCell } from '../../../src-renderer/src/charts/heatmap';
import { marks } from './chart-queries';

afterEach(cleanup);

const rows = ['Economic Values', 'Religious Values', 'Happiness and Well-being'];
const columns = ['United States', 'Brazil', 'China', 'Nigeria'];
const cells: HeatmapCell[] = rows.flatMap((row, i) =>
  columns.map((column, j) => ({ row, column, value: i === 1 && j === 2 ? null : (i - 1) * 10 + j })),
);

describe('Heatmap', () => {
  it('draws rows × columns cells, greying the ones without a value', () => {
    const { container } = render(
      <Heatmap title="% change" cells={cells} scheme="diverging" valueLabel="% change" />,
    );
    const valued = marks(container, 'cell', 'rect');
    const empty = marks(container, 'empty cell', 'rect');
    expect(valued.length + empty.length).toBe(rows.length * columns.length);
    expect(empty).toHaveLength(1);
    expect(new Set(valued.map((c) => c.getAttribute('fill'))).size).toBeGreaterThan(3);
    expect(valued[0]?.querySelector('title')?.textContent).toContain('% change');
  });

  it('prints values in a small grid, with a readable text colour', () => {
    const { container } = render(<Heatmap title="% change" cells={cells} scheme="diverging" />);
    const labels = marks(container, 'text', 'text');
    expect(labels).toHaveLength(11);
    expect(labels.map((t) => t.textContent)).toContain('-10');
    expect(new Set(labels.map((t) => t.getAttribute('fill')))).toEqual(new Set(['#111418', '#ffffff']));
  });

  it('sorts rows and columns by the given order', () => {
    const { container } = render(
      <Heatmap
        title="t"
        cells={cells}
        rowOrder={['Happiness and Well-being']}
        columnOrder={['China', 'Brazil']}
      />,
    );
    const yLabels = marks(container, 'y-axis tick label', 'text').map((t) => t.textContent);
    const xLabels = marks(container, 'x-axis tick label', 'text').map((t) => t.textContent);
    expect(yLabels).toEqual(['Happiness and Well-being', 'Economic Values', 'Religious Values']);
    expect(xLabels).toEqual(['China', 'Brazil', 'United States', 'Nigeria']);
  });

  it('summarises the grid as its accessible name', () => {
    render(<Heatmap title="t" cells={cells} valueLabel="Similarity" />);
    const name = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(name).toContain('Heatmap of Similarity: 3 rows');
    expect(name).toContain('by 4 columns');
    expect(name).toContain('Highest Happiness and Well-being × Nigeria (13)');
    expect(name).toContain('1 cells have no data');
  });

  it('shows the empty state and no export buttons without cells', () => {
    render(<Heatmap title="Nothing" cells={[]} emptyMessage="Run an experiment first." />);
    expect(screen.getByText('Run an experiment first.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
  });
});
