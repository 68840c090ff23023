import { composeChartSvg, type SvgExportOptions } from './export-svg';

export { composeChartSvg, inlineStyles, type ComposedSvg, type SvgExportOptions } from './export-svg';

export type CsvCell = string | number | boolean | null | undefined;

/** The data behind a chart, as a table for CSV export. */
export interface CsvTable {
  columns: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let text = String(cell);
  // Spreadsheets run cells that start with these as formulas; a leading apostrophe keeps them text.
  if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves `blob` through a temporary anchor with a blob URL (allowed by the renderer's CSP). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; give it a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart in `host` as a standalone SVG file's text. */
export function chartSvgText(host: Element, options: SvgExportOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${composeChartSvg(host, options).markup}`;
}

export function saveSvg(host: Element, filename: string, options: SvgExportOptions = {}): void {
  downloadBlob(new Blob([chartSvgText(host, options)], { type: 'image/svg+xml;charset=utf-8' }), filename);
}

export function saveCsv(table: CsvTable, filename: string): void {
  // A byte-order mark makes Excel read the file as UTF-8 (country names with accents).
  downloadBlob(new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' }), filename);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart SVG could not be loaded as an image for PNG export.'));
    image.src = url;
  });
}

/**
 * Rasterises SVG text to a PNG at `scale`× through an offscreen canvas. The SVG is loaded from a blob URL, which the
 * CSP allows (`img-src blob:`); it embeds no external resources, so the canvas is not tainted.
 */
export async function svgToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (context === null)
      throw new Error('This browser cannot draw to a canvas, so PNG export is unavailable.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error('PNG encoding failed.')) : resolve(blob)),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function savePng(
  host: Element,
  filename: string,
  options: SvgExportOptions = {},
): Promise<void> {
  const { markup, width, height } = composeChartSvg(host, options);
  downloadBlob(await svgToPng(markup, width, height), filename);
}
