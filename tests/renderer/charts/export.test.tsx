import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { composeChartSvg, toCsv } from '../../../src-renderer/src/charts/export';
import { GroupedBars } from '../../../src-renderer/src/charts/grouped-bars';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const data = ['United States', 'Nigeria'].flatMap((facet) =>
  ['T', 'I', 'T+I'].map((category, j) => ({
    facet,
    category,
    value: 0.6 + j / 10,
    lo: 0.55 + j / 10,
    hi: 0.65 + j / 10,
  })),
);

function renderBars() {
  return render(
    <GroupedBars title="Similarity, by condition" subtitle="Model X" data={data} categoryLabel="Condition" />,
  );
}

/** Captures what the next download would save: the browser's download is the boundary, so it is the double. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

describe('chart export', () => {
  it('composes one standalone SVG with the title, the legend and every mark', () => {
    const { container } = renderBars();
    const { markup, width, height } = composeChartSvg(container.querySelector('.va-chart-host')!, {
      title: 'Similarity, by condition',
      note: 'n = 240',
    });
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.tagName).toBe('svg');
    expect(Number(root.getAttribute('width'))).toBe(width);
    expect(Number(root.getAttribute('height'))).toBe(height);
    expect(root.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(6);
    expect(root.querySelectorAll('g[aria-description="error bars"] line')).toHaveLength(6);
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Similarity, by condition', 'T', 'I', 'T+I', 'n = 240']));
    // Plot's class-scoped stylesheets would resize nested <svg>s outside the app, so they are dropped.
    expect(root.querySelectorAll('style')).toHaveLength(0);
  });

  it('writes RFC 4180 CSV with a header, quoting, and spreadsheet formulas neutralised', () => {
    const csv = toCsv({
      columns: ['country', 'value', 'note'],
      rows: [
        ['Korea, Republic of', 0.5, 'said "yes"'],
        ['Nigeria', null, '=HYPERLINK("x")'],
        ['Chad', -0.25, 'line\nbreak'],
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'country,value,note',
      '"Korea, Republic of",0.5,"said ""yes"""',
      `Nigeria,,"'=HYPERLINK(""x"")"`,
      'Chad,-0.25,"line\nbreak"',
      '',
    ]);
  });

  it('downloads the chart data as CSV and the drawing as SVG from the frame buttons', async () => {
    const saved = captureDownloads();
    renderBars();
    fireEvent.click(screen.getByRole('button', { name: 'Download Similarity, by condition as CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download Similarity, by condition as SVG' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((s) => s.name)).toEqual(['similarity-by-condition.csv', 'similarity-by-condition.svg']);
    const csv = (await saved[0]!.blob.text()).replace(/^\ufeff/, '').split('\r\n');
    expect(csv[0]).toBe('group,Condition,Value,ci_low,ci_high,detail');
    expect(csv).toHaveLength(data.length + 2);
    expect(csv[1]).toBe('United States,T,0.6,0.55,0.65,');
    const svg = await saved[1]!.blob.text();
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Model X');
    expect(svg.match(/<rect/g)?.length).toBeGreaterThanOrEqual(6);
  });
});
