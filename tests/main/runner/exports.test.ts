import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { compareRuns } from '../../../src-main/domain/alignment/compare-runs';
import { DEFAULT_PROMPT_TEMPLATE } from '../../../src-main/domain/alignment/default-prompt-template';
import type { AlignmentExperiment } from '../../../src-main/domain/alignment/experiment';
import { aggregate, analyseItems } from '../../../src-main/runner/analysis';
import {
  csvCell,
  htmlReport,
  itemsCsv,
  itemsJsonl,
  type ExportInput,
} from '../../../src-main/runner/exports';
import { RunManager } from '../../../src-main/runner/run-manager';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { RunRepository } from '../../../src-main/storage/run-repository';
import {
  ScoringEngineDouble,
  memorySources,
  type FixtureQuestion,
} from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from './fixtures';

const HOSTILE: FixtureQuestion = {
  id: 'QX',
  text: '=HYPERLINK("x") </script><img src=x onerror=alert(1)>, "quoted"',
  options: ['Yes', 'No'],
  topic: 'social',
  humans: { US: [50, 50] },
};

describe('exports', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let repository: RunRepository;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    repository = new RunRepository(db);
  });
  afterEach(async () => {
    await db.close();
  });

  async function run(): Promise<ExportInput> {
    const sources = memorySources([...QUESTIONS, HOSTILE], IMAGES);
    const manager = new RunManager({
      repository,
      questions: () => sources.questions,
      images: sources.images,
      engine: new ScoringEngineDouble(),
      onProgress: () => undefined,
      manifestFacts: () => Promise.resolve({ models: [{ id: 'm', demo: true }] }),
    });
    const { runId } = await manager.create(
      { name: 'export', models: ['m'], countries: ['US', 'NG'], datasetId: 1, conditions: ['T', 'TI'] },
      DEFAULT_PROMPT_TEMPLATE,
    );
    await manager.start(runId);
    await manager.waitForIdle();
    const experiment = JSON.parse((await repository.getRun(runId))!.spec_json) as AlignmentExperiment;
    const analysed = await analyseItems({ runId, experiment, repository, questions: sources.questions });
    return {
      runId,
      name: 'export',
      experiment,
      manifest: { models: [{ id: 'm', demo: true }] },
      counts: { ...(await repository.counts(runId)), missingHuman: 0 },
      items: analysed.items,
      aggregates: aggregate(analysed.items, experiment),
    };
  }

  it('quotes CSV cells and neutralises spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell([0.5, 0.5])).toBe('"[0.5,0.5]"');
  });

  it('writes one CSV row and one JSONL line per scored item, with every metric', async () => {
    const input = await run();
    const csv = itemsCsv(input).trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/^run_id,model,condition,country,.*similarity,js_distance,wasserstein,hellinger/);
    const jsonl = itemsJsonl(input)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(jsonl).toHaveLength(input.items.length);
    expect(jsonl[0]).toMatchObject({ run_id: input.runId, model: 'm' });
    expect(typeof jsonl[0]!.similarity).toBe('number');
    expect(itemsCsv(input)).toContain(`"'=HYPERLINK(""x"")`);
  });

  it('writes a self-contained HTML report that escapes survey text and flags demo runs', async () => {
    const html = htmlReport(await run());
    expect(html).toContain('the scores mean nothing');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    // The figures are inline SVG drawn by the app's plotting library: one per view, nothing to fetch.
    const figures = [
      ...html.matchAll(
        /<figure><figcaption>([^<]+)<\/figcaption>(?:<p class="note">[^<]*<\/p>)?<svg[\s\S]*?<\/svg><\/figure>/g,
      ),
    ];
    expect(figures.map((match) => match[1])).toEqual([
      'Mean similarity by condition',
      'Cue conditions against the text persona',
      'Topic × country',
    ]);
    const bars = figures[0]![0];
    expect(bars.match(/<rect /g)?.length).toBeGreaterThanOrEqual(2); // T and TI
    expect(bars).toContain('>TI<');
  });

  it('compares two runs on matched items with a paired interval', async () => {
    const a = await run();
    const b = await run();
    const comparison = compareRuns(a.items, b.items, 1);
    expect(comparison.matched).toBe(a.items.length);
    expect(comparison.byCondition.map((row) => row.condition)).toEqual(['T', 'TI']);
    // The same experiment with the same deterministic engine: no difference at all.
    for (const row of comparison.byCondition) expect(row.meanDifference).toBe(0);
  });
});
