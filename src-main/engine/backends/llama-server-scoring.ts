import type { OptionVariants } from '../../domain/alignment/option-variants';
import type { LoadedModel, ScoreBatchCounters, ScoreBatchRequest, ScoreResult } from '../engine';
import type { ServerConnection } from './llama-server-connection';
import {
  CANONICAL_MEDIA_MARKER,
  checkLabels,
  MAX_PROBS,
  scoringBody,
  toScoreResult,
  variantsFor,
} from './llama-server-requests';
import { parseCompletion, type CompletionAnswer, type ServerProps } from './llama-server-responses';

export interface ServerModel {
  info: LoadedModel;
  props: ServerProps;
  /** The GGUF vocabulary when the model file is local (managed server); null for a remote server. */
  vocabulary: readonly string[] | null;
  variants: OptionVariants | null;
}

export interface ScoreGroupInput {
  connection: ServerConnection;
  model: ServerModel;
  request: ScoreBatchRequest;
  /** The full templated prompt of every suffix, lead-in included. */
  prompts: string[];
  /** The prepared image as base64, or null for a text-only group. */
  image: string | null;
  /** Server slots this group may use; items are spread over them, each keeping its own prefix cache. */
  slots: number[];
  cachePrompt: boolean;
  onResult: (result: ScoreResult) => Promise<void> | void;
  signal?: AbortSignal;
}

/** Where the shared prefix ends in the first prompt: after the prefix text, or after the image marker. */
function prefixEnd(prompt: string, request: ScoreBatchRequest, marker: string): number {
  if (request.prefixText !== '') {
    const at = prompt.indexOf(request.prefixText);
    if (at !== -1) return at + request.prefixText.length;
  }
  const image = prompt.indexOf(marker);
  return image === -1 ? 0 : image + marker.length;
}

/**
 * Scores one prefix group (one image and persona, many questions) like the binding backend does: the
 * shared prefix is evaluated alone first on each slot, then every question reuses it from that slot's
 * prompt cache (`id_slot` + `cache_prompt`), so each item is its suffix on top of the same prefix whatever
 * ran before — a resumed run reproduces an uninterrupted one. Results are handed on in item order.
 */
export async function scoreGroup(input: ScoreGroupInput): Promise<ScoreBatchCounters> {
  const { connection, model, request, prompts, image, slots } = input;
  const started = Date.now();
  const counters: ScoreBatchCounters = {
    promptTokensEvaluated: 0,
    cachedTokens: 0,
    imageEncodes: 0,
    durationMs: 0,
  };
  for (const suffix of request.suffixes) checkLabels(suffix, model.variants);
  const first = prompts[0];
  if (first === undefined) return counters;
  const nProbs = Math.min(model.info.vocabSize > 0 ? model.info.vocabSize : MAX_PROBS, MAX_PROBS);
  const marker = model.props.mediaMarker;
  const imageTokens = model.info.imageTokens;
  const count = (answer: CompletionAnswer) => {
    counters.promptTokensEvaluated += answer.promptTokens;
    counters.cachedTokens += answer.cachedTokens;
    // The image sits at the start of the prompt: a cache that does not cover it means it was encoded again.
    if (image !== null && answer.cachedTokens < (imageTokens ?? 1)) counters.imageEncodes += 1;
  };
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const complete = async (prompt: string, slot: number, description: string) =>
    parseCompletion(
      await connection.json(
        '/completion',
        scoringBody(prompt, image, nProbs, slot, input.cachePrompt),
        description,
        stop.signal,
      ),
      description,
    );

  const results: (ScoreResult | undefined)[] = [];
  let next = 0;
  let delivery: Promise<void> = Promise.resolve();
  const deliver = () => {
    delivery = delivery.then(async () => {
      while (results[next] !== undefined) {
        const result = results[next] as ScoreResult;
        results[next] = undefined;
        next += 1;
        await input.onResult(result);
      }
    });
    return delivery;
  };

  const worker = async (slot: number, share: number) => {
    if (input.cachePrompt) {
      const end = prefixEnd(first, request, marker);
      if (end > 0)
        count(await complete(first.slice(0, end), slot, `evaluating the shared prefix on slot ${slot}`));
    }
    for (let index = share; index < request.suffixes.length; index += slots.length) {
      const suffix = request.suffixes[index];
      const prompt = prompts[index];
      if (suffix === undefined || prompt === undefined) continue;
      const itemStarted = Date.now();
      const answer = await complete(prompt, slot, `scoring item ${suffix.id}`);
      count(answer);
      const variants = model.variants ?? variantsFor(answer, null);
      const recorded = prompt.split(marker).join(CANONICAL_MEDIA_MARKER);
      results[index] = toScoreResult(
        suffix,
        answer,
        variants,
        model.vocabulary,
        recorded,
        Date.now() - itemStarted,
      );
      await deliver();
    }
  };

  try {
    await Promise.all(
      slots.map((slot, share) =>
        worker(slot, share).catch((error: unknown) => {
          stop.abort(); // one failed slot stops the others: the batch fails as a whole, like the binding's
          throw error;
        }),
      ),
    );
    await deliver();
  } finally {
    input.signal?.removeEventListener('abort', onOuterAbort);
  }
  counters.durationMs = Date.now() - started;
  return counters;
}
