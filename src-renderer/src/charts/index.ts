/**
 * Value Atlas charts: React components that draw with Observable Plot (SVG, CSP-safe, no eval).
 *
 * - Every chart takes plain typed data props, renders inside `ChartFrame` (title, subtitle, SVG/PNG/CSV export,
 *   an empty state) and exposes a text summary of its data as the drawing's accessible name.
 * - Colours come from CSS variables in `styles/charts.css`, resolved per theme by `useChartPalette`, so light and
 *   dark both read well and exported files are self-contained.
 * - Colour scales are stepped (threshold) scales: easier to read on maps, and their legends need no canvas.
 * - Country codes may be ISO alpha-2 or alpha-3; they are joined to world-atlas through zero-padded numeric codes.
 * - Props that are arrays, functions or domains should be stable (memoised) — a new identity redraws the chart.
 */
export { BarsWithCI, type BarsWithCIProps, type CiBarDatum } from './bars-with-ci';
export type { ChartPalette } from './palette';
export { useChartPalette } from './palette';
export type { ColorSchemeKind } from './color-scale';
export { countryName, toNumericCode, type CountryCodeFormat } from './country-codes';
export { CulturalMap, type CulturalMapProps, type CulturalPoint } from './cultural-map';
export { DistributionCompare, type DistributionCompareProps, type OptionShare } from './distribution-compare';
export {
  chartSvgText,
  composeChartSvg,
  downloadBlob,
  saveCsv,
  savePng,
  saveSvg,
  svgToPng,
  toCsv,
  type CsvCell,
  type CsvTable,
} from './export';
export { formatPercent, formatValue } from './chart-text';
export { GroupedBars, type GroupedBarDatum, type GroupedBarsProps } from './grouped-bars';
export { Heatmap, type HeatmapCell, type HeatmapProps } from './heatmap';
export { WorldChoropleth, type CountryValue, type WorldChoroplethProps } from './world-choropleth';
export { ChartFrame, type ChartFrameProps, type PlotRender } from '../components/chart-frame';
