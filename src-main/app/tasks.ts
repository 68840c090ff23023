import { randomUUID } from 'node:crypto';

import { AppError, toErrorPayload } from '../domain/errors';
import type { TaskProgress } from '../contract/events';
import type { EventBus } from './events';

export interface TaskReporter {
  /** Report absolute progress; rate and ETA are derived here so every task reports them the same way. */
  progress(done: number, total?: number | null, message?: string): void;
  readonly signal: AbortSignal;
}

interface RunningTask {
  state: TaskProgress;
  controller: AbortController;
  startedAt: number;
  promise: Promise<unknown>;
}

/** Long operations (imports, downloads, model hashing) run as tasks that push `task.progress` events. */
export class TaskManager {
  private readonly tasks = new Map<string, RunningTask>();

  constructor(private readonly events: EventBus) {}

  start<T>(
    kind: string,
    label: string,
    unit: string,
    work: (reporter: TaskReporter) => Promise<T>,
  ): { taskId: string; result: Promise<T> } {
    const taskId = randomUUID();
    const controller = new AbortController();
    const startedAt = Date.now();
    const state: TaskProgress = {
      taskId,
      kind,
      label,
      state: 'running',
      done: 0,
      total: null,
      unit,
      ratePerSecond: null,
      etaSeconds: null,
    };
    let lastEmit = 0;
    const emit = (force: boolean) => {
      const now = Date.now();
      // Throttle to ~10 events a second; the final state is always sent.
      if (!force && now - lastEmit < 100) return;
      lastEmit = now;
      this.events.emit('task.progress', { ...state });
    };
    const reporter: TaskReporter = {
      signal: controller.signal,
      progress: (done, total, message) => {
        state.done = done;
        if (total !== undefined) state.total = total;
        if (message !== undefined) state.message = message;
        const elapsed = (Date.now() - startedAt) / 1000;
        state.ratePerSecond = elapsed > 0.2 ? done / elapsed : null;
        state.etaSeconds =
          state.total !== null && state.ratePerSecond !== null && state.ratePerSecond > 0
            ? Math.max(0, (state.total - done) / state.ratePerSecond)
            : null;
        emit(false);
      },
    };
    const result = (async () => {
      try {
        const value = await work(reporter);
        state.state = 'done';
        state.etaSeconds = 0;
        return value;
      } catch (error) {
        state.state = controller.signal.aborted ? 'cancelled' : 'failed';
        const payload = toErrorPayload(error);
        state.error = { code: payload.code, message: payload.message };
        throw error;
      } finally {
        emit(true);
      }
    })();
    // Callers may ignore the result; failures are already reported through the event.
    result.catch(() => undefined);
    this.tasks.set(taskId, { state, controller, startedAt, promise: result });
    emit(true);
    return { taskId, result };
  }

  list(): TaskProgress[] {
    return [...this.tasks.values()].map((task) => ({ ...task.state }));
  }

  cancel(taskId: string): void {
    const task = this.tasks.get(taskId);
    if (task === undefined) throw new AppError('not_found', `No task '${taskId}'.`);
    task.controller.abort();
  }

  /** Waits for every running task; used on shutdown and by tests. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.tasks.values()].map((task) => task.promise));
  }
}
