import { z } from 'zod';

import { AppError } from '../../domain/errors';

/*
 * Validators for what llama-server answers (checked against tools/server/README.md and live answers of the
 * build from node-llama-cpp 3.22.1's bundle, llama.cpp 0.5.0-dev de3ff81). Only the fields used are
 * required; anything else may come and go between versions.
 */

const candidate = z.object({
  id: z.number().int().nonnegative(),
  token: z.string().optional(),
  logprob: z.number().optional(),
  prob: z.number().optional(),
});

const timings = z
  .object({
    cache_n: z.number().optional(),
    prompt_n: z.number().optional(),
    prompt_ms: z.number().optional(),
    predicted_n: z.number().optional(),
  })
  .optional();

const completionSchema = z.object({
  content: z.string().optional(),
  completion_probabilities: z
    .array(
      z.object({
        id: z.number().optional(),
        top_logprobs: z.array(candidate).optional(),
        top_probs: z.array(candidate).optional(),
      }),
    )
    .optional(),
  timings,
  tokens_cached: z.number().optional(),
  tokens_evaluated: z.number().optional(),
  tokens_predicted: z.number().optional(),
  stop_type: z.string().optional(),
  id_slot: z.number().optional(),
});

export interface TokenCandidate {
  id: number;
  /** The token's text as the server printed it (spaces as spaces, not ▁). */
  token: string;
  prob: number;
}

export interface CompletionAnswer {
  content: string;
  /** Next-token candidates at the first generated position, most likely first. */
  candidates: TokenCandidate[];
  promptTokens: number;
  cachedTokens: number;
  promptMs: number | null;
  completionTokens: number;
  stopType: string | null;
}

function invalid(what: string, description: string): AppError {
  return new AppError('engine_failed', `The server's answer while ${description} is not a valid ${what}.`);
}

/** A non-streamed `/completion` answer. Log-probabilities (the raw-softmax default) become probabilities. */
export function parseCompletion(value: unknown, description: string): CompletionAnswer {
  const parsed = completionSchema.safeParse(value);
  if (!parsed.success) throw invalid('/completion answer', description);
  const answer = parsed.data;
  const first = answer.completion_probabilities?.[0];
  const raw = first?.top_logprobs ?? first?.top_probs ?? [];
  const candidates = raw.map((entry) => {
    const prob = entry.prob ?? (entry.logprob !== undefined ? Math.exp(entry.logprob) : Number.NaN);
    if (!Number.isFinite(prob) || prob < 0 || prob > 1.0001) throw invalid('token probability', description);
    return { id: entry.id, token: entry.token ?? '', prob: Math.min(prob, 1) };
  });
  return {
    content: answer.content ?? '',
    candidates,
    promptTokens: answer.timings?.prompt_n ?? answer.tokens_evaluated ?? 0,
    cachedTokens: answer.timings?.cache_n ?? 0,
    promptMs: answer.timings?.prompt_ms ?? null,
    completionTokens: answer.timings?.predicted_n ?? answer.tokens_predicted ?? 0,
    stopType: answer.stop_type ?? null,
  };
}

/** One event of a streamed `/completion`: a text piece, and on the last one the final counters. */
export function parseStreamEvent(
  value: unknown,
  description: string,
): { content: string; final: CompletionAnswer | null } {
  if (typeof value === 'object' && value !== null && 'error' in value) {
    const error = value.error;
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    throw new AppError(
      'engine_failed',
      `The server reported an error while ${description}: ${message.slice(0, 300)}`,
    );
  }
  const parsed = completionSchema.extend({ stop: z.boolean().optional() }).safeParse(value);
  if (!parsed.success) throw invalid('streamed /completion event', description);
  const final = parsed.data.stop === true ? parseCompletion(value, description) : null;
  return { content: parsed.data.content ?? '', final };
}

const propsSchema = z.object({
  model_path: z.string().optional(),
  media_marker: z.string().optional(),
  build_info: z.string().optional(),
  chat_template: z.string().optional(),
  total_slots: z.number().optional(),
  modalities: z.object({ vision: z.boolean().optional() }).optional(),
  default_generation_settings: z.object({ n_ctx: z.number().optional() }).optional(),
});

export interface ServerProps {
  modelPath: string | null;
  /** The text the server replaces with an image; random per start unless LLAMA_MEDIA_MARKER pins it. */
  mediaMarker: string;
  buildInfo: string | null;
  chatTemplate: string | null;
  slots: number;
  vision: boolean;
  contextSize: number | null;
}

export function parseProps(value: unknown, description: string): ServerProps {
  const parsed = propsSchema.safeParse(value);
  if (!parsed.success) throw invalid('/props answer', description);
  const props = parsed.data;
  return {
    modelPath: props.model_path ?? null,
    // Servers from before the per-start marker used the fixed mtmd default.
    mediaMarker: props.media_marker ?? '<__media__>',
    buildInfo: props.build_info ?? null,
    chatTemplate: props.chat_template ?? null,
    slots: props.total_slots ?? 1,
    vision: props.modalities?.vision ?? false,
    contextSize: props.default_generation_settings?.n_ctx ?? null,
  };
}

const modelsSchema = z.object({
  data: z
    .array(z.object({ id: z.string(), meta: z.object({ n_vocab: z.number().optional() }).nullish() }))
    .min(1),
});

export function parseModels(value: unknown, description: string): { id: string; vocabSize: number | null } {
  const parsed = modelsSchema.safeParse(value);
  if (!parsed.success) throw invalid('/v1/models answer', description);
  const model = parsed.data.data[0] as { id: string; meta?: { n_vocab?: number | undefined } | null };
  return { id: model.id, vocabSize: model.meta?.n_vocab ?? null };
}

export function parseTemplate(value: unknown, description: string): string {
  const parsed = z.object({ prompt: z.string() }).safeParse(value);
  if (!parsed.success) throw invalid('/apply-template answer', description);
  return parsed.data.prompt;
}
