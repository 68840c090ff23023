import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadModel } from '@fugood/llama.node';
import { BUILD_COMMIT, BUILD_NUMBER } from '@fugood/llama.node/lib/version';

import { buildOptionVariants } from '../../domain/alignment/option-variants';
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
import { metaStringArray } from '../gguf/metadata';
import { readGgufModelInfo } from '../gguf/model-info';
import { assertCompatiblePair } from '../gguf/pair-check';
import { readGgufHeader } from '../gguf/reader';
import { isKnownArchitecture } from '../llama-cpp-architectures';
import { guardImage } from './image-guard';
import { formatChat, runParallel, type LoadedState, type RequestControl } from './llama-node-context';
import { scoreGroup } from './llama-node-scoring';
import { bosRule } from './scoring-prompt';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads and checks the files in JavaScript first: the binding crashes the process on a corrupt model. */
async function readPair(spec: LoadSpec) {
  const text = await readGgufModelInfo(spec.modelPath);
  if (text.role !== 'text')
    throw new AppError('bad_file', `'${spec.modelPath}' is a projector (mmproj), not a text model.`, {
      file: spec.modelPath,
    });
  if (!isKnownArchitecture(text.architecture))
    throw new AppError(
      'unsupported',
      `'${spec.modelPath}' is a '${text.architecture ?? 'unnamed'}' model, an architecture this llama.cpp build ` +
        `(b${BUILD_NUMBER}) cannot run.`,
      { file: spec.modelPath },
    );
  const mmproj = spec.mmprojPath === undefined ? undefined : await readGgufModelInfo(spec.mmprojPath);
  if (mmproj !== undefined) assertCompatiblePair(text, mmproj);
  const header = await readGgufHeader(spec.modelPath, { keepArrays: ['tokenizer.ggml.tokens'] });
  const vocabulary = metaStringArray(header.metadata, 'tokenizer.ggml.tokens') ?? [];
  return { text, mmproj: mmproj?.role === 'mmproj' ? mmproj : undefined, vocabulary };
}

/** Runs inside the engine host process only: native crashes end that process, never the app. */
export class LlamaNodeBackend {
  private loaded: LoadedState | undefined;
  private loadedSpec: LoadSpec | undefined;
  private readonly stops = new Map<number, () => void>();
  private readonly cancelled = new Set<number>();

  get current(): LoadedModel | null {
    return this.loaded?.info ?? null;
  }

  async load(spec: LoadSpec): Promise<LoadedModel> {
    if (this.loaded !== undefined && JSON.stringify(this.loadedSpec) === JSON.stringify(spec))
      return this.loaded.info;
    await this.unload();
    const started = Date.now();
    const { text, mmproj, vocabulary } = await readPair(spec);
    const context = await loadModel({
      model: spec.modelPath,
      n_ctx: spec.contextSize,
      n_batch: 512,
      n_parallel: 1,
      n_gpu_layers: spec.gpuLayers,
      lib_variant: spec.variant,
      ...(spec.threads !== undefined ? { n_threads: spec.threads } : {}),
    }).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('bad_file', `llama.cpp could not load '${spec.modelPath}' (${reason}).`, {
        file: spec.modelPath,
      });
    });
    if (spec.mmprojPath !== undefined) {
      const ok = await Promise.resolve(
        context.initMultimodal({ path: spec.mmprojPath, use_gpu: spec.gpuLayers > 0 }),
      ).catch(() => false);
      if (!ok) {
        await context.release();
        throw new AppError(
          'bad_file',
          `The projector '${spec.mmprojPath}' (type '${mmproj?.projectorType ?? 'unknown'}') could not be ` +
            `initialised for '${spec.modelPath}': llama.cpp b${BUILD_NUMBER} may not support this projector type.`,
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
      imageSize: mmproj?.imageSize ?? null,
      imageTokens: mmproj?.imageTokens ?? null,
      chatTemplate: spec.chatTemplate ?? text.chatTemplate ?? null,
      backend: `llama.node ${spec.variant}`,
      llamaCppBuild: `b${BUILD_NUMBER} (${BUILD_COMMIT})`,
      loadMs: Date.now() - started,
    };
    this.loaded = {
      context,
      info,
      vocabulary,
      variants: buildOptionVariants(vocabulary),
      bos: bosRule(vocabulary, text),
      templateOverride: spec.chatTemplate,
      imageCacheDir: spec.imageCacheDir ?? join(tmpdir(), 'value-atlas-engine-images'),
    };
    this.loadedSpec = spec;
    return info;
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    this.loadedSpec = undefined;
    if (loaded === undefined) return;
    loaded.context.parallel.disable();
    // Token callbacks may still be queued; releasing at once can free memory they use (ENGINE.md §4.3).
    await sleep(200);
    await loaded.context.release();
  }

  private requireLoaded(): LoadedState {
    if (this.loaded === undefined) throw new AppError('invalid_input', 'No model is loaded in the engine.');
    return this.loaded;
  }

  /** Every image is checked (and if need be re-encoded) here, before native code can open it. */
  private async image(state: LoadedState, imagePath: string | undefined): Promise<string | undefined> {
    if (imagePath === undefined) return undefined;
    if (state.info.mmprojPath === null || state.info.imageSize === null)
      throw new AppError('invalid_input', 'This model has no projector (mmproj), so it cannot take images.');
    return guardImage(imagePath, state.info.imageSize, state.imageCacheDir);
  }

  private control(requestId: number): RequestControl {
    return {
      cancelled: () => this.cancelled.has(requestId),
      setStop: (stop) => {
        if (stop === undefined) this.stops.delete(requestId);
        else if (this.cancelled.has(requestId)) stop();
        else this.stops.set(requestId, stop);
      },
    };
  }

  async scoreBatch(
    requestId: number,
    request: ScoreBatchRequest,
    onResult: (result: ScoreResult) => void,
  ): Promise<ScoreBatchCounters> {
    try {
      const state = this.requireLoaded();
      const imagePath = await this.image(state, request.imagePath);
      return await scoreGroup(state, request, imagePath, onResult, this.control(requestId));
    } finally {
      this.cancelled.delete(requestId);
    }
  }

  async generate(
    requestId: number,
    request: GenerateRequest,
    onToken: (text: string) => void,
  ): Promise<GenerateResult> {
    const started = Date.now();
    const pieces: string[] = [];
    try {
      const state = this.requireLoaded();
      const imagePath = await this.image(state, request.imagePath);
      const prompt = formatChat(state, {
        ...request,
        ...(imagePath !== undefined ? { imagePath } : {}),
      });
      const { sampling } = request;
      const params = {
        prompt,
        ...(imagePath !== undefined ? { media_paths: [imagePath] } : {}),
        n_predict: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        top_k: sampling.topK ?? 0,
        min_p: 0,
        typical_p: 1,
        xtc_probability: 0,
        seed: sampling.seed,
        ...(sampling.stop !== undefined ? { stop: sampling.stop } : {}),
      };
      const onEvent = (event: { token?: string }) => {
        if (event.token === undefined) return;
        pieces.push(event.token);
        onToken(event.token);
      };
      const result = await runParallel(state, params, onEvent, this.control(requestId));
      return {
        text: result.text ?? pieces.join(''),
        promptTokens: result.timings?.prompt_n ?? 0,
        completionTokens: result.tokens_predicted ?? pieces.length,
        durationMs: Date.now() - started,
        interrupted: result.interrupted === true,
      };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'cancelled')) throw error;
      // A cancelled generation keeps what it produced so far.
      const text = pieces.join('');
      return {
        text,
        promptTokens: 0,
        completionTokens: pieces.length,
        durationMs: Date.now() - started,
        interrupted: true,
      };
    } finally {
      this.cancelled.delete(requestId);
    }
  }

  cancel(requestId: number): void {
    this.cancelled.add(requestId);
    this.stops.get(requestId)?.();
  }
}
