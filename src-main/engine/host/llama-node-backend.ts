import { loadModel } from '@fugood/llama.node';
import { BUILD_COMMIT, BUILD_NUMBER } from '@fugood/llama.node/lib/version';

import {
  buildOptionVariants,
  scoreOptions,
  type OptionVariants,
} from '../../domain/alignment/option-variants';
import { AppError } from '../../domain/errors';
import type {
  GenerateRequest,
  GenerateResult,
  LoadedModel,
  LoadSpec,
  ScoreBatchCounters,
  ScoreBatchRequest,
  ScoreResult,
} from '../engine';
import { assertCompatiblePair } from '../gguf/pair-check';
import { readGgufModelInfo } from '../gguf/model-info';
import { metaStringArray } from '../gguf/metadata';
import { readGgufHeader } from '../gguf/reader';

/**
 * The raw sampler settings that make the reported next-token probabilities the model's true softmax
 * (ENGINE.md §3): every truncating sampler off, and XTC off — the binding's default has it on.
 */
const RAW_SAMPLING = {
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

/** Full vocabularies up to this size are read whole; larger ones keep their top candidates (coverage says how much). */
const MAX_PROBS = 4096;

/** The binding's context wrapper (its class is not exported by name). */
type LlamaContext = Awaited<ReturnType<typeof loadModel>>;

interface Loaded {
  context: LlamaContext;
  info: LoadedModel;
  vocabulary: readonly string[];
  variants: OptionVariants;
}

interface TokenEvent {
  probs?: { tok: number; prob: number }[];
  token?: string;
}

interface ParallelResult {
  text?: string;
  timings?: { cache_n?: number; prompt_n?: number };
  tokens_predicted?: number;
  interrupted?: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs inside the engine host process only: native crashes end that process, never the app. */
export class LlamaNodeBackend {
  private loaded: Loaded | undefined;
  private readonly stops = new Map<number, () => void>();

  get current(): LoadedModel | null {
    return this.loaded?.info ?? null;
  }

  async load(spec: LoadSpec): Promise<LoadedModel> {
    if (
      this.loaded?.info.modelPath === spec.modelPath &&
      this.loaded.info.mmprojPath === (spec.mmprojPath ?? null)
    )
      return this.loaded.info;
    await this.unload();
    const started = Date.now();
    // Check the files in JavaScript first: the binding crashes the process on a corrupt model.
    const text = await readGgufModelInfo(spec.modelPath);
    if (text.role !== 'text')
      throw new AppError('bad_file', `'${spec.modelPath}' is a projector (mmproj), not a text model.`, {
        file: spec.modelPath,
      });
    const mmproj = spec.mmprojPath === undefined ? undefined : await readGgufModelInfo(spec.mmprojPath);
    if (mmproj !== undefined) assertCompatiblePair(text, mmproj);
    const header = await readGgufHeader(spec.modelPath, { keepArrays: ['tokenizer.ggml.tokens'] });
    const vocabulary = metaStringArray(header.metadata, 'tokenizer.ggml.tokens') ?? [];
    const context = await loadModel({
      model: spec.modelPath,
      n_ctx: spec.contextSize,
      n_batch: 512,
      n_parallel: 1,
      n_gpu_layers: spec.gpuLayers,
      lib_variant: spec.variant,
      ...(spec.threads !== undefined ? { n_threads: spec.threads } : {}),
    });
    if (spec.mmprojPath !== undefined) {
      let ok = false;
      try {
        ok = await Promise.resolve(
          context.initMultimodal({ path: spec.mmprojPath, use_gpu: spec.gpuLayers > 0 }),
        );
      } catch (error) {
        ok = false;
        void error;
      }
      if (!ok) {
        await context.release();
        throw new AppError(
          'bad_file',
          `The projector '${spec.mmprojPath}' could not be initialised for '${spec.modelPath}'.`,
          { file: spec.mmprojPath },
        );
      }
    }
    // The slot API returns token ids and avoids the single-context bugs of completion() (ENGINE.md §4.1–4.3).
    await context.parallel.enable({ n_parallel: 1, n_batch: 512 });
    const info: LoadedModel = {
      modelPath: spec.modelPath,
      mmprojPath: spec.mmprojPath ?? null,
      vocabSize: vocabulary.length,
      imageSize: mmproj?.role === 'mmproj' ? (mmproj.imageSize ?? null) : null,
      imageTokens: mmproj?.role === 'mmproj' ? (mmproj.imageTokens ?? null) : null,
      chatTemplate: text.chatTemplate ?? null,
      backend: `llama.node ${spec.variant}`,
      llamaCppBuild: `b${BUILD_NUMBER} (${BUILD_COMMIT})`,
      loadMs: Date.now() - started,
    };
    this.loaded = { context, info, vocabulary, variants: buildOptionVariants(vocabulary) };
    return info;
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (loaded === undefined) return;
    loaded.context.parallel.disable();
    // Token callbacks may still be queued; releasing at once can free memory they use (ENGINE.md §4.3).
    await sleep(200);
    await loaded.context.release();
  }

  private requireLoaded(): Loaded {
    if (this.loaded === undefined) throw new AppError('invalid_input', 'No model is loaded in the engine.');
    return this.loaded;
  }

  private formatPrompt(
    loaded: Loaded,
    system: string | undefined,
    user: string,
    imagePath: string | undefined,
    imageAfterText = false,
  ): string {
    const text = { type: 'text', text: user };
    const image = imagePath === undefined ? [] : [{ type: 'image_url', image_url: { url: imagePath } }];
    const messages = [
      ...(system !== undefined ? [{ role: 'system', content: system }] : []),
      { role: 'user', content: imageAfterText ? [text, ...image] : [...image, text] },
    ];
    const formatted = loaded.context.getFormattedChat(messages, undefined, {
      add_generation_prompt: true,
    }) as string | { prompt: string };
    return typeof formatted === 'string' ? formatted : formatted.prompt;
  }

  async scoreBatch(
    requestId: number,
    request: ScoreBatchRequest,
    onResult: (result: ScoreResult) => void,
  ): Promise<ScoreBatchCounters> {
    const loaded = this.requireLoaded();
    if (request.imagePath !== undefined && loaded.info.mmprojPath === null) {
      throw new AppError('invalid_input', 'This model has no projector (mmproj), so it cannot take images.');
    }
    const counters: ScoreBatchCounters = {
      promptTokensEvaluated: 0,
      cachedTokens: 0,
      imageEncodes: 0,
      durationMs: 0,
    };
    const started = Date.now();
    const prompts = request.suffixes.map((suffix) => {
      if (suffix.optionLabels.some((label, index) => label !== loaded.variants.letters[index]?.letter)) {
        throw new AppError(
          'invalid_input',
          `Option labels must be consecutive letters from A, got ${suffix.optionLabels.join(', ')}.`,
        );
      }
      const missing = suffix.optionLabels.filter((label) => loaded.variants.missingLetters.includes(label));
      if (missing.length > 0) {
        throw new AppError(
          'unsupported',
          `The model's vocabulary has no single token for option letter(s) ${missing.join(', ')}.`,
        );
      }
      const base = this.formatPrompt(
        loaded,
        request.system,
        request.prefixText + suffix.text,
        request.imagePath,
      );
      // A template ending without whitespace (e.g. "ASSISTANT:") needs a separating space before the lead-in.
      return base + (/\s$/.test(base) || request.leadIn.startsWith(' ') ? '' : ' ') + request.leadIn;
    });
    const first = prompts[0];
    if (first === undefined) return counters;
    // Warm the shared prefix on its own first. Every item is then computed the same way (its suffix on top
    // of this prefix), whatever the cache held before, so a resumed run reproduces an uninterrupted one
    // bit for bit. It also makes the single image encode per group explicit.
    const prefixEnd = first.indexOf(request.prefixText) + request.prefixText.length;
    const warm = await this.complete(requestId, loaded, first.slice(0, prefixEnd), request.imagePath);
    this.count(counters, warm.result, loaded, request.imagePath !== undefined);
    for (const [index, suffix] of request.suffixes.entries()) {
      const prompt = prompts[index] as string;
      const itemStarted = Date.now();
      const { result, probs } = await this.complete(requestId, loaded, prompt, request.imagePath);
      const promptTokens = result.timings?.prompt_n ?? 0;
      const cachedTokens = result.timings?.cache_n ?? 0;
      this.count(counters, result, loaded, request.imagePath !== undefined);
      const scores = scoreOptions(
        probs.map((entry) => ({ id: entry.tok, prob: entry.prob })),
        loaded.variants,
        suffix.optionLabels.length,
      );
      const topTokens = [...probs]
        .sort((a, b) => b.prob - a.prob)
        .slice(0, 10)
        .map((entry) => ({ token: loaded.vocabulary[entry.tok] ?? `#${entry.tok}`, prob: entry.prob }));
      onResult({
        id: suffix.id,
        probabilities: scores.probabilities ?? suffix.optionLabels.map(() => 0),
        coverage: scores.coverage,
        rawByLabel: scores.perLetterRaw,
        topTokens,
        promptTokens,
        cachedTokens,
        durationMs: Date.now() - itemStarted,
        formattedPrompt: prompt,
      });
    }
    counters.durationMs = Date.now() - started;
    return counters;
  }

  private count(
    counters: ScoreBatchCounters,
    result: ParallelResult,
    loaded: Loaded,
    hasImage: boolean,
  ): void {
    const cached = result.timings?.cache_n ?? 0;
    counters.promptTokensEvaluated += result.timings?.prompt_n ?? 0;
    counters.cachedTokens += cached;
    // The image chunk sits at the start of the prompt: if the cache did not cover it, it was encoded again.
    if (hasImage && loaded.info.imageTokens !== null && cached < loaded.info.imageTokens)
      counters.imageEncodes += 1;
  }

  /** One scoring request: the next-token distribution after `prompt`, read with raw sampler settings. */
  private async complete(requestId: number, loaded: Loaded, prompt: string, imagePath: string | undefined) {
    let probs: { tok: number; prob: number }[] = [];
    const handle = await loaded.context.parallel.completion(
      {
        prompt,
        ...(imagePath !== undefined ? { media_paths: [imagePath] } : {}),
        n_predict: 1,
        n_probs: Math.min(loaded.vocabulary.length || MAX_PROBS, MAX_PROBS),
        ...RAW_SAMPLING,
      },
      (_id: number, data: TokenEvent) => {
        if (data.probs !== undefined) probs = data.probs;
      },
    );
    this.stops.set(requestId, handle.stop);
    try {
      return { result: (await handle.promise) as ParallelResult, probs };
    } finally {
      this.stops.delete(requestId);
    }
  }

  async generate(
    requestId: number,
    request: GenerateRequest,
    onToken: (text: string) => void,
  ): Promise<GenerateResult> {
    const loaded = this.requireLoaded();
    const started = Date.now();
    const prompt = this.formatPrompt(
      loaded,
      request.system,
      request.user,
      request.imagePath,
      request.imageAfterText,
    );
    const { sampling } = request;
    const handle = await loaded.context.parallel.completion(
      {
        prompt,
        ...(request.imagePath !== undefined ? { media_paths: [request.imagePath] } : {}),
        n_predict: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        top_k: sampling.topK ?? 0,
        min_p: 0,
        xtc_probability: 0,
        seed: sampling.seed,
        ...(sampling.stop !== undefined ? { stop: sampling.stop } : {}),
      },
      (_id: number, data: TokenEvent) => {
        if (data.token !== undefined) onToken(data.token);
      },
    );
    this.stops.set(requestId, handle.stop);
    try {
      const result = (await handle.promise) as ParallelResult;
      return {
        text: result.text ?? '',
        promptTokens: result.timings?.prompt_n ?? 0,
        completionTokens: result.tokens_predicted ?? 0,
        durationMs: Date.now() - started,
        interrupted: result.interrupted === true,
      };
    } finally {
      this.stops.delete(requestId);
    }
  }

  cancel(requestId: number): void {
    this.stops.get(requestId)?.();
  }
}
