import { AppError } from '../domain/errors';

/**
 * Results of tasks started by one handler, kept for this process so a caller (the CLI, a page that reloads)
 * can wait for a task it started earlier instead of holding one long request open.
 */
export class TaskResults<T> {
  private readonly results = new Map<string, Promise<T>>();

  add(taskId: string, result: Promise<T>): void {
    result.catch(() => undefined); // Failures reach the caller of wait() and the task.progress event.
    this.results.set(taskId, result);
  }

  /** Throws unless the task was started through this handler in this session. */
  check(taskId: string): void {
    if (!this.results.has(taskId))
      throw new AppError('not_found', `No task '${taskId}' of this kind in this session.`);
  }

  wait(taskId: string): Promise<T> {
    const result = this.results.get(taskId);
    if (result === undefined)
      throw new AppError('not_found', `No task '${taskId}' of this kind in this session.`);
    return result;
  }
}
