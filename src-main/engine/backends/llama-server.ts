import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { buildOptionVariants } from '../../domain/alignment/option-variants';
import { AppError } from '../../domain/errors';
import type {
  EngineStatus,
  GenerateRequest,
  GenerateResult,
  InferenceEngine,
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
import { ServerConnection, type ServerTarget } from './llama-server-connection';
import { appendLeadIn, chatMessages, generationBody, userContent } from './llama-server-requests';
import {
  parseModels,
  parseProps,
  parseStreamEvent,
  parseTemplate,
  type ServerProps,
} from './llama-server-responses';
import { scoreGroup, type ServerModel } from './llama-server-scoring';

export type { ServerTarget } from './llama-server-connection';

export interface LlamaServerBackendOptions {
  target: ServerTarget;
  /** A request with no byte from the server for this long counts as hung (default 10 min, like the engine host). */
  watchdogMs?: number;
  startTimeoutMs?: number;
  /** Evaluate every item from scratch (`cache_prompt: false`): for audits and the naive benchmark. */
  noPromptCache?: boolean;
  onLog?: (line: string) => void;
}

/**
 * The inference engine on upstream llama.cpp's HTTP server: a native build this app starts on loopback
 * (ENGINE.md §5–6: AVX2/GPU code, unlike the Linux binding prebuilts), or a server the user runs elsewhere.
 */
export class LlamaServerBackend implements InferenceEngine {
  private readonly connection: ServerConnection;
  private model: ServerModel | undefined;
  private lastSpec: LoadSpec | undefined;
  private restarts = 0;
  private readonly busySlots = new Set<number>();

  constructor(private readonly options: LlamaServerBackendOptions) {
    this.connection = new ServerConnection(options.target, {
      watchdogMs: options.watchdogMs ?? 10 * 60_000,
      ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
      ...(options.onLog !== undefined ? { onLog: options.onLog } : {}),
    });
  }

  async load(spec: LoadSpec): Promise<LoadedModel> {
    if (
      this.model !== undefined &&
      this.lastSpec?.modelPath === spec.modelPath &&
      this.lastSpec.mmprojPath === spec.mmprojPath &&
      !this.connection.needsRestart()
    )
      return this.model.info;
    this.model = undefined;
    this.lastSpec = spec;
    const started = Date.now();
    const local = this.connection.target.kind === 'managed' ? await readLocalModel(spec) : undefined;
    await this.connection.start(spec);
    const props = parseProps(
      await this.connection.json('/props', undefined, 'reading the server properties'),
      'reading the server properties',
    );
    const listed = parseModels(
      await this.connection.json('/v1/models', undefined, 'listing the server model'),
      'listing the server model',
    );
    if (this.connection.target.kind === 'remote') checkRemoteModel(spec, props, this.connection.where());
    const info: LoadedModel = {
      modelPath: this.connection.target.kind === 'managed' ? spec.modelPath : (props.modelPath ?? listed.id),
      mmprojPath: spec.mmprojPath ?? null,
      vocabSize: local?.vocabulary.length ?? listed.vocabSize ?? 0,
      imageSize: local?.imageSize ?? null,
      imageTokens: local?.imageTokens ?? null,
      chatTemplate: props.chatTemplate,
      backend:
        this.connection.target.kind === 'managed'
          ? `llama-server ${basename(this.connection.target.binaryPath)} (${this.connection.slots} slot${this.connection.slots > 1 ? 's' : ''})`
          : `llama-server at ${this.connection.target.baseUrl}`,
      llamaCppBuild: props.buildInfo ?? 'unknown',
      loadMs: Date.now() - started,
    };
    this.model = {
      info,
      props,
      vocabulary: local?.vocabulary ?? null,
      variants: local !== undefined ? buildOptionVariants(local.vocabulary) : null,
    };
    return info;
  }

  async unload(): Promise<void> {
    this.lastSpec = undefined;
    this.model = undefined;
    await this.connection.stop();
  }

  /** The loaded model, restarting a server that crashed or was stopped as hung, with the same model. */
  private async ready(): Promise<ServerModel> {
    if (this.lastSpec === undefined) throw new AppError('invalid_input', 'No model is loaded in the engine.');
    if (this.model === undefined || this.connection.needsRestart()) {
      if (this.model !== undefined || this.connection.server !== undefined) this.restarts += 1;
      this.model = undefined;
      await this.load(this.lastSpec);
    }
    return this.model as ServerModel;
  }

  /** Applies the model's chat template through the server (`/apply-template`), with the server's media marker. */
  private async template(
    model: ServerModel,
    system: string | undefined,
    user: string,
    hasImage: boolean,
    imageAfterText = false,
    signal?: AbortSignal,
  ): Promise<string> {
    if (hasImage && !model.props.vision && model.info.mmprojPath === null)
      throw new AppError('invalid_input', 'This model has no projector (mmproj), so it cannot take images.');
    const content = userContent(user, hasImage ? model.props.mediaMarker : null, imageAfterText);
    const answer = await this.connection.json(
      '/apply-template',
      { messages: chatMessages(system, content) },
      'applying the chat template',
      signal,
    );
    return parseTemplate(answer, 'applying the chat template');
  }

  private acquireSlots(wanted: number): number[] {
    const free = Array.from({ length: this.connection.slots }, (_, slot) => slot).filter(
      (slot) => !this.busySlots.has(slot),
    );
    const taken = free.slice(0, Math.max(1, Math.min(wanted, free.length)));
    for (const slot of taken) this.busySlots.add(slot);
    // With every slot busy, share slot 0: the server queues the request until it is free.
    return taken.length > 0 ? taken : [0];
  }

  async scoreBatch(
    request: ScoreBatchRequest,
    onResult: (result: ScoreResult) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<ScoreBatchCounters> {
    const model = await this.ready();
    const image = request.imagePath === undefined ? null : await readImage(request.imagePath);
    const prompts: string[] = [];
    for (const suffix of request.suffixes) {
      const templated = await this.template(
        model,
        request.system,
        request.prefixText + suffix.text,
        image !== null,
        false,
        signal,
      );
      prompts.push(appendLeadIn(templated, request.leadIn));
    }
    const slots = this.acquireSlots(request.suffixes.length);
    try {
      return await scoreGroup({
        connection: this.connection,
        model,
        request,
        prompts,
        image,
        slots,
        cachePrompt: this.options.noPromptCache !== true,
        onResult,
        ...(signal !== undefined ? { signal } : {}),
      });
    } finally {
      for (const slot of slots) this.busySlots.delete(slot);
    }
  }

  async generate(
    request: GenerateRequest,
    onToken?: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    const model = await this.ready();
    const started = Date.now();
    const image = request.imagePath === undefined ? null : await readImage(request.imagePath);
    const prompt = await this.template(
      model,
      request.system,
      request.user,
      image !== null,
      request.imageAfterText,
      signal,
    );
    let text = '';
    let promptTokens = 0;
    let completionTokens = 0;
    try {
      await this.connection.stream(
        '/completion',
        generationBody(prompt, image, request.sampling),
        'generating text',
        (data) => {
          const event = parseStreamEvent(data, 'generating text');
          if (event.content !== '') {
            text += event.content;
            onToken?.(event.content);
          }
          if (event.final !== null) {
            promptTokens = event.final.promptTokens + event.final.cachedTokens;
            completionTokens = event.final.completionTokens;
          }
        },
        signal,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled')
        return { text, promptTokens, completionTokens, durationMs: Date.now() - started, interrupted: true };
      throw error;
    }
    return { text, promptTokens, completionTokens, durationMs: Date.now() - started, interrupted: false };
  }

  status(): Promise<EngineStatus> {
    const server = this.connection.server;
    const running =
      this.connection.target.kind === 'remote' ? this.model !== undefined : server?.alive === true;
    return Promise.resolve({
      running,
      pid: server?.alive === true ? server.pid : null,
      loaded: running ? (this.model?.info ?? null) : null,
      restarts: this.restarts,
    });
  }

  async close(): Promise<void> {
    this.model = undefined;
    await this.connection.stop();
  }
}

async function readImage(path: string): Promise<string> {
  try {
    return (await readFile(path)).toString('base64');
  } catch {
    throw new AppError('not_found', `Image '${path}' does not exist or cannot be read.`, { file: path });
  }
}

/** The GGUF facts the server does not report: vocabulary (ids → letters) and the projector's image size. */
async function readLocalModel(spec: LoadSpec) {
  const text = await readGgufModelInfo(spec.modelPath);
  if (text.role !== 'text')
    throw new AppError('bad_file', `'${spec.modelPath}' is a projector (mmproj), not a text model.`, {
      file: spec.modelPath,
    });
  const mmproj = spec.mmprojPath === undefined ? undefined : await readGgufModelInfo(spec.mmprojPath);
  if (mmproj !== undefined) assertCompatiblePair(text, mmproj);
  const header = await readGgufHeader(spec.modelPath, { keepArrays: ['tokenizer.ggml.tokens'] });
  return {
    vocabulary: metaStringArray(header.metadata, 'tokenizer.ggml.tokens') ?? [],
    imageSize: mmproj?.role === 'mmproj' ? (mmproj.imageSize ?? null) : null,
    imageTokens: mmproj?.role === 'mmproj' ? (mmproj.imageTokens ?? null) : null,
  };
}

/** A remote server runs whatever model it was started with: refuse to attribute its answers to another. */
function checkRemoteModel(spec: LoadSpec, props: ServerProps, where: string): void {
  if (spec.modelPath === '' || props.modelPath === null) return;
  const wanted = basename(spec.modelPath).toLowerCase();
  const running = basename(props.modelPath.replace(/\\/g, '/')).toLowerCase();
  if (wanted !== running)
    throw new AppError(
      'conflict',
      `${where} runs '${basename(props.modelPath)}', not '${basename(spec.modelPath)}'. Start it with that model, or choose another backend.`,
    );
}
