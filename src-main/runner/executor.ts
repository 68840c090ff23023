import { applyPermutation, toOriginalOrder } from '../domain/alignment/option-order';
import { parsePromptTemplate, type PromptTemplate } from '../domain/alignment/prompt-template';
import { renderPrompt } from '../domain/alignment/render-prompt';
import type { PromptCondition } from '../domain/alignment/conditions';
import { AppError, isAppError, toErrorPayload } from '../domain/errors';
import type { GroupRow, ItemResult, RunRepository } from '../storage/run-repository';
import { storageFaultError, storageFaultOf } from '../storage/storage-faults';
import { resultCacheKey } from './cache-key';
import { engineLanes, type AlignmentExperiment, type EngineSettings } from '../domain/alignment/experiment';
import type {
  EngineIdentity,
  ImageSource,
  QuestionSource,
  RunnerImage,
  ScoredItem,
  ScoringEngine,
} from './ports';
import { RateMeter, type RunProgress } from './progress';

export interface ExecutorDeps {
  repository: RunRepository;
  questions: QuestionSource;
  images: ImageSource;
  engine: ScoringEngine;
  onProgress: (progress: RunProgress) => void;
}

interface PreparedItem {
  itemKey: string;
  questionId: string;
  permutation: number[];
  suffixText: string;
  optionLabels: string[];
  cacheKey: string;
}

/** An engine crash is retried once per group; a second crash fails that group's remaining items only. */
const CRASH_RETRIES = 1;

/** Failures that say an endpoint is unusable, not that an item is bad: its work moves to another endpoint. */
const ENDPOINT_LOSS_CODES = new Set([
  'network',
  'unavailable',
  'engine_crashed',
  'engine_failed',
  'conflict',
]);

function endpointLoss(error: unknown): boolean {
  return isAppError(error) && ENDPOINT_LOSS_CODES.has(error.code);
}

/** A remote endpoint stopped working; its group's pending items stay pending for another lane or a resume. */
class EndpointLost extends Error {}

export class RunExecutor {
  constructor(private readonly deps: ExecutorDeps) {}

  /** Executes every pending item of a run until done or `signal` aborts. Safe to call again after any stop. */
  async execute(runId: number, signal: AbortSignal): Promise<'completed' | 'stopped'> {
    const { repository } = this.deps;
    const run = await repository.getRun(runId);
    if (run === undefined) throw new AppError('not_found', `No run ${runId}.`);
    const experiment = JSON.parse(run.spec_json) as AlignmentExperiment;
    const template = parsePromptTemplate(JSON.parse(run.template_json), `template of run ${runId}`);
    const meter = new RateMeter();
    let scoredThisSession = 0;
    const identities = new Map<string, EngineIdentity>();

    const report = async (current?: RunProgress['current'], message?: string) => {
      const counts = await repository.counts(runId);
      const rate = meter.rate();
      this.deps.onProgress({
        runId,
        state: 'running',
        total: counts.total,
        done: counts.done,
        errors: counts.errors,
        fromCache: counts.fromCache,
        ratePerSecond: rate,
        etaSeconds: rate !== null && rate > 0 ? counts.pending / rate : null,
        ...(current !== undefined ? { current } : {}),
        ...(message !== undefined ? { message } : {}),
      });
    };
    await report(undefined, 'starting');

    // One lane per endpoint: a sharded run's workers take whole groups from one queue, so an image is still
    // encoded once per group, and a lost endpoint's unfinished groups go back to the queue for the others.
    const lanes = engineLanes(experiment.engine);
    // Remote endpoints come and go: one that is lost hands its work on (or waits for a resume) rather than
    // failing items. A local engine's failure is the items' own and is recorded with them.
    const handOver = experiment.engine.backend === 'remote';
    const queue = await repository.pendingGroups(runId);
    const lost: string[] = [];
    const lostLanes = new Set<EngineSettings>();
    const stopAll = new AbortController();
    const stop = AbortSignal.any([signal, stopAll.signal]);
    const worker = async (lane: EngineSettings) => {
      for (let group = queue.shift(); group !== undefined && !stop.aborted; group = queue.shift()) {
        let identity = identities.get(group.model_id);
        if (identity === undefined) {
          // Identified with the run's whole settings: every lane's results share one cache key identity.
          identity = await this.deps.engine.identify(group.model_id, experiment.engine);
          identities.set(group.model_id, identity);
        }
        try {
          await this.runGroup(
            runId,
            group,
            { experiment, lane, handOver },
            template,
            identity,
            stop,
            async (item, scored, fromCache) => {
              if (!fromCache) {
                scoredThisSession += 1;
                meter.record(scoredThisSession);
              }
              await report({
                itemKey: item.itemKey,
                questionId: item.questionId,
                country: group.country,
                condition: group.condition,
                imageId: group.image_id,
                probabilities: scored.probabilities,
                coverage: scored.coverage,
              });
            },
          );
        } catch (error) {
          if (!(error instanceof EndpointLost)) throw error;
          queue.unshift(group);
          lostLanes.add(lane);
          lost.push(`${lane.remote ?? 'endpoint'}: ${error.message.replace(/\.$/, '')}`);
          if (lost.length < lanes.length)
            await report(
              undefined,
              `Endpoint ${lane.remote ?? ''} was lost; the other endpoints take its work.`,
            );
          return;
        }
      }
    };
    // Lanes run until the queue is empty; a group handed back by a lane that was lost after the others had
    // already finished goes round again on the lanes still standing.
    let standing = lanes;
    while (queue.length > 0 && standing.length > 0 && !stop.aborted) {
      const outcomes = await Promise.allSettled(
        standing.map(async (lane) => {
          try {
            await worker(lane);
          } catch (error) {
            stopAll.abort(); // one lane's fatal error (e.g. a full disk) stops the others before it is reported
            throw error;
          }
        }),
      );
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
      standing = standing.filter((lane) => !lostLanes.has(lane));
    }
    const counts = await repository.counts(runId);
    if (lost.length === lanes.length && counts.pending > 0 && !signal.aborted)
      throw new AppError(
        'unavailable',
        `Every endpoint of this run was lost (${lost.join('; ')}). ${counts.pending} items are still pending; resume the run when an endpoint is back.`,
        { resumable: true },
      );
    return counts.pending === 0 ? 'completed' : 'stopped';
  }

  private async image(group: GroupRow): Promise<RunnerImage | null> {
    if (group.image_id === null) return null;
    const image =
      group.condition === 'blank'
        ? await this.deps.images.blankImage()
        : await this.deps.images.byId(group.image_id);
    if (image === undefined)
      throw new AppError('not_found', `Image ${group.image_id} of this run is no longer in the library.`);
    return image;
  }

  private async prepare(
    runId: number,
    group: GroupRow,
    template: PromptTemplate,
    identity: EngineIdentity,
    image: RunnerImage | null,
  ) {
    const { repository, questions } = this.deps;
    const pending = await repository.pendingItems(runId, group.group_key);
    let prefix: { system?: string; prefixText: string; leadIn: string } | undefined;
    const prepared: PreparedItem[] = [];
    for (const row of pending) {
      const question = await questions.questionById(row.question_id);
      if (question === undefined) {
        await repository.failItem(
          runId,
          row.item_key,
          `Question ${row.question_id} is no longer in the dataset.`,
        );
        continue;
      }
      const permutation = JSON.parse(row.permutation_json) as number[];
      const rendered = renderPrompt(template, {
        condition: group.condition as PromptCondition,
        country: questions.countryName(group.persona_country ?? group.country),
        ...(group.image_country !== null ? { imageCountry: questions.countryName(group.image_country) } : {}),
        ...(image?.category != null ? { category: image.category } : {}),
        question: question.text,
        options: applyPermutation(question.options, permutation),
      });
      prefix ??= {
        ...(rendered.system !== undefined ? { system: rendered.system } : {}),
        prefixText: rendered.prefixText,
        leadIn: rendered.leadIn,
      };
      prepared.push({
        itemKey: row.item_key,
        questionId: row.question_id,
        permutation,
        suffixText: rendered.suffixText,
        optionLabels: rendered.optionLabels,
        cacheKey: resultCacheKey({
          identity,
          system: rendered.system,
          prefixText: rendered.prefixText,
          suffixText: rendered.suffixText,
          leadIn: rendered.leadIn,
          imageSha256: image?.sha256 ?? null,
          optionLabels: rendered.optionLabels,
        }),
      });
    }
    return { prefix, prepared };
  }

  private async runGroup(
    runId: number,
    group: GroupRow,
    { lane, handOver }: { experiment: AlignmentExperiment; lane: EngineSettings; handOver: boolean },
    template: PromptTemplate,
    identity: EngineIdentity,
    signal: AbortSignal,
    onDone: (item: PreparedItem, scored: ItemResult, fromCache: boolean) => Promise<void>,
  ): Promise<void> {
    const { repository } = this.deps;
    let image: RunnerImage | null;
    try {
      image = await this.image(group);
    } catch (error) {
      return this.failGroup(runId, group, error);
    }
    const { prefix, prepared } = await this.prepare(runId, group, template, identity, image);
    if (prefix === undefined) return;

    // Cached results first: re-running or extending an experiment reuses what was computed.
    const toScore: PreparedItem[] = [];
    for (const item of prepared) {
      const cached = await repository.getCached(item.cacheKey);
      if (cached === undefined) {
        toScore.push(item);
        continue;
      }
      const result = { ...(JSON.parse(cached.result_json) as ItemResult), fromCache: true };
      if (await repository.completeAndCache(runId, item.itemKey, result, null))
        await onDone(item, result, true);
    }

    let remaining = toScore;
    for (let attempt = 0; remaining.length > 0 && !signal.aborted; attempt++) {
      const byId = new Map(remaining.map((item) => [item.itemKey, item]));
      try {
        await this.deps.engine.scoreGroup(
          {
            modelId: group.model_id,
            settings: lane,
            ...(prefix.system !== undefined ? { system: prefix.system } : {}),
            prefixText: prefix.prefixText,
            ...(image !== null ? { imagePath: image.path } : {}),
            leadIn: prefix.leadIn,
            items: remaining.map((item) => ({
              id: item.itemKey,
              suffixText: item.suffixText,
              optionLabels: item.optionLabels,
            })),
          },
          async (scored: ScoredItem) => {
            const item = byId.get(scored.id);
            if (item === undefined) return;
            byId.delete(scored.id);
            const result = toItemResult(
              scored,
              item.permutation,
              `${prefix.system ?? ''}${prefix.prefixText}${item.suffixText}\n${prefix.leadIn}`,
            );
            if (await repository.completeAndCache(runId, item.itemKey, result, item.cacheKey))
              await onDone(item, result, false);
          },
          signal,
        );
        remaining = [...byId.values()];
        if (remaining.length > 0 && !signal.aborted) {
          for (const item of remaining)
            await repository.failItem(runId, item.itemKey, 'The engine returned no result for this item.');
          remaining = [];
        }
      } catch (error) {
        remaining = [...byId.values()];
        if (signal.aborted) return;
        // Cannot write (disk full, database locked): stop the whole run; the items stay pending for resume.
        const fault = storageFaultOf(error);
        if (fault !== null) throw storageFaultError(fault, repository.databasePath);
        const retryable =
          isAppError(error) && (error.code === 'engine_crashed' || error.code === 'unavailable');
        // A lost remote endpoint hands its unfinished items to the other endpoints (or to a resume), unfailed.
        if (handOver && endpointLoss(error) && (!retryable || attempt >= CRASH_RETRIES))
          throw new EndpointLost(toErrorPayload(error).message);
        if (!retryable || attempt >= CRASH_RETRIES) {
          for (const item of remaining)
            await repository.failItem(runId, item.itemKey, toErrorPayload(error).message);
          return;
        }
      }
    }
  }

  private async failGroup(runId: number, group: GroupRow, error: unknown): Promise<void> {
    const message = toErrorPayload(error).message;
    for (const row of await this.deps.repository.pendingItems(runId, group.group_key)) {
      await this.deps.repository.failItem(runId, row.item_key, message);
    }
  }
}

function toItemResult(scored: ScoredItem, permutation: number[], renderedText: string): ItemResult {
  return {
    // Stored in the question's original option order, whatever order the letters were shown in.
    probabilities: toOriginalOrder(scored.probabilities, permutation),
    coverage: scored.coverage,
    topTokens: scored.topTokens,
    // The engine's final text (chat template applied) when it reports it; otherwise our rendered parts.
    promptText: scored.formattedPrompt ?? renderedText,
    promptTokens: scored.promptTokens,
    cachedTokens: scored.cachedTokens,
    durationMs: scored.durationMs,
    fromCache: false,
  };
}
