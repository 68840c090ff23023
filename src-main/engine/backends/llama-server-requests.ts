import { OPTION_LETTERS } from '../../domain/alignment/option-letters';
import {
  buildOptionVariants,
  scoreOptions,
  type OptionVariants,
} from '../../domain/alignment/option-variants';
import { AppError } from '../../domain/errors';
import type { SamplingSettings, ScoreResult, ScoreSuffix } from '../engine';
import type { CompletionAnswer } from './llama-server-responses';

/** How the binding marks media in prompts; recorded prompts use it whatever marker a server uses. */
export const CANONICAL_MEDIA_MARKER = '<__media__>';

/** Full vocabularies up to this size are read whole; larger ones keep their top candidates (as the binding does). */
export const MAX_PROBS = 4096;

/**
 * Sampler settings for a scoring request. With `post_sampling_probs: false` llama-server reports a plain
 * softmax of the raw logits over the top `n_probs` tokens whatever the samplers do; temperature < 0 gives
 * the same on servers that predate that field (README, `n_probs`). The rest are neutral for good measure.
 */
export const RAW_SCORING = {
  n_predict: 1,
  post_sampling_probs: false,
  temperature: -1,
  top_k: 0,
  top_p: 1,
  min_p: 0,
  typical_p: 1,
  xtc_probability: 0,
  repeat_penalty: 1,
  repeat_last_n: 0,
  dry_multiplier: 0,
  seed: 0,
} as const;

/** Only what scoring reads, so a 4,096-candidate answer is not padded with echoed settings. */
const SCORING_FIELDS = [
  'content',
  'completion_probabilities',
  'timings',
  'tokens_cached',
  'tokens_evaluated',
  'stop_type',
];

/**
 * The user turn as one string: the image marker, a newline, then the text — exactly how the binding's
 * chat formatting joins an image part and a text part, so both backends tokenise the same prompt.
 */
export function userContent(text: string, marker: string | null, imageAfterText = false): string {
  if (marker === null) return text;
  return imageAfterText ? `${text}\n${marker}` : `${marker}\n${text}`;
}

export function chatMessages(system: string | undefined, user: string): { role: string; content: string }[] {
  return [
    ...(system !== undefined ? [{ role: 'system', content: system }] : []),
    { role: 'user', content: user },
  ];
}

/** A template ending without whitespace (e.g. "ASSISTANT:") needs a separating space before the lead-in. */
export function appendLeadIn(templated: string, leadIn: string): string {
  return templated + (/\s$/.test(templated) || leadIn.startsWith(' ') ? '' : ' ') + leadIn;
}

/** The `prompt` field: a plain string, or the multimodal object with base64 image data. */
export function promptField(prompt: string, imageBase64: string | null): unknown {
  return imageBase64 === null ? prompt : { prompt_string: prompt, multimodal_data: [imageBase64] };
}

export function scoringBody(
  prompt: string,
  imageBase64: string | null,
  nProbs: number,
  slot: number,
  cachePrompt: boolean,
): Record<string, unknown> {
  return {
    prompt: promptField(prompt, imageBase64),
    ...RAW_SCORING,
    n_probs: nProbs,
    cache_prompt: cachePrompt,
    id_slot: slot,
    response_fields: SCORING_FIELDS,
  };
}

export function generationBody(
  prompt: string,
  imageBase64: string | null,
  sampling: SamplingSettings,
): Record<string, unknown> {
  return {
    prompt: promptField(prompt, imageBase64),
    stream: true,
    n_predict: sampling.maxTokens,
    temperature: sampling.temperature,
    top_p: sampling.topP,
    top_k: sampling.topK ?? 0,
    min_p: 0,
    xtc_probability: 0,
    seed: sampling.seed,
    cache_prompt: true,
    ...(sampling.stop !== undefined ? { stop: sampling.stop } : {}),
  };
}

/** Checks option labels against the model's letter tokens, as the binding backend does. */
export function checkLabels(suffix: ScoreSuffix, variants: OptionVariants | null): void {
  if (suffix.optionLabels.some((label, index) => label !== OPTION_LETTERS[index])) {
    throw new AppError(
      'invalid_input',
      `Option labels must be consecutive letters from A, got ${suffix.optionLabels.join(', ')}.`,
    );
  }
  // A remote server's vocabulary is unknown: a letter it never proposes simply scores 0.
  const missing = suffix.optionLabels.filter((label) => variants?.missingLetters.includes(label) === true);
  if (missing.length > 0) {
    throw new AppError(
      'unsupported',
      `The model's vocabulary has no single token for option letter(s) ${missing.join(', ')}.`,
    );
  }
}

/**
 * Token ids to letters: through the GGUF vocabulary when the model file is here (managed server), else
 * through the token texts the server sent (a remote server's model file is not).
 */
export function variantsFor(answer: CompletionAnswer, vocabulary: readonly string[] | null): OptionVariants {
  if (vocabulary !== null) return buildOptionVariants(vocabulary);
  const sparse: string[] = [];
  for (const candidate of answer.candidates) sparse[candidate.id] = candidate.token;
  return buildOptionVariants(sparse);
}

export function toScoreResult(
  suffix: ScoreSuffix,
  answer: CompletionAnswer,
  variants: OptionVariants,
  vocabulary: readonly string[] | null,
  formattedPrompt: string,
  durationMs: number,
): ScoreResult {
  const scores = scoreOptions(
    answer.candidates.map((entry) => ({ id: entry.id, prob: entry.prob })),
    variants,
    suffix.optionLabels.length,
  );
  return {
    id: suffix.id,
    probabilities: scores.probabilities ?? suffix.optionLabels.map(() => 0),
    coverage: scores.coverage,
    rawByLabel: scores.perLetterRaw,
    topTokens: answer.candidates
      .slice(0, 10)
      .map((entry) => ({ token: vocabulary?.[entry.id] ?? entry.token, prob: entry.prob })),
    promptTokens: answer.promptTokens,
    cachedTokens: answer.cachedTokens,
    durationMs,
    formattedPrompt,
  };
}
