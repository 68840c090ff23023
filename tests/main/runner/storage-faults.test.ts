import { join } from 'node:path';

import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_PROMPT_TEMPLATE } from '../../../src-main/domain/alignment/default-prompt-template';
import type { AlignmentExperimentInput } from '../../../src-main/domain/alignment/experiment';
import type { RunProgress } from '../../../src-main/domain/runs';
import { RunManager } from '../../../src-main/runner/run-manager';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { RunRepository } from '../../../src-main/storage/run-repository';
import { ScoringEngineDouble, memorySources } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from './fixtures';

const SPEC: AlignmentExperimentInput = {
  name: 'faults',
  models: ['m'],
  countries: ['US', 'NG', 'JP'],
  datasetId: 1,
  conditions: ['T', 'TI', 'blank'],
};

describe('runs under storage faults', () => {
  const tempDir = useTempDirs();
  const open: Database[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close().catch(() => undefined)));
  });

  async function setup(path: string, busyTimeoutMs = 10_000) {
    const db = await openAppDatabase(path, { busyTimeoutMs });
    open.push(db);
    const repository = new RunRepository(db);
    const engine = new ScoringEngineDouble();
    const sources = memorySources(QUESTIONS, IMAGES);
    const progress: RunProgress[] = [];
    const manager = new RunManager({
      repository,
      questions: () => sources.questions,
      images: sources.images,
      engine,
      onProgress: (event) => progress.push(event),
      manifestFacts: () => Promise.resolve({}),
    });
    return { db, repository, manager, progress };
  }

  async function results(repository: RunRepository, runId: number) {
    return (await repository.items(runId)).map((row) => [row.item_key, row.status, row.probabilities_json]);
  }

  it('pauses with a clear message when the disk is full, loses nothing, and resumes to the same results', async () => {
    const dir = await tempDir();
    const reference = await setup(join(dir, 'reference.sqlite'));
    const { runId: referenceId } = await reference.manager.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await reference.manager.start(referenceId);
    await reference.manager.waitForIdle();

    const { db, repository, manager, progress } = await setup(join(dir, 'full.sqlite'));
    const { runId } = await manager.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    const pages = (await db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
    // The database may not grow by more than a page: results soon no longer fit, as on a full disk.
    await db.exec(`PRAGMA max_page_count = ${pages + 1}`);
    await manager.start(runId);
    await manager.waitForIdle();
    const paused = await manager.summary(runId);
    expect(paused.state).toBe('paused');
    expect(paused.error).toMatch(/disk \(or the database size limit\) is full/);
    expect(progress.at(-1)).toMatchObject({ state: 'paused' });
    const counts = await repository.counts(runId);
    expect(counts.errors).toBe(0);
    expect(counts.pending).toBeGreaterThan(0);
    expect(await db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });

    await db.exec('PRAGMA max_page_count = 1073741823');
    await manager.start(runId);
    await manager.waitForIdle();
    expect((await manager.summary(runId)).state).toBe('completed');
    expect(await results(repository, runId)).toEqual(await results(reference.repository, referenceId));
  });

  it('pauses when another program holds the database lock, and resumes once it lets go', async () => {
    const path = join(await tempDir(), 'locked.sqlite');
    const { db, repository, manager } = await setup(path, 100);
    const { runId, plan } = await manager.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    const other = new sqlite3.Database(path);
    await new Promise<void>((resolve, reject) =>
      other.exec('BEGIN EXCLUSIVE', (error) => (error ? reject(error) : resolve())),
    );
    // The run cannot even record that it started running; start() itself reports the lock.
    await expect(manager.start(runId)).rejects.toThrow(/locked by another program/);
    await new Promise<void>((resolve, reject) =>
      other.exec('ROLLBACK', (error) => (error ? reject(error) : resolve())),
    );

    await manager.start(runId);
    await expect.poll(async () => (await repository.counts(runId)).done, { interval: 2 }).toBeGreaterThan(0);
    await new Promise<void>((resolve) => other.exec('BEGIN EXCLUSIVE', () => resolve()));
    await manager.waitForIdle();
    const summary = await manager.summary(runId).catch(() => undefined);
    await new Promise<void>((resolve) => other.exec('ROLLBACK', () => resolve()));
    await new Promise<void>((resolve) => other.close(() => resolve()));
    const after = summary ?? (await manager.summary(runId));
    if (after.state !== 'completed') {
      expect(['paused', 'interrupted']).toContain(after.state);
      await manager.start(runId);
      await manager.waitForIdle();
    }
    expect(await repository.counts(runId)).toMatchObject({ done: plan.itemCount, errors: 0, pending: 0 });
    expect(await db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  });
});
