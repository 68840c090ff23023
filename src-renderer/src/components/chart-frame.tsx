import '../styles/charts.css';

import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

import { slugify } from '../charts/chart-text';
import { type CsvTable, saveCsv, savePng, saveSvg } from '../charts/export';
import { useElementWidth } from '../charts/use-element-width';

/** Draws the chart for the given width, returning Plot's output (an SVG or a figure with legends). */
export type PlotRender = (width: number) => Element;

export interface ChartFrameProps {
  title: string;
  subtitle?: string;
  /** What the chart shows, in words: the accessible name of the drawing. */
  summary: string;
  /** Null shows the empty state. Keep it stable (useCallback/useMemo): a new function redraws the chart. */
  render: PlotRender | null;
  /** The chart's data for CSV export. */
  csv: () => CsvTable;
  emptyMessage?: string;
  /** A footnote shown under the chart and included in exports. */
  note?: string;
  /** The drawing contains controls (a country picker), so it is a group rather than an image. */
  interactive?: boolean;
  onChartClick?: (event: MouseEvent<HTMLDivElement>) => void;
  onChartKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Extra content under the chart, such as controls for items the drawing cannot show. */
  children?: ReactNode;
}

function failure(error: unknown): Element {
  const message = document.createElement('p');
  message.className = 'va-chart-note';
  message.textContent = `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
  return message;
}

/** Title, subtitle, the drawing, and SVG/PNG/CSV export buttons: the frame every chart uses. */
export function ChartFrame(props: ChartFrameProps) {
  const { title, subtitle, summary, render, csv, note, interactive = false } = props;
  const titleId = useId();
  const frameRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  // Measure the frame, which is always rendered, rather than the host, which the empty state replaces.
  const width = useElementWidth(frameRef);
  const [exportError, setExportError] = useState<string | null>(null);
  // A redraw replaces every element; remember which control had focus so keyboard users keep their place.
  const focusedCode = useRef<string | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (host === null || render === null) return;
    let node: Element;
    try {
      node = render(width);
    } catch (error) {
      node = failure(error);
    }
    host.replaceChildren(node);
    // Plot labels and describes its mark groups ("bar", "rule", "error bars"); a label or a description on
    // an element needs a role that allows it.
    for (const group of node.querySelectorAll('g[aria-label]:not([role]), g[aria-description]:not([role])'))
      group.setAttribute('role', 'group');
    const code = focusedCode.current;
    if (code !== null) {
      const target = [...host.querySelectorAll('[data-code]')].find(
        (n) => n.getAttribute('data-code') === code,
      );
      if (target instanceof HTMLElement || target instanceof SVGElement) target.focus();
    }
    return () => {
      const active = document.activeElement;
      focusedCode.current =
        active !== null && node.contains(active) ? active.getAttribute('data-code') : null;
      node.remove();
    };
  }, [render, width]);

  const base = slugify(title);
  const exportOptions = { title, ...(subtitle ? { subtitle } : {}), ...(note ? { note } : {}) };
  const run = (action: () => void | Promise<void>) => {
    setExportError(null);
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => setExportError(error instanceof Error ? error.message : String(error)));
  };
  const empty = render === null;

  return (
    <figure ref={frameRef} className="va-chart" aria-labelledby={titleId}>
      <figcaption className="va-chart-head">
        <div>
          <h3 id={titleId}>{title}</h3>
          {subtitle && <p>{subtitle}</p>}
        </div>
        {!empty && (
          <div className="va-chart-actions" role="group" aria-label={`Export ${title}`}>
            {(['SVG', 'PNG', 'CSV'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                aria-label={`Download ${title} as ${kind}`}
                title={`Download as ${kind}`}
                onClick={() =>
                  run(() => {
                    const host = hostRef.current;
                    if (kind === 'CSV') saveCsv(csv(), `${base}.csv`);
                    else if (host !== null && kind === 'SVG') saveSvg(host, `${base}.svg`, exportOptions);
                    else if (host !== null) return savePng(host, `${base}.png`, exportOptions);
                  })
                }
              >
                {kind}
              </button>
            ))}
          </div>
        )}
      </figcaption>
      {empty ? (
        <div className="va-chart-empty">{props.emptyMessage ?? 'No data to show yet.'}</div>
      ) : (
        // The host's children belong to Plot, not React; the handlers only delegate events from them.
        <div
          ref={hostRef}
          className="va-chart-host"
          role={interactive ? 'group' : 'img'}
          aria-label={summary}
          onClick={props.onChartClick}
          onKeyDown={props.onChartKeyDown}
        />
      )}
      {props.children}
      {note && <p className="va-chart-note">{note}</p>}
      {exportError && (
        <p className="va-chart-note" role="alert">
          Export failed: {exportError}
        </p>
      )}
    </figure>
  );
}
