import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

import { z } from 'zod';

import { AppError } from '../../domain/errors';
import type {
  EngineStatus,
  GenerateRequest,
  GenerateResult,
  InferenceEngine,
  LoadedModel,
  LoadSpec,
  ScoreBatchCounters,
} from '../engine';
import { callJson, callStream, HttpCallError, type HttpTarget } from './llama-server-http';

export interface OpenAiTarget {
  /** e.g. http://gpu-box:8000 or http://gpu-box:8000/v1 */
  baseUrl: string;
  apiKey?: string;
  /** Model id to ask for; the server's first model by default. */
  model?: string;
}

const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).optional(),
        finish_reason: z.string().nullish(),
      }),
    )
    .optional(),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

/**
 * Text generation on any OpenAI-compatible server (vLLM, LM Studio, Ollama, llama.cpp's /v1) through
 * streamed chat completions. It cannot score: chat completions apply the template themselves, so a prompt
 * cannot end inside the assistant turn ("… my answer would be ("), and at most 20 log-probabilities come back.
 */
export class OpenAiChatBackend implements InferenceEngine {
  private loaded: LoadedModel | null = null;
  private readonly http: HttpTarget;

  constructor(
    private readonly target: OpenAiTarget,
    private readonly watchdogMs = 10 * 60_000,
  ) {
    const base = target.baseUrl.replace(/\/+$/, '');
    this.http = {
      baseUrl: base.endsWith('/v1') ? base : `${base}/v1`,
      ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    };
  }

  private async call<T>(work: () => Promise<T>, description: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof HttpCallError)) throw error;
      if (error.failure === 'cancelled') throw new AppError('cancelled', `Cancelled while ${description}.`);
      throw new AppError(
        error.failure === 'hung' ? 'engine_failed' : 'network',
        `${error.message} (${this.http.baseUrl})`,
      );
    }
  }

  async load(spec: LoadSpec): Promise<LoadedModel> {
    const started = Date.now();
    const description = 'listing the server models';
    const answer = await this.call(
      () => callJson(this.http, '/models', undefined, { description, watchdogMs: 30_000 }),
      description,
    );
    const parsed = z.object({ data: z.array(z.object({ id: z.string() })) }).safeParse(answer);
    if (!parsed.success)
      throw new AppError(
        'engine_failed',
        `${this.http.baseUrl}/models did not answer like an OpenAI-compatible server.`,
      );
    const ids = parsed.data.data.map((model) => model.id);
    const model = this.target.model ?? ids[0];
    if (model === undefined || !ids.includes(model))
      throw new AppError(
        'not_found',
        `The server at ${this.http.baseUrl} has no model '${this.target.model ?? ''}' (it has: ${ids.join(', ') || 'none'}).`,
      );
    this.loaded = {
      modelPath: model,
      mmprojPath: spec.mmprojPath ?? null,
      vocabSize: 0,
      imageSize: null,
      imageTokens: null,
      chatTemplate: null,
      backend: `OpenAI-compatible server at ${this.http.baseUrl}`,
      llamaCppBuild: 'n/a',
      loadMs: Date.now() - started,
    };
    return this.loaded;
  }

  unload(): Promise<void> {
    this.loaded = null;
    return Promise.resolve();
  }

  scoreBatch(): Promise<ScoreBatchCounters> {
    return Promise.reject(
      new AppError(
        'unsupported',
        'An OpenAI-compatible server can only generate text: option scoring needs a raw prompt ending in the assistant lead-in and the full next-token distribution. Use a llama.cpp server or a local backend for scoring.',
      ),
    );
  }

  async generate(
    request: GenerateRequest,
    onToken?: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    const loaded = this.loaded;
    if (loaded === null) throw new AppError('invalid_input', 'No model is loaded in the engine.');
    const started = Date.now();
    const text = { type: 'text', text: request.user };
    const parts: unknown[] = [text];
    if (request.imagePath !== undefined) {
      const bytes = await readFile(request.imagePath).catch(() => {
        throw new AppError('not_found', `Image '${request.imagePath}' does not exist or cannot be read.`, {
          file: request.imagePath,
        });
      });
      const mime = extname(request.imagePath).toLowerCase() === '.png' ? 'image/png' : 'image/jpeg';
      const image = {
        type: 'image_url',
        image_url: { url: `data:${mime};base64,${bytes.toString('base64')}` },
      };
      if (request.imageAfterText === true) parts.push(image);
      else parts.unshift(image);
    }
    const { sampling } = request;
    const body = {
      model: loaded.modelPath,
      messages: [
        ...(request.system !== undefined ? [{ role: 'system', content: request.system }] : []),
        { role: 'user', content: parts },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: sampling.temperature,
      top_p: sampling.topP,
      seed: sampling.seed,
      max_tokens: sampling.maxTokens,
      ...(sampling.stop !== undefined ? { stop: sampling.stop } : {}),
    };
    const result: GenerateResult = {
      text: '',
      promptTokens: 0,
      completionTokens: 0,
      durationMs: 0,
      interrupted: false,
    };
    const description = 'generating text (chat completions)';
    try {
      await this.call(
        () =>
          callStream(
            this.http,
            '/chat/completions',
            body,
            { description, watchdogMs: this.watchdogMs, ...(signal !== undefined ? { signal } : {}) },
            (data) => {
              const chunk = chunkSchema.safeParse(data);
              if (!chunk.success)
                throw new AppError(
                  'engine_failed',
                  `The server streamed something that is not a chat completion chunk while ${description}.`,
                );
              const piece = chunk.data.choices?.[0]?.delta?.content ?? '';
              if (piece !== '') {
                result.text += piece;
                onToken?.(piece);
              }
              if (chunk.data.usage != null) {
                result.promptTokens = chunk.data.usage.prompt_tokens;
                result.completionTokens = chunk.data.usage.completion_tokens;
              }
            },
          ),
        description,
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'cancelled')) throw error;
      result.interrupted = true;
    }
    result.durationMs = Date.now() - started;
    return result;
  }

  status(): Promise<EngineStatus> {
    return Promise.resolve({ running: this.loaded !== null, pid: null, loaded: this.loaded, restarts: 0 });
  }

  close(): Promise<void> {
    return this.unload();
  }
}
