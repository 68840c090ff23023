import type { RunProgress } from '../domain/runs';

/** Events pushed from the main side to every subscriber (renderer windows, browser-mode sockets, the CLI). */
export interface TaskProgress {
  taskId: string;
  kind: string;
  label: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  /** Units of `done`/`total`, e.g. 'bytes', 'rows', 'items'. */
  unit: string;
  ratePerSecond: number | null;
  etaSeconds: number | null;
  message?: string;
  error?: { code: string; message: string };
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  source: string;
  message: string;
  time: string;
}

export interface ApiEvents {
  'task.progress': TaskProgress;
  'run.progress': RunProgress;
  log: LogEntry;
}

export type ApiEventName = keyof ApiEvents;
export type { RunProgress };
