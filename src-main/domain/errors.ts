/** Machine-readable error kinds. Every door (IPC, HTTP, CLI) shows the message and keeps the code. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'bad_file'
  | 'forbidden_path'
  | 'unsupported'
  | 'engine_failed'
  | 'engine_crashed'
  | 'cancelled'
  | 'conflict'
  | 'unavailable'
  | 'network'
  | 'internal';

export interface ErrorDetails {
  /** The file the problem is about, so the user can find it. */
  file?: string;
  line?: number;
  [key: string]: unknown;
}

/**
 * An error meant for the user: the message names the file and the problem in plain words.
 * Messages must never contain secrets (tokens) or file contents.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The serialisable form that crosses process and network boundaries. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (isAppError(error)) return { code: error.code, message: error.message, details: error.details };
  // Unknown errors keep their message (it comes from our own code or a library), never a stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
