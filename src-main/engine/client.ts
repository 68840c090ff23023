import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { AppError, type ErrorPayload } from '../domain/errors';
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
} from './engine';
import { formatSeconds } from './format-seconds';
import type { HostReply, HostRequest } from './host/protocol';

/** The transport to an engine host process: Node's fork() here, Electron's utilityProcess in the app. */
export interface EngineProcess {
  readonly pid: number | undefined;
  send(message: HostRequest): void;
  onMessage(listener: (message: HostReply) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type EngineProcessSpawner = () => EngineProcess;

/** Where the built engine host lives: beside the built CLI/main bundles. */
export function defaultHostScript(): string {
  // Built code may sit in an entry (out/main/) or a shared chunk (out/main/chunks/); tests run the sources.
  const candidates = [
    join(__dirname, 'engine-host.js'),
    join(__dirname, '..', 'engine-host.js'),
    join(__dirname, '..', '..', 'out', 'main', 'engine-host.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined)
    throw new AppError(
      'unavailable',
      `The engine host is not built (looked in ${candidates.join(', ')}). Run npm run build.`,
    );
  return found;
}

export function forkEngineProcess(script = defaultHostScript()): EngineProcess {
  // Native code logs (and echoes prompts) on stdout and stderr: diagnostics, never protocol. They are
  // discarded unless VALUE_ATLAS_ENGINE_LOG=1 asks for them on this process's stderr.
  const logs = process.env.VALUE_ATLAS_ENGINE_LOG === '1' ? 'inherit' : 'ignore';
  const child: ChildProcess = fork(script, [], {
    stdio: ['ignore', logs, logs, 'ipc'],
    serialization: 'advanced',
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.send(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill('SIGKILL'),
  };
}

/** Omit that keeps each member of a union apart. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onPartial?: (value: unknown) => void;
  timer?: NodeJS.Timeout;
  description: string;
}

export interface EngineClientOptions {
  spawn?: EngineProcessSpawner;
  /** A request making no progress for this long is treated as a hung engine: the process is killed. */
  watchdogMs?: number;
}

/**
 * The caller's side of the engine: starts the host lazily, and when it dies (native crash, out of memory,
 * kill) fails what was in flight with a clear error and starts a fresh one on the next request, loading
 * the same model again.
 */
export class EngineClient implements InferenceEngine {
  private child: EngineProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastSpec: LoadSpec | undefined;
  private loaded: LoadedModel | null = null;
  private restarts = 0;
  private readonly spawn: EngineProcessSpawner;
  private readonly watchdogMs: number;
  /** Processes this client killed itself (watchdog, close), whose exit is no surprise. */
  private readonly killing = new WeakSet<EngineProcess>();

  constructor(options: EngineClientOptions = {}) {
    this.spawn = options.spawn ?? (() => forkEngineProcess());
    this.watchdogMs = options.watchdogMs ?? 10 * 60_000;
  }

  private start(): Promise<void> {
    if (this.ready !== undefined) return this.ready;
    const child = this.spawn();
    this.child = child;
    this.ready = new Promise<void>((resolve, reject) => {
      // A host that never reports ready (stuck loading its native code) is killed like a hung request.
      const startTimer = setTimeout(() => this.kill(child), this.watchdogMs);
      child.onMessage((message) => {
        if (message.type === 'ready') {
          clearTimeout(startTimer);
          return resolve();
        }
        this.dispatch(message);
      });
      child.onExit((code, signal) => {
        clearTimeout(startTimer);
        if (this.child !== child) return;
        this.child = undefined;
        this.ready = undefined;
        this.loaded = null;
        this.restarts += 1;
        const model = this.lastSpec?.modelPath ?? 'no model';
        const killedByUs = this.killing.delete(child);
        const error = new AppError(
          'engine_crashed',
          `The inference engine stopped unexpectedly (${signal ?? `exit code ${code}`}) while working on ${model}.${killedByUs ? '' : exitHint(code, signal)} It restarts on the next request.`,
          { file: this.lastSpec?.modelPath },
        );
        reject(error);
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer);
          pending.reject(error);
          this.pending.delete(id);
        }
      });
    });
    return this.ready;
  }

  private dispatch(message: HostReply): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.arm(message.id, pending);
    if (message.type === 'partial') {
      pending.onPartial?.(message.value);
      return;
    }
    clearTimeout(pending.timer);
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.value);
    else pending.reject(fromPayload(message.error));
  }

  /** (Re)starts the watchdog of a request: any message from the engine counts as progress. */
  private arm(id: number, pending: Pending): void {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      pending.reject(
        new AppError(
          'engine_failed',
          `The engine made no progress for ${formatSeconds(this.watchdogMs)} on ${pending.description}; it was stopped and restarts on the next request.`,
        ),
      );
      this.pending.delete(id);
      if (this.child !== undefined) this.kill(this.child);
    }, this.watchdogMs);
  }

  /** Kills an engine process on purpose, so that its exit is not reported as a crash. */
  private kill(child: EngineProcess): void {
    this.killing.add(child);
    child.kill();
  }

  private async request<T>(
    message: WithoutId<HostRequest>,
    description: string,
    onPartial?: (value: unknown) => void,
    signal?: AbortSignal,
  ): Promise<T> {
    await this.start();
    // After a restart, the model the caller loaded is loaded again before anything else.
    if (
      message.type !== 'load' &&
      message.type !== 'unload' &&
      this.loaded === null &&
      this.lastSpec !== undefined
    ) {
      await this.load(this.lastSpec);
    }
    if (signal?.aborted === true) throw new AppError('cancelled', `Cancelled before ${description}.`);
    const id = this.nextId++;
    const child = this.child;
    if (child === undefined) throw new AppError('engine_crashed', 'The inference engine is not running.');
    const onAbort = () => child.send({ id: this.nextId++, type: 'cancel', target: id });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<T>((resolve, reject) => {
        const pending: Pending = {
          resolve: resolve as (value: unknown) => void,
          reject,
          description,
          ...(onPartial !== undefined ? { onPartial } : {}),
        };
        this.pending.set(id, pending);
        this.arm(id, pending);
        child.send({ ...message, id });
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async load(spec: LoadSpec): Promise<LoadedModel> {
    this.lastSpec = spec;
    const loaded = await this.request<LoadedModel>({ type: 'load', spec }, `loading ${spec.modelPath}`);
    this.loaded = loaded;
    return loaded;
  }

  async unload(): Promise<void> {
    this.lastSpec = undefined;
    this.loaded = null;
    if (this.child !== undefined) await this.request<null>({ type: 'unload' }, 'unloading');
  }

  async scoreBatch(
    request: ScoreBatchRequest,
    onResult: (result: ScoreResult) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<ScoreBatchCounters> {
    // Results are handed on in order; the caller's (async) commit of one finishes before the next is handed on.
    let chain: Promise<void> = Promise.resolve();
    let failure: Error | undefined;
    const counters = await this.request<ScoreBatchCounters>(
      { type: 'score', request },
      `scoring ${request.suffixes.length} items`,
      (value) => {
        chain = chain
          .then(async () => {
            if (failure === undefined) await onResult(value as ScoreResult);
          })
          .catch((error: unknown) => {
            // The caller could not take a result (e.g. the disk is full): keep the first reason, drop the rest.
            failure ??= error instanceof Error ? error : new Error(String(error));
          });
      },
      signal,
    );
    await chain;
    if (failure !== undefined) throw failure;
    return counters;
  }

  generate(
    request: GenerateRequest,
    onToken?: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    return this.request<GenerateResult>(
      { type: 'generate', request },
      'generating',
      (value) => onToken?.(value as string),
      signal,
    );
  }

  status(): Promise<EngineStatus> {
    return Promise.resolve({
      running: this.child !== undefined,
      pid: this.child?.pid ?? null,
      loaded: this.loaded,
      restarts: this.restarts,
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined;
    this.ready = undefined;
    await new Promise<void>((resolve) => {
      child.onExit(() => resolve());
      this.kill(child);
    });
  }
}

function fromPayload(payload: ErrorPayload): AppError {
  return new AppError(payload.code, payload.message, payload.details ?? {});
}

/** What an unexpected exit most likely means, in words a user can act on. */
function exitHint(code: number | null, signal: string | null): string {
  if (signal === 'SIGKILL' || code === 137)
    return ' The system killed it, most often because memory ran out: try a smaller quantisation, a smaller context or fewer parallel slots, or close other programs.';
  if (signal === 'SIGABRT' || code === 134)
    return ' llama.cpp stopped on a failed internal check, often a model or projector it does not support.';
  if (signal === 'SIGSEGV' || signal === 'SIGBUS' || code === 139) return ' It crashed in native code.';
  return '';
}
