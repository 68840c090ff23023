import { textWidth } from './chart-text';

const SVG_NS = 'http://www.w3.org/2000/svg';

// Inherited properties that stylesheets (Plot's, ours, the theme's) may set. Each is written inline wherever the
// computed value differs from the parent's, so the exported file looks the same without any stylesheet.
const INHERITED = [
  'fill',
  'stroke',
  'stroke-width',
  'fill-opacity',
  'stroke-opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-variant-numeric',
  'color',
] as const;

export interface SvgExportOptions {
  title?: string;
  subtitle?: string;
  /** A footnote drawn under the chart (coverage notes and the like). */
  note?: string;
  /** Background colour; defaults to the computed background of the chart's frame, else white. */
  background?: string;
}

export interface ComposedSvg {
  markup: string;
  width: number;
  height: number;
}

function el(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function computed(node: Element): CSSStyleDeclaration | undefined {
  return typeof getComputedStyle === 'function' ? getComputedStyle(node) : undefined;
}

/** A deep clone of `source` with computed colours and fonts written inline and `currentColor` resolved. */
export function inlineStyles(source: Element): Element {
  const clone = source.cloneNode(true) as Element;
  const originals = [source, ...source.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const copy = copies[i];
    const style = computed(original);
    if (copy === undefined || style === undefined) return;
    const parent =
      original === source || original.parentElement === null ? undefined : computed(original.parentElement);
    const declarations: string[] = [];
    for (const property of INHERITED) {
      const value = style.getPropertyValue(property).trim();
      if (value !== '' && (parent === undefined || parent.getPropertyValue(property).trim() !== value)) {
        declarations.push(`${property}: ${value}`);
      }
    }
    const color = style.getPropertyValue('color').trim();
    for (const attribute of ['fill', 'stroke']) {
      if (copy.getAttribute(attribute)?.toLowerCase() === 'currentcolor' && color !== '')
        copy.setAttribute(attribute, color);
    }
    if (declarations.length > 0) {
      const existing = copy.getAttribute('style');
      copy.setAttribute('style', [existing, ...declarations].filter(Boolean).join('; '));
    }
  });
  return clone;
}

function numberAttribute(node: Element, name: string, fallback: number): number {
  const value = Number.parseFloat(node.getAttribute(name) ?? '');
  return Number.isFinite(value) ? value : fallback;
}

/** Plot's HTML swatch legend redrawn as SVG (swatch shape plus label), wrapped to `width`. */
function swatchesToSvg(swatches: Element, width: number): { node: SVGElement; height: number } {
  const group = el('g', { 'font-size': 12 });
  let x = 0;
  let y = 0;
  for (const swatch of swatches.querySelectorAll(':scope > span')) {
    const shape = swatch.querySelector('svg');
    const label = swatch.textContent?.trim() ?? '';
    const itemWidth = 15 + 6 + textWidth(label) + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += 22;
    }
    if (shape !== null) {
      const copy = inlineStyles(shape);
      copy.setAttribute('x', String(x));
      copy.setAttribute('y', String(y));
      group.append(copy);
    }
    group.append(el('text', { x: x + 21, y: y + 12 }, label));
    x += itemWidth;
  }
  return { node: group, height: y + 28 };
}

/** Plot output inside `host`: legends and plots, top to bottom. */
function plotParts(host: Element): Element[] {
  return [...host.querySelectorAll('svg, div[class$="-swatches"], div[class*="-swatches "]')].filter(
    (node) => node.parentElement?.closest('svg, div[class*="-swatches"]') == null,
  );
}

/**
 * One self-contained SVG document for the chart rendered in `host`: title, subtitle, Plot's legends and plot
 * stacked vertically, and a footnote, on a solid background so it reads outside the app's theme.
 */
export function composeChartSvg(host: Element, options: SvgExportOptions = {}): ComposedSvg {
  const parts = plotParts(host);
  const width = Math.max(
    320,
    ...parts.map((p) => (p.tagName.toLowerCase() === 'svg' ? numberAttribute(p, 'width', 0) : 0)),
  );
  const frame = host.closest('.va-chart') ?? host;
  const style = computed(frame);
  const text = style?.getPropertyValue('color').trim() || '#1b2430';
  const fontFamily = style?.getPropertyValue('font-family').trim() || 'system-ui, sans-serif';
  const background = options.background ?? (style?.getPropertyValue('background-color').trim() || '#ffffff');
  const padding = 16;
  const body = el('g', { transform: `translate(${padding},${padding})` });
  let y = 0;
  if (options.title) {
    body.append(el('text', { x: 0, y: y + 15, 'font-size': 16, 'font-weight': 700 }, options.title));
    y += 24;
  }
  if (options.subtitle) {
    body.append(el('text', { x: 0, y: y + 12, 'font-size': 12.5, 'fill-opacity': 0.75 }, options.subtitle));
    y += 22;
  }
  for (const part of parts) {
    if (part.tagName.toLowerCase() === 'svg') {
      const copy = inlineStyles(part);
      // Plot's class-scoped stylesheet sets `height: auto`, which would stretch a nested <svg> to the whole document.
      copy.querySelectorAll('style').forEach((node) => node.remove());
      copy.removeAttribute('class');
      const height = numberAttribute(part, 'height', 150);
      copy.setAttribute('x', '0');
      copy.setAttribute('y', String(y));
      copy.setAttribute('width', String(numberAttribute(part, 'width', width)));
      copy.setAttribute('height', String(height));
      body.append(copy);
      y += height + 6;
    } else {
      const { node, height } = swatchesToSvg(part, width);
      node.setAttribute('transform', `translate(0,${y})`);
      body.append(node);
      y += height;
    }
  }
  if (options.note) {
    body.append(el('text', { x: 0, y: y + 14, 'font-size': 12, 'fill-opacity': 0.75 }, options.note));
    y += 22;
  }
  const totalWidth = Math.ceil(width + 2 * padding);
  const totalHeight = Math.ceil(y + 2 * padding);
  const root = el('svg', {
    width: totalWidth,
    height: totalHeight,
    viewBox: `0 0 ${totalWidth} ${totalHeight}`,
    'font-family': fontFamily,
    fill: text,
    color: text,
  });
  root.append(el('rect', { width: '100%', height: '100%', fill: background }), body);
  return { markup: new XMLSerializer().serializeToString(root), width: totalWidth, height: totalHeight };
}
