import { afterEach, describe, expect, it } from 'vitest';

import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { ScoringEngineDouble, memorySources } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from '../runner/fixtures';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS guard shared with child processes
const guard = require('../../helpers/network-guard.cjs') as { attempts: { kind: string; target: string }[] };

describe('network isolation', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('runs a whole experiment, from doctor to results, without trying to reach any other machine', async () => {
    const before = guard.attempts.length;
    const sources = memorySources(QUESTIONS, IMAGES);
    api = await createApi({
      home: await tempDir(),
      alignmentAdapters: () => ({
        questionsFor: () => sources.questions,
        images: sources.images,
        engine: new ScoringEngineDouble(),
        manifestFacts: () => Promise.resolve({}),
      }),
    });
    const call = (name: string, input: unknown) => api!.dispatcher.call(name, input, { door: 'test' });
    await call('system.doctor', {});
    const { runId } = (await call('runs.create', {
      experiment: {
        name: 'offline',
        models: ['m'],
        countries: ['US', 'NG'],
        datasetId: 1,
        conditions: ['T', 'TI', 'conflict'],
      },
    })) as { runId: number };
    await api.services.alignment().manager.waitForIdle();
    await call('runs.results', { runId });
    await call('runs.items', { runId });
    expect(guard.attempts.slice(before)).toEqual([]);
  });

  it('the guard itself notices an outbound attempt (so the test above can fail)', async () => {
    const before = guard.attempts.length;
    const { connect } = await import('node:net');
    await new Promise<void>((resolve) => connect(9, '192.0.2.1').on('error', () => resolve()));
    expect(guard.attempts.slice(before).map((attempt) => attempt.target)).toContain('192.0.2.1');
  });
});
