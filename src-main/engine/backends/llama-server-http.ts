import { AppError } from '../../domain/errors';
import { formatSeconds } from '../format-seconds';

/** Where a llama.cpp (or OpenAI-compatible) server listens, and the key it wants. */
export interface HttpTarget {
  /** e.g. http://127.0.0.1:43121 or https://gpu-box.example:8080/api (no trailing slash needed). */
  baseUrl: string;
  apiKey?: string;
}

export interface HttpCallOptions {
  /** What the request is for, in words, for error messages ("scoring item q12"). */
  description: string;
  /** No byte from the server for this long: the request is abandoned as hung. */
  watchdogMs: number;
  signal?: AbortSignal;
}

/** Why a request did not produce an answer; the backend turns these into the user-facing AppError. */
export type HttpFailure = 'hung' | 'connection' | 'cancelled';

export class HttpCallError extends Error {
  constructor(
    readonly failure: HttpFailure,
    message: string,
  ) {
    super(message);
    this.name = 'HttpCallError';
  }
}

function url(target: HttpTarget, path: string): string {
  return `${target.baseUrl.replace(/\/+$/, '')}${path}`;
}

function headers(target: HttpTarget, body: boolean): Record<string, string> {
  return {
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...(target.apiKey !== undefined && target.apiKey !== ''
      ? { Authorization: `Bearer ${target.apiKey}` }
      : {}),
  };
}

/** The server's own error text (llama.cpp: `{ error: { message } }`), cut short; never our request body. */
function serverMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON
  }
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

function statusError(status: number, text: string, path: string, options: HttpCallOptions): AppError {
  const reason = serverMessage(text);
  if (status === 401 || status === 403)
    return new AppError(
      'engine_failed',
      `The server refused the API key while ${options.description} (${path}, HTTP ${status}).`,
    );
  if (status === 503)
    return new AppError(
      'unavailable',
      `The server is not ready (still loading?) while ${options.description}: ${reason}`,
    );
  if (status === 404)
    return new AppError(
      'unsupported',
      `The server has no ${path} endpoint (HTTP 404) — is it a llama.cpp server?`,
    );
  return new AppError(
    'engine_failed',
    `The server answered HTTP ${status} while ${options.description} (${path}): ${reason}`,
  );
}

/**
 * One HTTP exchange with a watchdog that restarts on every received chunk, so a long but progressing
 * stream is fine and a silent server is not. Calls `onChunk` with the raw text as it arrives.
 */
async function exchange(
  target: HttpTarget,
  path: string,
  body: unknown,
  options: HttpCallOptions,
  onChunk?: (text: string) => void,
): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  let hung = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      hung = true;
      controller.abort();
    }, options.watchdogMs);
  };
  const onAbort = () => controller.abort();
  if (options.signal?.aborted === true)
    throw new HttpCallError('cancelled', `Cancelled before ${options.description}.`);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  try {
    const response = await fetch(url(target, path), {
      method: body === undefined ? 'GET' : 'POST',
      headers: headers(target, body !== undefined),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: controller.signal,
    });
    arm();
    let text = '';
    if (response.body !== null) {
      const decoder = new TextDecoder();
      for await (const chunk of response.body) {
        arm();
        const piece = decoder.decode(chunk as Uint8Array, { stream: true });
        text += piece;
        if (response.ok) onChunk?.(piece);
      }
    }
    return { status: response.status, text };
  } catch (error) {
    if (hung)
      throw new HttpCallError(
        'hung',
        `The server sent nothing for ${formatSeconds(options.watchdogMs)} while ${options.description}.`,
      );
    if (options.signal?.aborted)
      throw new HttpCallError('cancelled', `Cancelled while ${options.description}.`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new HttpCallError(
      'connection',
      `The connection to the server failed while ${options.description} (${why}).`,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** GET (no body) or POST a JSON request and return the parsed JSON answer; any non-2xx is an AppError. */
export async function callJson(
  target: HttpTarget,
  path: string,
  body: unknown,
  options: HttpCallOptions,
): Promise<unknown> {
  const { status, text } = await exchange(target, path, body, options);
  if (status < 200 || status >= 300) throw statusError(status, text, path, options);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(
      'engine_failed',
      `The server's answer to ${path} while ${options.description} is not JSON.`,
    );
  }
}

/** POSTs a streaming request and hands each server-sent event's `data:` payload (parsed JSON) to `onEvent`. */
export async function callStream(
  target: HttpTarget,
  path: string,
  body: unknown,
  options: HttpCallOptions,
  onEvent: (data: unknown) => void,
): Promise<void> {
  let buffer = '';
  let failure: Error | undefined;
  let events = 0;
  const feed = (piece: string) => {
    buffer += piece;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      for (const line of block.split(/\r?\n/)) {
        if (!line.startsWith('data:')) continue; // comments (": ping") and other fields
        const payload = line.slice(5).trim();
        if (payload === '') continue;
        events += 1;
        if (payload === '[DONE]') continue;
        try {
          onEvent(JSON.parse(payload) as unknown);
        } catch (error) {
          failure ??=
            error instanceof AppError
              ? error
              : new AppError(
                  'engine_failed',
                  `The server streamed something that is not JSON while ${options.description}.`,
                );
        }
      }
    }
  };
  const { status, text } = await exchange(target, path, body, options, feed);
  if (status < 200 || status >= 300) throw statusError(status, text, path, options);
  if (buffer.trim() !== '') feed('\n\n');
  if (failure !== undefined) throw failure;
  if (events === 0)
    throw new AppError(
      'engine_failed',
      `The server's answer to ${path} while ${options.description} is not a stream of server-sent events.`,
    );
}

/** GET /health: true when the server answers 200 (it says 503 while the model loads). */
export async function isHealthy(target: HttpTarget, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(url(target, '/health'), {
      headers: headers(target, false),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
