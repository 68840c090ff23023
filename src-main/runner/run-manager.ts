import { canonicalTemplateJson, type PromptTemplate } from '../domain/alignment/prompt-template';
import { AppError, isAppError } from '../domain/errors';
import { sha256Text } from '../platform/sha256';
import type { RunRepository, RunRow, RunState } from '../storage/run-repository';
import { storageFaultError, storageFaultOf } from '../storage/storage-faults';
import {
  alignmentExperimentSchema,
  type AlignmentExperiment,
  type AlignmentExperimentInput,
} from '../domain/alignment/experiment';
import type { RunCounts, RunSummary } from '../domain/runs';
import { RunExecutor } from './executor';
import { planExperiment, type Plan } from './planner';
import type { ImageSource, QuestionSource, ScoringEngine } from './ports';
import type { RunProgress } from './progress';

export interface RunManagerDeps {
  repository: RunRepository;
  questions: (experiment: AlignmentExperiment) => QuestionSource;
  images: ImageSource;
  engine: ScoringEngine;
  onProgress: (progress: RunProgress) => void;
  /** Extra facts for the manifest (app version, dataset hashes…). */
  manifestFacts: (experiment: AlignmentExperiment) => Promise<Record<string, unknown>>;
  heartbeatMs?: number;
}

export type { RunSummary };

/** A run whose worker has not beaten for this long is treated as interrupted (crash, kill, reboot). */
const STALE_AFTER_MS = 30_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs executing in this process, whichever manager started them. */
const activeInThisProcess = new Set<number>();

export function effectiveState(row: RunRow, now = Date.now()): RunState | 'interrupted' {
  if (row.state !== 'running') return row.state;
  // Our own process knows for sure; the stored row can lag when its last write failed (a locked database).
  if (row.worker_pid === process.pid) return activeInThisProcess.has(row.id) ? 'running' : 'interrupted';
  const stale = row.heartbeat_at === null || now - row.heartbeat_at > STALE_AFTER_MS;
  const dead = row.worker_pid !== null && !isAlive(row.worker_pid);
  return stale || dead ? 'interrupted' : 'running';
}

/** How a kind of run (safety, attribution…) executes; alignment runs are built in. */
export interface RunKindExecutor {
  execute(runId: number, signal: AbortSignal): Promise<'completed' | 'stopped'>;
  counts(runId: number): Promise<RunCounts>;
}

/**
 * Plans alignment runs and starts, pauses, resumes and cancels runs of every kind. One run executes at a
 * time per process, because they share one engine.
 */
export class RunManager {
  private readonly kinds = new Map<string, RunKindExecutor>();

  registerKind(kind: string, executor: RunKindExecutor): void {
    this.kinds.set(kind, executor);
  }

  /** Counts of any kind of run. */
  async counts(runId: number): Promise<RunCounts> {
    const row = await this.deps.repository.getRun(runId);
    const kind = row === undefined ? undefined : this.kinds.get(row.kind);
    return kind !== undefined ? kind.counts(runId) : this.deps.repository.counts(runId);
  }

  private active:
    { runId: number; controller: AbortController; done: Promise<void>; stopAs: RunState } | undefined;

  constructor(private readonly deps: RunManagerDeps) {}

  async plan(input: AlignmentExperimentInput): Promise<{ experiment: AlignmentExperiment; plan: Plan }> {
    const experiment = alignmentExperimentSchema.parse(input);
    const plan = await planExperiment(experiment, this.deps.questions(experiment), this.deps.images);
    return { experiment, plan };
  }

  async create(
    input: AlignmentExperimentInput,
    template: PromptTemplate,
  ): Promise<{ runId: number; plan: Plan }> {
    const { experiment, plan } = await this.plan(input);
    if (plan.itemCount === 0) {
      const reasons = plan.warnings.map(
        (warning) =>
          `${warning.country}${warning.condition ? ` (${warning.condition})` : ''}: ${warning.message}`,
      );
      throw new AppError(
        'invalid_input',
        `This experiment has no items to run. ${reasons.slice(0, 5).join('; ')}`,
      );
    }
    const templateJson = canonicalTemplateJson(template);
    const manifest = {
      template: { id: template.id, version: template.version, sha256: sha256Text(templateJson) },
      ...(await this.deps.manifestFacts(experiment)),
    };
    const runId = await this.deps.repository.createRun(
      {
        kind: 'alignment',
        name: experiment.name,
        specJson: JSON.stringify(experiment),
        templateJson,
        manifestJson: JSON.stringify(manifest),
        warningsJson: JSON.stringify(plan.warnings),
      },
      plan.groups.map((group) => ({
        group_key: group.key,
        model_id: group.modelId,
        condition: group.condition,
        country: group.country,
        persona_country: group.personaCountry,
        image_country: group.imageCountry,
        image_id: group.image?.id ?? null,
        order_index: group.orderIndex,
        items: group.items.map((item) => ({
          item_key: item.key,
          question_id: item.questionId,
          permutation_json: JSON.stringify(item.permutation),
        })),
      })),
    );
    return { runId, plan };
  }

  async summary(runId: number): Promise<RunSummary> {
    const row = await this.deps.repository.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    return toSummary(row);
  }

  /** Starts or resumes a run in the background; resolves once it is running. */
  async start(runId: number): Promise<void> {
    const row = await this.deps.repository.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    const state = effectiveState(row);
    if (this.active?.runId === runId) return;
    if (state === 'running')
      throw new AppError(
        'conflict',
        `Run ${runId} is running in another Value Atlas process (pid ${row.worker_pid ?? '?'}).`,
      );
    // A completed run can start again only when items were put back (retry of failed items).
    if (state === 'completed' && (await this.counts(runId)).pending === 0)
      throw new AppError('conflict', `Run ${runId} is already complete.`);
    if (this.active !== undefined)
      throw new AppError('conflict', `Run ${this.active.runId} is running; pause it first or wait.`);
    const controller = new AbortController();
    const entry = { runId, controller, stopAs: 'paused' as RunState, done: Promise.resolve() };
    this.active = entry;
    activeInThisProcess.add(runId);
    try {
      await this.deps.repository.setState(runId, 'running');
      await this.deps.repository.heartbeat(runId, process.pid);
    } catch (error) {
      // Not started after all (e.g. the database is locked): leave nothing behind that blocks a retry.
      this.active = undefined;
      activeInThisProcess.delete(runId);
      const fault = storageFaultOf(error);
      throw fault !== null ? storageFaultError(fault, this.deps.repository.databasePath) : error;
    }
    entry.done = this.execute(runId, controller.signal, entry);
  }

  private async execute(runId: number, signal: AbortSignal, entry: { stopAs: RunState }): Promise<void> {
    const { repository } = this.deps;
    const beat = setInterval(
      () => void repository.heartbeat(runId, process.pid).catch(() => undefined),
      this.deps.heartbeatMs ?? 5_000,
    );
    let final: RunState = 'failed';
    let error: string | null = null;
    try {
      const row = await repository.getRun(runId);
      const kind = row === undefined ? undefined : this.kinds.get(row.kind);
      const executor =
        kind ??
        new RunExecutor({
          repository,
          questions: this.deps.questions(JSON.parse(row!.spec_json) as AlignmentExperiment),
          images: this.deps.images,
          engine: this.deps.engine,
          onProgress: this.deps.onProgress,
        });
      const outcome = await executor.execute(runId, signal);
      final = outcome === 'completed' ? 'completed' : signal.aborted ? entry.stopAs : 'paused';
    } catch (caught) {
      // A full disk or a locked database is not the run's fault: pause, so the user can fix it and resume.
      const fault = storageFaultOf(caught);
      error =
        fault !== null
          ? storageFaultError(fault, repository.databasePath).message
          : caught instanceof Error
            ? caught.message
            : String(caught);
      // So is an endpoint that went away (every endpoint of a sharded run lost): the work waits for a resume.
      const resumable = fault !== null || (isAppError(caught) && caught.details.resumable === true);
      final = signal.aborted ? entry.stopAs : resumable ? 'paused' : 'failed';
    } finally {
      clearInterval(beat);
      await repository.setState(runId, final, error).catch(() => undefined);
      await repository.heartbeat(runId, null).catch(() => undefined);
      if (this.active?.runId === runId) this.active = undefined;
      activeInThisProcess.delete(runId);
      const counts = await this.counts(runId).catch(() => undefined);
      this.deps.onProgress({
        runId,
        state: final,
        total: counts?.total ?? 0,
        done: counts?.done ?? 0,
        errors: counts?.errors ?? 0,
        fromCache: counts?.fromCache ?? 0,
        ratePerSecond: null,
        etaSeconds: final === 'completed' ? 0 : null,
        ...(error !== null ? { message: error } : {}),
      });
    }
  }

  async pause(runId: number): Promise<void> {
    await this.stop(runId, 'paused');
  }

  async cancel(runId: number): Promise<void> {
    if (this.active?.runId !== runId) {
      const row = await this.deps.repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      if (row.state !== 'completed') await this.deps.repository.setState(runId, 'cancelled');
      return;
    }
    await this.stop(runId, 'cancelled');
  }

  private async stop(runId: number, as: RunState): Promise<void> {
    const active = this.active;
    if (active?.runId !== runId)
      throw new AppError('conflict', `Run ${runId} is not running in this process.`);
    active.stopAs = as;
    active.controller.abort();
    await active.done;
  }

  /** Waits for the active run to stop by itself (CLI `run --wait`, tests). */
  async waitForIdle(): Promise<void> {
    await this.active?.done;
  }

  get activeRunId(): number | undefined {
    return this.active?.runId;
  }

  async shutdown(): Promise<void> {
    if (this.active !== undefined) await this.stop(this.active.runId, 'paused');
  }
}

export function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    state: effectiveState(row),
    totalItems: row.total_items,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
  };
}
