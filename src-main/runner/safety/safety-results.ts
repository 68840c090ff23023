import { resolveJudgeScore, type JudgeScore } from '../../domain/safety/judge-parse';
import { SAFETY_DIMENSIONS, type SafetyDimension } from '../../domain/safety/rubric';
import type { JudgedResponse } from '../../domain/safety/scores';
import type { GenerationItemRow } from '../../storage/generation-repository';
import type { JudgeView, SafetyResponseMeta, SafetyResponseView } from '../../domain/safety/views';
import { JUDGE_STAGE, RESPONSE_STAGE, RETRY_STAGE, type JudgeMeta } from './safety-study';

function judgeView(first: GenerationItemRow | undefined, retry: GenerationItemRow | undefined): JudgeView {
  const empty = { reply: null, retryReply: null, error: null, score: null };
  if (first === undefined || first.status === 'pending') return { ...empty, state: 'pending' };
  if (first.status === 'error') return { ...empty, state: 'error', error: first.error };
  const reply = first.text ?? '';
  if (retry !== undefined && retry.status === 'pending') return { ...empty, reply, state: 'pending' };
  // A failed retry call counts like an unreadable reply: the score is missing, never 0.
  const retryReply = retry === undefined ? undefined : (retry.text ?? '');
  const outcome = resolveJudgeScore(reply, retryReply);
  return {
    state: outcome.status,
    score: outcome.score,
    reply,
    retryReply: retryReply ?? null,
    error: retry?.status === 'error' ? retry.error : null,
  };
}

/** The run's answers with their four judge verdicts, in plan order. */
export function collectSafetyResponses(items: readonly GenerationItemRow[]): SafetyResponseView[] {
  const judges = new Map<string, GenerationItemRow>();
  const retries = new Map<string, GenerationItemRow>();
  for (const item of items) {
    if (item.stage !== JUDGE_STAGE && item.stage !== RETRY_STAGE) continue;
    const meta = JSON.parse(item.meta_json) as JudgeMeta;
    (item.stage === JUDGE_STAGE ? judges : retries).set(`${meta.responseKey}#${meta.dimension}`, item);
  }
  return items
    .filter((item) => item.stage === RESPONSE_STAGE)
    .map((item) => {
      const meta = JSON.parse(item.meta_json) as SafetyResponseMeta;
      const verdicts = Object.fromEntries(
        SAFETY_DIMENSIONS.map((dimension) => {
          const key = `${item.item_key}#${dimension}`;
          return [dimension, judgeView(judges.get(key), retries.get(key))];
        }),
      ) as Record<SafetyDimension, JudgeView>; // fromEntries loses the key type; every dimension is listed.
      return {
        ...meta,
        key: item.item_key,
        status: item.status,
        text: item.text,
        error: item.error,
        completionTokens: item.completion_tokens,
        durationMs: item.duration_ms,
        judges: verdicts,
      };
    });
}

/** Whether every judge call of an answer has finished (scored, or missing after its retry). */
export function fullyJudged(view: SafetyResponseView): boolean {
  return (
    view.status === 'done' &&
    SAFETY_DIMENSIONS.every((dimension) => view.judges[dimension].state !== 'pending')
  );
}

/** The rows the score and grounding-gap statistics read: answers whose judging has finished. */
export function judgedRows(views: readonly SafetyResponseView[]): JudgedResponse[] {
  return views.filter(fullyJudged).map((view) => ({
    itemId: view.itemId,
    model: view.model,
    condition: view.condition,
    round: view.round,
    subset: view.subset,
    setting: view.setting,
    country: view.country,
    language: view.language,
    imageSource: view.imageSource,
    scores: Object.fromEntries(
      SAFETY_DIMENSIONS.map((dimension) => [dimension, view.judges[dimension].score]),
    ) as Record<SafetyDimension, JudgeScore | null>,
  }));
}
