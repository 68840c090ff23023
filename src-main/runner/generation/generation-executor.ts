import { isAppError, toErrorPayload } from '../../domain/errors';
import type { RunProgress } from '../../domain/runs';
import type {
  GenerationItemRow,
  GenerationRepository,
  GenerationRequest,
} from '../../storage/generation-repository';
import { storageFaultError, storageFaultOf } from '../../storage/storage-faults';
import { RateMeter } from '../progress';
import type { RunKindExecutor } from '../run-manager';
import type { GenerationEngine, GenerationStudy } from './ports';

/** A crashed engine is retried once per item; a second crash fails only that item. */
const CRASH_RETRIES = 1;

export interface GenerationExecutorDeps {
  repository: GenerationRepository;
  engine: GenerationEngine;
  study: GenerationStudy;
  onProgress: (progress: RunProgress) => void;
}

/**
 * Executes a run's generation items in order, committing each result with its follow-ups. Follow-ups
 * appear as pending items, so the loop simply keeps taking the next pending item until none is left.
 */
export class GenerationExecutor implements RunKindExecutor {
  constructor(private readonly deps: GenerationExecutorDeps) {}

  counts(runId: number) {
    return this.deps.repository.counts(runId);
  }

  async execute(runId: number, signal: AbortSignal): Promise<'completed' | 'stopped'> {
    const { repository } = this.deps;
    const meter = new RateMeter();
    let generated = 0;
    for (;;) {
      if (signal.aborted) return 'stopped';
      const batch = await repository.nextPending(runId, 20);
      if (batch.length === 0) break;
      for (const item of batch) {
        if (signal.aborted) return 'stopped';
        await this.runItem(runId, item, signal);
        generated += 1;
        meter.record(generated);
        const counts = await repository.counts(runId);
        const rate = meter.rate();
        this.deps.onProgress({
          runId,
          state: 'running',
          ...counts,
          ratePerSecond: rate,
          // Follow-ups are added as items finish, so the total (and the ETA) grows during the run.
          etaSeconds: rate !== null && rate > 0 ? counts.pending / rate : null,
          current: {
            itemKey: item.item_key,
            questionId: item.stage,
            country: '',
            condition: item.stage,
            imageId: null,
          },
        });
      }
    }
    return (await repository.counts(runId)).pending === 0 ? 'completed' : 'stopped';
  }

  private async runItem(runId: number, item: GenerationItemRow, signal: AbortSignal): Promise<void> {
    const { repository, engine, study } = this.deps;
    const request = JSON.parse(item.request_json) as GenerationRequest;
    for (let attempt = 0; ; attempt++) {
      try {
        const output = await engine.generate(item.model_id, request, signal);
        await repository.complete(runId, item.item_key, output, study.followUps(item, output));
        return;
      } catch (error) {
        if (signal.aborted) return;
        const fault = storageFaultOf(error);
        if (fault !== null) throw storageFaultError(fault, repository.databasePath);
        const retryable =
          isAppError(error) && (error.code === 'engine_crashed' || error.code === 'unavailable');
        if (!retryable || attempt >= CRASH_RETRIES) {
          await repository.fail(runId, item.item_key, toErrorPayload(error).message);
          return;
        }
      }
    }
  }
}
