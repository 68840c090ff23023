import { basename } from 'node:path';

import { AppError } from '../../domain/errors';
import type { LoadSpec } from '../engine';
import { formatSeconds } from '../format-seconds';
import { callJson, callStream, HttpCallError, type HttpTarget } from './llama-server-http';
import { ManagedServer } from './llama-server-process';

/** A llama-server this app starts and supervises, or one the user runs elsewhere. */
export type ServerTarget =
  | {
      kind: 'managed';
      binaryPath: string;
      /** Parallel slots: several prefix groups (or shares of one) in flight at once. 1 on CPU. */
      slots?: number;
      /** --cache-reuse N (0: reuse only a common prefix, which is all the survey method needs). */
      cacheReuse?: number;
    }
  | { kind: 'remote'; baseUrl: string; apiKey?: string };

export interface ConnectionOptions {
  watchdogMs: number;
  startTimeoutMs?: number;
  onLog?: (line: string) => void;
}

/**
 * The HTTP side of the server backend: which server, how to (re)start it, and how a failed request
 * becomes a clear AppError. A crash or a hang leaves nothing stuck: the process is gone, `server` is
 * cleared, and the next request starts a fresh one.
 */
export class ServerConnection {
  server: ManagedServer | undefined;

  constructor(
    readonly target: ServerTarget,
    private readonly options: ConnectionOptions,
  ) {}

  get slots(): number {
    return this.target.kind === 'managed' ? Math.max(1, this.target.slots ?? 1) : 1;
  }

  where(): string {
    return this.target.kind === 'managed' ? 'llama-server' : `the server at ${this.target.baseUrl}`;
  }

  http(): HttpTarget {
    if (this.target.kind === 'remote') {
      return {
        baseUrl: this.target.baseUrl,
        ...(this.target.apiKey !== undefined ? { apiKey: this.target.apiKey } : {}),
      };
    }
    if (this.server === undefined || !this.server.alive)
      throw new AppError('engine_crashed', 'llama-server is not running.');
    return this.server.target;
  }

  /** Starts the managed server for `spec` (stopping one that runs another model). */
  async start(spec: LoadSpec): Promise<void> {
    if (this.target.kind !== 'managed') return;
    await this.stop();
    const server = await ManagedServer.start({
      binaryPath: this.target.binaryPath,
      modelPath: spec.modelPath,
      ...(spec.mmprojPath !== undefined ? { mmprojPath: spec.mmprojPath } : {}),
      contextSize: spec.contextSize,
      slots: this.slots,
      gpuLayers: spec.gpuLayers,
      ...(spec.threads !== undefined ? { threads: spec.threads } : {}),
      cacheReuse: this.target.cacheReuse ?? 0,
      ...(this.options.startTimeoutMs !== undefined ? { startTimeoutMs: this.options.startTimeoutMs } : {}),
      ...(this.options.onLog !== undefined ? { onLine: this.options.onLog } : {}),
    });
    this.server = server;
  }

  needsRestart(): boolean {
    return this.target.kind === 'managed' && (this.server === undefined || !this.server.alive);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  /** JSON request with the connection's error handling. */
  async json(path: string, body: unknown, description: string, signal?: AbortSignal): Promise<unknown> {
    const target = this.http();
    try {
      return await callJson(target, path, body, {
        description,
        watchdogMs: this.options.watchdogMs,
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (error) {
      throw await this.explain(error, description);
    }
  }

  async stream(
    path: string,
    body: unknown,
    description: string,
    onEvent: (data: unknown) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const target = this.http();
    try {
      await callStream(
        target,
        path,
        body,
        { description, watchdogMs: this.options.watchdogMs, ...(signal !== undefined ? { signal } : {}) },
        onEvent,
      );
    } catch (error) {
      throw await this.explain(error, description);
    }
  }

  /** Turns a transport failure into what the user needs to know, and cleans up a dead or hung server. */
  private async explain(error: unknown, description: string): Promise<unknown> {
    if (!(error instanceof HttpCallError)) return error;
    if (error.failure === 'cancelled') return new AppError('cancelled', `Cancelled while ${description}.`);
    const server = this.server;
    const model = server !== undefined ? basename(server.launch.modelPath) : 'the model';
    if (this.target.kind === 'remote') {
      return new AppError(
        error.failure === 'hung' ? 'engine_failed' : 'network',
        `${error.message} Check that ${this.where()} is running and reachable.`,
      );
    }
    if (error.failure === 'hung') {
      // A server that answers nothing holds the slot for ever: stop it; the next request starts a new one.
      server?.kill();
      return new AppError(
        'engine_failed',
        `llama-server made no progress for ${formatSeconds(this.options.watchdogMs)} while ${description} (${model}); it was stopped and restarts on the next request.`,
      );
    }
    // A refused or reset connection usually means the process died: give its exit a moment to arrive.
    for (let wait = 0; server !== undefined && server.exited === null && wait < 20; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (server !== undefined && server.exited !== null) {
      return new AppError(
        'engine_crashed',
        `llama-server stopped unexpectedly (${server.describeExit()}) while ${description} (${model}). ${server.problems()} It restarts on the next request.`.replace(
          /\s+/g,
          ' ',
        ),
        { file: server.launch.modelPath },
      );
    }
    server?.kill();
    return new AppError(
      'engine_failed',
      `${error.message} llama-server was stopped and restarts on the next request.`,
    );
  }
}
