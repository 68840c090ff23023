import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { BarsWithCI } from '../../../src-renderer/src/charts/bars-with-ci';
import { readPalette } from '../../../src-renderer/src/charts/palette';

const style = document.createElement('style');

afterEach(() => {
  cleanup();
  style.remove();
  delete document.documentElement.dataset.theme;
});

describe('chart palette', () => {
  it('falls back to the light colours without the stylesheet', () => {
    expect(readPalette().categorical[0]).toBe('#1f6feb');
  });

  it('reads the theme’s CSS variables and redraws when the theme changes', async () => {
    style.textContent = `
      :root { --chart-ready: 1; --chart-cat-1: #111111; }
      :root[data-theme='dark'] { --chart-cat-1: #eeeeee; }`;
    document.head.append(style);
    document.documentElement.dataset.theme = 'light';
    const { container } = render(<BarsWithCI title="t" data={[{ group: 'a', value: 1 }]} />);
    // A constant fill is set on the mark's group.
    const barFill = () => container.querySelector('g[aria-label="bar"]')?.getAttribute('fill');
    expect(barFill()).toBe('#111111');
    await act(async () => {
      document.documentElement.dataset.theme = 'dark';
      // MutationObserver callbacks run as microtasks.
      await Promise.resolve();
    });
    expect(barFill()).toBe('#eeeeee');
  });
});
