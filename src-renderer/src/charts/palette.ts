import { useSyncExternalStore } from 'react';

/**
 * Colours for charts, resolved from CSS variables (`styles/charts.css`) to literal values so that Plot can
 * interpolate them and exported files need no stylesheet. Re-read whenever `html[data-theme]` changes.
 */
export interface ChartPalette {
  text: string;
  muted: string;
  surface: string;
  grid: string;
  sea: string;
  noData: string;
  landStroke: string;
  selected: string;
  selectedFill: string;
  sequential: readonly [string, string, string];
  diverging: readonly [string, string, string];
  categorical: readonly string[];
}

const LIGHT: ChartPalette = {
  text: '#1b2430',
  muted: '#5b6776',
  surface: '#ffffff',
  grid: '#d8dee6',
  sea: '#eaf0f6',
  noData: '#c9ced6',
  landStroke: '#ffffff',
  selected: '#1f6feb',
  selectedFill: '#a9c7f5',
  sequential: ['#d9f0a3', '#41b6c4', '#253494'],
  diverging: ['#b35806', '#f7f4ee', '#2166ac'],
  categorical: ['#1f6feb', '#d4651b', '#1a7f37', '#8250df', '#bf3989', '#6e7781'],
};

const VARIABLES: Record<Exclude<keyof ChartPalette, 'sequential' | 'diverging' | 'categorical'>, string> = {
  text: '--chart-text',
  muted: '--chart-muted',
  surface: '--chart-surface',
  grid: '--chart-grid',
  sea: '--chart-sea',
  noData: '--chart-no-data',
  landStroke: '--chart-land-stroke',
  selected: '--chart-selected',
  selectedFill: '--chart-selected-fill',
};

let last: { signature: string; palette: ChartPalette } | undefined;

/**
 * The palette for the current theme. Returns the same object while the colours are unchanged, as
 * `useSyncExternalStore` requires, and falls back to the light colours where the stylesheet is not loaded.
 */
export function readPalette(): ChartPalette {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return LIGHT;
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  // Without the stylesheet (tests, or a read before it applies) use the constants.
  if (read('--chart-ready', '') === '') return LIGHT;
  const palette: ChartPalette = {
    ...LIGHT,
    ...Object.fromEntries(
      Object.entries(VARIABLES).map(([k, v]) => [k, read(v, LIGHT[k as keyof typeof VARIABLES])]),
    ),
    sequential: [
      read('--chart-seq-low', LIGHT.sequential[0]),
      read('--chart-seq-mid', LIGHT.sequential[1]),
      read('--chart-seq-high', LIGHT.sequential[2]),
    ],
    diverging: [
      read('--chart-div-negative', LIGHT.diverging[0]),
      read('--chart-div-middle', LIGHT.diverging[1]),
      read('--chart-div-positive', LIGHT.diverging[2]),
    ],
    categorical: LIGHT.categorical.map((c, i) => read(`--chart-cat-${i + 1}`, c)),
  };
  const signature = JSON.stringify(palette);
  if (last?.signature !== signature) last = { signature, palette };
  return last.palette;
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The chart palette, updated when the app's theme changes. */
export function useChartPalette(): ChartPalette {
  return useSyncExternalStore(subscribe, readPalette, () => LIGHT);
}
