import type { PromptCondition } from './alignment/conditions';

/** Lifecycle of a run as stored. */
export type RunState = 'planned' | 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';

export interface RunCounts {
  total: number;
  done: number;
  errors: number;
  pending: number;
  fromCache: number;
}

export interface RunSummary {
  id: number;
  kind: string;
  name: string;
  /** 'interrupted': stored as running, but its process stopped (crash, kill, reboot); resume continues it. */
  state: RunState | 'interrupted';
  totalItems: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface PlanWarning {
  country: string;
  condition: PromptCondition | null;
  message: string;
}

/** What the run monitor shows: counts, speed, ETA and the item being scored. */
export interface RunProgress {
  runId: number;
  state: RunState;
  total: number;
  done: number;
  errors: number;
  fromCache: number;
  /** Items per second in this session (cache hits excluded, they are free). */
  ratePerSecond: number | null;
  etaSeconds: number | null;
  current?: {
    itemKey: string;
    questionId: string;
    country: string;
    condition: string;
    imageId: number | null;
    /** The latest result, in original option order. */
    probabilities?: number[];
    coverage?: number;
  };
  message?: string;
}
