import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { CulturalMap, type CulturalPoint } from '../../../src-renderer/src/charts/cultural-map';
import { marks } from './chart-queries';

afterEach(cleanup);

const human: CulturalPoint[] = [
  { code: 'SE', survivalSelfExpression: 2.2, traditionalSecular: 1.6 },
  { code: 'NG', survivalSelfExpression: -0.6, traditionalSecular: -1.8 },
  { code: 'JP', survivalSelfExpression: 0.5, traditionalSecular: 1.9 },
];
// Alpha-3 codes on the model side still pair with the alpha-2 human points; Kenya has no human point.
const model: CulturalPoint[] = [
  { code: 'SWE', survivalSelfExpression: 1.8, traditionalSecular: 1.0 },
  { code: 'NGA', survivalSelfExpression: 0.4, traditionalSecular: -0.4 },
  { code: 'KE', survivalSelfExpression: 0.1, traditionalSecular: -0.2 },
];

describe('CulturalMap', () => {
  it('draws human and model points, labels the human ones, and joins pairs with arrows', () => {
    const { container } = render(<CulturalMap title="IW map" human={human} model={model} />);
    expect(marks(container, 'dot', 'path')).toHaveLength(6);
    expect(marks(container, 'shift from human to model', 'path')).toHaveLength(2);
    expect(marks(container, 'text', 'text').map((t) => t.textContent)).toEqual([
      'Sweden',
      'Nigeria',
      'Japan',
    ]);
    const legend = [...container.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent);
    expect(legend).toEqual(['Humans (WVS)', 'Model persona']);
    const symbols = new Set(marks(container, 'dot', 'path').map((p) => p.getAttribute('d')?.slice(0, 12)));
    expect(symbols.size).toBeGreaterThan(1);
  });

  it('summarises the shift as its accessible name', () => {
    render(<CulturalMap title="IW map" human={human} model={model} modelLabel="Model X" />);
    const name = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(name).toContain('3 Humans (WVS) and 3 Model X positions');
    expect(name).toContain('2 countries have both');
  });

  it('shows the empty state without points', () => {
    render(<CulturalMap title="IW map" human={[]} model={[]} />);
    expect(screen.getByText('No data to show yet.')).toBeTruthy();
  });
});
