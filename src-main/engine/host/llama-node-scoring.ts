import { scoreOptions } from '../../domain/alignment/option-variants';
import { AppError } from '../../domain/errors';
import type { ScoreBatchCounters, ScoreBatchRequest, ScoreResult, ScoreSuffix } from '../engine';
import {
  formatChat,
  MAX_PROBS,
  RAW_SAMPLING,
  runParallel,
  type LoadedState,
  type ParallelResult,
  type RequestControl,
} from './llama-node-context';
import { appendLeadIn, encodedImage, PREFIX_SENTINEL, sharedPrefix } from './scoring-prompt';

/**
 * Option labels must be the consecutive single letters A, B, C… that the vocabulary has as tokens. A label
 * that would tokenise to several tokens (e.g. "AA", "1)") is refused rather than scored by its first token:
 * a first-token score would silently merge options that share it.
 */
function checkLabels(state: LoadedState, suffix: ScoreSuffix): void {
  const expected = state.variants.letters.map((entry) => entry.letter);
  if (
    suffix.optionLabels.length === 0 ||
    suffix.optionLabels.some((label, index) => label !== expected[index])
  ) {
    throw new AppError(
      'invalid_input',
      `Option labels of item '${suffix.id}' must be consecutive single letters from A (got ` +
        `${suffix.optionLabels.join(', ') || 'none'}); labels of several tokens cannot be scored.`,
    );
  }
  const missing = suffix.optionLabels.filter((label) => state.variants.missingLetters.includes(label));
  if (missing.length > 0) {
    throw new AppError(
      'unsupported',
      `The model's vocabulary has no single token for option letter(s) ${missing.join(', ')}.`,
    );
  }
}

/** The image chunk's end in the prompt's tokens (BOS, text, image…), for counting image encodes. */
async function imageChunkEnd(state: LoadedState, prompt: string, imagePath: string): Promise<number | null> {
  const tokens = await state.context.tokenize(prompt, { media_paths: [imagePath] });
  const mediaStart = tokens.chunk_pos_media?.[0];
  if (mediaStart === undefined) return null;
  const next = (tokens.chunk_pos ?? []).find((position) => position > mediaStart);
  return next ?? tokens.tokens.length;
}

/**
 * Scores a group of items that share a prefix (system, user text, image). The prefix is evaluated alone
 * first, then every item's suffix on top of it from the slot's prompt cache — so each item is computed the
 * same way whatever the cache held before (a resumed run reproduces an uninterrupted one), and the image
 * is encoded at most once per group.
 *
 * Counters come from the engine itself: `prompt_n` (tokens evaluated) and `cache_n` (tokens reused) of each
 * request's timings. An image encode is counted when a request's cache did not reach the end of the image
 * chunk (found once per group by tokenising the prefix with its image): mtmd keeps or drops whole chunks.
 */
export async function scoreGroup(
  state: LoadedState,
  request: ScoreBatchRequest,
  imagePath: string | undefined,
  onResult: (result: ScoreResult) => void,
  control: RequestControl,
): Promise<ScoreBatchCounters> {
  const started = Date.now();
  const counters: ScoreBatchCounters = {
    promptTokensEvaluated: 0,
    cachedTokens: 0,
    imageEncodes: 0,
    durationMs: 0,
  };
  for (const suffix of request.suffixes) checkLabels(state, suffix);
  const chat = (user: string) =>
    formatChat(state, {
      ...(request.system !== undefined ? { system: request.system } : {}),
      user,
      ...(imagePath !== undefined ? { imagePath } : {}),
    });
  const prompts = request.suffixes.map((suffix) =>
    appendLeadIn(chat(request.prefixText + suffix.text), request.leadIn),
  );
  const first = request.suffixes[0];
  if (first === undefined) return counters;
  const prefix = sharedPrefix(chat(request.prefixText + PREFIX_SENTINEL + first.text), prompts);
  const imageEnd =
    imagePath !== undefined ? await imageChunkEnd(state, prefix ?? (prompts[0] as string), imagePath) : null;
  const nProbs = Math.min(state.vocabulary.length || MAX_PROBS, MAX_PROBS);
  const evaluate = async (prompt: string) => {
    let probs: { tok: number; prob: number }[] = [];
    const params = {
      prompt,
      ...(imagePath !== undefined ? { media_paths: [imagePath] } : {}),
      n_predict: 1,
      n_probs: nProbs,
      ...RAW_SAMPLING,
    };
    const result = await runParallel(
      state,
      params,
      (event) => {
        if (event.probs !== undefined) probs = event.probs;
      },
      control,
    );
    count(counters, result, imageEnd);
    return { result, probs };
  };
  if (prefix !== null) await evaluate(prefix);
  for (const [index, suffix] of request.suffixes.entries()) {
    if (control.cancelled())
      throw new AppError(
        'cancelled',
        `Scoring was cancelled after ${index} of ${request.suffixes.length} items.`,
      );
    const itemStarted = Date.now();
    const prompt = prompts[index] as string;
    const { result, probs } = await evaluate(prompt);
    const scores = scoreOptions(
      probs.map((entry) => ({ id: entry.tok, prob: entry.prob })),
      state.variants,
      suffix.optionLabels.length,
    );
    const topTokens = [...probs]
      .sort((a, b) => b.prob - a.prob)
      .slice(0, 10)
      .map((entry) => ({ token: state.vocabulary[entry.tok] ?? `#${entry.tok}`, prob: entry.prob }));
    onResult({
      id: suffix.id,
      probabilities: scores.probabilities ?? suffix.optionLabels.map(() => 0),
      coverage: scores.coverage,
      rawByLabel: scores.perLetterRaw,
      topTokens,
      promptTokens: result.timings?.prompt_n ?? 0,
      cachedTokens: result.timings?.cache_n ?? 0,
      durationMs: Date.now() - itemStarted,
      formattedPrompt: prompt,
    });
  }
  counters.durationMs = Date.now() - started;
  return counters;
}

function count(counters: ScoreBatchCounters, result: ParallelResult, imageEnd: number | null): void {
  const cached = result.timings?.cache_n ?? 0;
  counters.promptTokensEvaluated += result.timings?.prompt_n ?? 0;
  counters.cachedTokens += cached;
  if (encodedImage(cached, imageEnd)) counters.imageEncodes += 1;
}
