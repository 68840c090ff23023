import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { WorldChoropleth } from '../../../src-renderer/src/charts/world-choropleth';
import { worldFeatures } from '../../../src-renderer/src/charts/world-features';
import { marks } from './chart-queries';

const NO_DATA = '#c9ced6';
const data = [
  { code: 'US', value: 0.61 },
  { code: 'DEU', value: 0.82 },
  { code: 'NG', value: 0.55, detail: 'n = 240' },
  { code: 'BR', value: null },
  { code: 'SG', value: 0.7 },
];

afterEach(cleanup);

describe('WorldChoropleth', () => {
  it('joins world-atlas numeric ids to alpha-2 and alpha-3 codes', () => {
    const features = worldFeatures();
    expect(features).toHaveLength(177);
    expect(features.find((f) => f.properties.name === 'Germany')?.numeric).toBe('276');
    expect(features.find((f) => f.properties.name === 'Fiji')?.numeric).toBe('242');
  });

  it('colours the countries with data and greys the rest', () => {
    const { container } = render(
      <WorldChoropleth title="Mean similarity" data={data} valueLabel="Similarity" />,
    );
    const coloured = marks(container, 'countries with data', 'path');
    expect(coloured.map((p) => p.getAttribute('data-code')).sort()).toEqual(['DE', 'NG', 'US']);
    for (const path of coloured) expect(path.getAttribute('fill')).not.toBe(NO_DATA);
    const grey = marks(container, 'countries without data', 'path');
    expect(grey.length).toBe(177 - 3);
    expect(
      container.querySelector('g[aria-description="countries without data"]')?.getAttribute('fill'),
    ).toBe(NO_DATA);
    expect(coloured.find((p) => p.getAttribute('data-code') === 'NG')?.textContent).toContain('n = 240');
  });

  it('names the drawing with a summary and lists countries too small for the map', () => {
    render(<WorldChoropleth title="Mean similarity" data={data} valueLabel="Similarity" />);
    const img = screen.getByRole('img', { name: /World map of Similarity for 4 countries/ });
    expect(img.getAttribute('aria-label')).toContain('Highest: Germany 0.82');
    expect(screen.getByText('Singapore 0.7')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Mean similarity' })).toBeTruthy();
  });

  it('shows the empty state without data unless it is a picker', () => {
    const { rerender } = render(<WorldChoropleth title="Map" data={[]} />);
    expect(screen.getByText('No data to show yet.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    rerender(<WorldChoropleth title="Map" data={[]} onCountryClick={() => undefined} />);
    expect(screen.queryByText('No data to show yet.')).toBeNull();
    expect(screen.getByRole('group', { name: /World map/ })).toBeTruthy();
  });

  it('calls onCountryClick with the clicked country code, in the requested format', () => {
    const onCountryClick = vi.fn();
    const { container, rerender } = render(
      <WorldChoropleth title="Pick" data={data} onCountryClick={onCountryClick} />,
    );
    fireEvent.click(container.querySelector('path[data-code="DE"]')!);
    fireEvent.click(container.querySelector('path[data-code="FR"]')!);
    expect(onCountryClick.mock.calls).toEqual([['DE'], ['FR']]);
    rerender(
      <WorldChoropleth title="Pick" data={data} onCountryClick={onCountryClick} codeFormat="alpha3" />,
    );
    fireEvent.keyDown(container.querySelector('path[data-code="JPN"]')!, { key: 'Enter' });
    expect(onCountryClick).toHaveBeenLastCalledWith('JPN');
  });

  it('keeps keyboard focus on the toggled country when the map redraws', () => {
    function Picker() {
      const [selected, setSelected] = useState<string[]>([]);
      const toggle = (code: string) =>
        setSelected((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));
      return <WorldChoropleth title="Pick" data={[]} selected={selected} onCountryClick={toggle} />;
    }
    const { container } = render(<Picker />);
    const before = container.querySelector<SVGPathElement>('path[data-code="KE"]')!;
    before.focus();
    fireEvent.keyDown(before, { key: ' ' });
    const after = container.querySelector('path[data-code="KE"]')!;
    expect(after).not.toBe(before);
    expect(after.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(after);
  });

  it('marks the selection on the map and in the list of small countries', () => {
    const onCountryClick = vi.fn();
    const { container } = render(
      <WorldChoropleth
        title="Pick"
        data={[]}
        selected={['FR', 'USA', 'SG']}
        onCountryClick={onCountryClick}
      />,
    );
    expect(
      marks(container, 'selected countries without data', 'path').map((p) => p.getAttribute('data-code')),
    ).toEqual(expect.arrayContaining(['FR', 'US']));
    expect(container.querySelector('path[data-code="FR"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('path[data-code="DE"]')?.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Singapore', pressed: true }));
    expect(onCountryClick).toHaveBeenCalledWith('SG');
  });

  it('draws a diverging legend centred on zero and reports unknown codes', () => {
    const { container } = render(
      <WorldChoropleth
        title="% change"
        scheme="diverging"
        data={[
          { code: 'US', value: -12 },
          { code: 'FR', value: 3 },
          { code: 'XX', value: 5 },
        ]}
      />,
    );
    const ticks = [...container.querySelectorAll('svg[class$="-ramp"] .tick text')].map((t) =>
      Number(t.textContent),
    );
    expect(ticks).toHaveLength(6);
    expect(ticks.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(screen.getByText(/Unrecognised country codes: XX/)).toBeTruthy();
  });
});
