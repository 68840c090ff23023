import type { ErrorPayload } from '../../domain/errors';
import type { GenerateRequest, LoadSpec, ScoreBatchRequest } from '../engine';

/** Messages from the caller to the engine host. */
export type HostRequest =
  | { id: number; type: 'load'; spec: LoadSpec }
  | { id: number; type: 'unload' }
  | { id: number; type: 'score'; request: ScoreBatchRequest }
  | { id: number; type: 'generate'; request: GenerateRequest }
  | { id: number; type: 'cancel'; target: number }
  | { id: number; type: 'ping' };

/** Messages from the engine host: a final result or error per request, and partial results on the way. */
export type HostReply =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'partial'; value: unknown }
  | { id: number; type: 'error'; error: ErrorPayload }
  | { id: 0; type: 'ready'; pid: number };
