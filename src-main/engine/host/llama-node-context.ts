import type { loadModel } from '@fugood/llama.node';

import type { OptionVariants } from '../../domain/alignment/option-variants';
import { AppError } from '../../domain/errors';
import type { LoadedModel } from '../engine';
import { withBosOnce, type BosRule } from './scoring-prompt';

/** The binding's context wrapper (its class is not exported by name). */
export type LlamaContext = Awaited<ReturnType<typeof loadModel>>;

/** A model loaded in the engine host, with what scoring needs to know about its vocabulary. */
export interface LoadedState {
  context: LlamaContext;
  info: LoadedModel;
  vocabulary: readonly string[];
  variants: OptionVariants;
  bos: BosRule;
  /** A Jinja template that replaces the GGUF's (`LoadSpec.chatTemplate`). */
  templateOverride: string | undefined;
  imageCacheDir: string;
}

/**
 * The raw sampler settings that make the reported next-token probabilities the model's true softmax
 * (ENGINE.md §3): every truncating sampler off, no penalties, and XTC off — the binding's default has it on.
 * `typical_p` is the name the native code reads (the TypeScript type calls it `typ_p`).
 */
export const RAW_SAMPLING = {
  temperature: 1,
  top_k: 0,
  top_p: 1,
  min_p: 0,
  typical_p: 1,
  xtc_probability: 0,
  xtc_threshold: 0.1,
  penalty_last_n: 0,
  penalty_repeat: 1,
  dry_multiplier: 0,
  seed: 0,
} as const;

/**
 * Full vocabularies up to this size are read whole. Larger ones keep their top candidates: an option
 * outside them counts as 0, and the stored coverage shows how much mass was read.
 */
export const MAX_PROBS = 4096;

export interface TokenEvent {
  token?: string;
  probs?: { tok: number; prob: number }[];
}

export interface ParallelResult {
  text?: string;
  timings?: { cache_n?: number; prompt_n?: number; prompt_ms?: number; predicted_ms?: number };
  tokens_predicted?: number;
  interrupted?: boolean;
}

export interface ChatParts {
  system?: string;
  user: string;
  imagePath?: string;
  imageAfterText?: boolean;
}

/**
 * The prompt for one turn: the model's chat template (or the override) applied to [system?, user] with the
 * generation prompt, then BOS exactly once. Thinking is switched off, so a reasoning model's template opens
 * the answer directly instead of a <think> block.
 */
export function formatChat(state: LoadedState, parts: ChatParts): string {
  const text = { type: 'text', text: parts.user };
  const image =
    parts.imagePath === undefined ? [] : [{ type: 'image_url', image_url: { url: parts.imagePath } }];
  const messages = [
    ...(parts.system !== undefined ? [{ role: 'system', content: parts.system }] : []),
    { role: 'user', content: parts.imageAfterText === true ? [text, ...image] : [...image, text] },
  ];
  const formatted = state.context.getFormattedChat(messages, state.templateOverride, {
    add_generation_prompt: true,
    enable_thinking: false,
  }) as string | { prompt: string };
  const prompt = typeof formatted === 'string' ? formatted : formatted.prompt;
  return withBosOnce(prompt, state.bos, parts.imagePath !== undefined);
}

/** Keeps the stop function of the request running now, and whether it was cancelled. */
export interface RequestControl {
  cancelled(): boolean;
  setStop(stop: (() => void) | undefined): void;
}

/** One request on the slot API; a cancellation becomes `AppError('cancelled')`. */
export async function runParallel(
  state: LoadedState,
  params: Record<string, unknown>,
  onToken: (event: TokenEvent) => void,
  control: RequestControl,
): Promise<ParallelResult> {
  if (control.cancelled()) throw new AppError('cancelled', 'The request was cancelled.');
  const handle = await state.context.parallel.completion(params, (_id: number, data: TokenEvent) =>
    onToken(data),
  );
  control.setStop(handle.stop);
  try {
    return (await handle.promise) as ParallelResult;
  } catch (error) {
    if (control.cancelled()) throw new AppError('cancelled', 'The request was cancelled.');
    throw error;
  } finally {
    control.setStop(undefined);
  }
}
