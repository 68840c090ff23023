/** Font size (px) used by every chart; Plot's default of 10px is too small at 1280×800. */
export const FONT_SIZE = 12;

/** Default number format: up to 3 significant decimals, no trailing zeros. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A share in [0, 1] as a percentage, e.g. 0.274 → "27.4%". */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—';
}

/**
 * Rough rendered width of a label, for margins. Plot does not measure text, and layout APIs are unavailable in
 * tests, so this uses an average glyph width.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return Math.ceil(text.length * fontSize * 0.58);
}

/** A margin wide enough for the longest label, within [min, max]. */
export function labelMargin(labels: readonly string[], min = 40, max = 260): number {
  const widest = labels.reduce((w, label) => Math.max(w, textWidth(label)), 0);
  return Math.min(max, Math.max(min, widest + 14));
}

/** Shortens a label for an axis, keeping the full text for tooltips. */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** A file-name-safe slug of a chart title. */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60) || 'chart';
}

/** "a, b and c" — for summaries read by screen readers. */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Unique values in first-seen order, with any given order first. */
export function orderedKeys(values: readonly string[], order?: readonly string[]): string[] {
  const seen = new Set(values);
  const head = (order ?? []).filter((key) => seen.has(key));
  const rest = [...seen].filter((key) => !head.includes(key));
  return [...head, ...rest];
}

/** Inline style for every Plot figure: the app's font at a readable size. */
export const PLOT_STYLE = { fontSize: `${FONT_SIZE}px`, fontFamily: 'inherit' } as const;

/** Finite numbers only; null, undefined and NaN are "no value". */
export function isValue(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
