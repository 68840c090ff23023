import type { AlignmentExperiment } from '../../domain/alignment/experiment';
import type { AnalysedItem } from '../../domain/alignment/run-aggregates';
import { AppError } from '../../domain/errors';
import { analyseItems } from '../../runner/analysis';
import type { ImageSource, QuestionSource, ScoringEngine } from '../../runner/ports';
import { RunManager } from '../../runner/run-manager';
import { RunRepository } from '../../storage/run-repository';
import type { EventBus } from '../events';
import type { Database } from '../../storage/database';
import { TemplateStore } from './template-store';

/** The adapters that connect the runner to the data layer and the engine. */
export interface AlignmentAdapters {
  questionsFor(experiment: AlignmentExperiment): QuestionSource;
  images: ImageSource;
  engine: ScoringEngine;
  manifestFacts(experiment: AlignmentExperiment): Promise<Record<string, unknown>>;
}

export interface AnalysedRun {
  experiment: AlignmentExperiment;
  items: AnalysedItem[];
  missingHuman: number;
  errors: number;
  pending: number;
}

/** Runs of the value-alignment study: the manager, the stored results and a cache of their analysis. */
export class AlignmentService {
  readonly repository: RunRepository;
  readonly manager: RunManager;
  readonly templates: TemplateStore;
  private readonly analysed = new Map<number, { done: number; value: AnalysedRun }>();

  constructor(
    db: Database,
    events: EventBus,
    readonly adapters: AlignmentAdapters,
  ) {
    this.repository = new RunRepository(db);
    this.templates = new TemplateStore(db);
    this.manager = new RunManager({
      repository: this.repository,
      questions: (experiment) => adapters.questionsFor(experiment),
      images: adapters.images,
      engine: adapters.engine,
      onProgress: (progress) => events.emit('run.progress', progress),
      manifestFacts: (experiment) => adapters.manifestFacts(experiment),
    });
  }

  async experimentOf(runId: number): Promise<AlignmentExperiment> {
    const row = await this.repository.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    if (row.kind !== 'alignment')
      throw new AppError('invalid_input', `Run ${runId} is a ${row.kind} run, not an alignment run.`);
    return JSON.parse(row.spec_json) as AlignmentExperiment;
  }

  /** Analysis of a run, recomputed only when more items have finished since the last call. */
  async analyse(runId: number): Promise<AnalysedRun> {
    const experiment = await this.experimentOf(runId);
    const counts = await this.repository.counts(runId);
    const cached = this.analysed.get(runId);
    if (cached !== undefined && cached.done === counts.done + counts.errors) return cached.value;
    const result = await analyseItems({
      runId,
      experiment,
      repository: this.repository,
      questions: this.adapters.questionsFor(experiment),
    });
    const value = { experiment, ...result };
    this.analysed.set(runId, { done: counts.done + counts.errors, value });
    return value;
  }

  forget(runId: number): void {
    this.analysed.delete(runId);
  }

  /** Survey metadata changed (e.g. topics): every cached analysis is stale. */
  forgetAll(): void {
    this.analysed.clear();
  }
}
