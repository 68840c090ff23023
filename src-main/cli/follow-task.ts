import type { TaskProgress } from '../contract/events';
import type { CliContext } from './command';
import { formatDuration } from './progress-line';

function amount(value: number, unit: string): string {
  if (unit !== 'bytes') return `${value}`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(0)} KiB`;
  if (value < 1024 ** 3) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  return `${(value / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatTaskProgress(progress: TaskProgress): string {
  const total = progress.total === null ? '' : ` of ${amount(progress.total, progress.unit)}`;
  const rate = progress.ratePerSecond === null ? '—' : `${amount(progress.ratePerSecond, progress.unit)}/s`;
  const unit = progress.unit === 'bytes' ? '' : ` ${progress.unit}`;
  return `${amount(progress.done, progress.unit)}${total}${unit} · ${rate} · ETA ${formatDuration(progress.etaSeconds)}`;
}

/**
 * Shows a task's progress on stderr (one updating line on a terminal, a line every 5 s otherwise) until
 * `wait` settles; Ctrl-C calls `cancel` once. Returns what `wait` returns.
 */
export async function followTask<T>(
  ctx: CliContext,
  taskId: string,
  wait: () => Promise<T>,
  cancel: () => Promise<unknown>,
): Promise<T> {
  const api = await ctx.api();
  const interactive = process.stderr.isTTY && !ctx.json;
  let lastPrinted = 0;
  const unsubscribe = api.services.events.subscribe((event, payload) => {
    if (event !== 'task.progress' || ctx.json) return;
    const progress = payload as TaskProgress;
    if (progress.taskId !== taskId || progress.state !== 'running') return;
    const now = Date.now();
    if (interactive) process.stderr.write(`\r${formatTaskProgress(progress)}   `);
    else if (now - lastPrinted > 5000) {
      lastPrinted = now;
      ctx.io.err(formatTaskProgress(progress));
    }
  });
  const onInterrupt = () => {
    ctx.io.err('\nCancelling…');
    void cancel().catch(() => undefined);
  };
  ctx.interrupted.addEventListener('abort', onInterrupt, { once: true });
  try {
    return await wait();
  } finally {
    ctx.interrupted.removeEventListener('abort', onInterrupt);
    unsubscribe();
    if (interactive) process.stderr.write('\n');
  }
}
