import type { RunProgress } from '../domain/runs';

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** One status line: counts, rate, ETA. */
export function formatRunProgress(progress: RunProgress): string {
  const percent =
    progress.total > 0 ? ((100 * (progress.done + progress.errors)) / progress.total).toFixed(1) : '0.0';
  const rate = progress.ratePerSecond === null ? '—' : `${progress.ratePerSecond.toFixed(2)} items/s`;
  const parts = [
    `${progress.done}/${progress.total} done (${percent}%)`,
    rate,
    `ETA ${formatDuration(progress.etaSeconds)}`,
  ];
  if (progress.errors > 0) parts.push(`${progress.errors} errors`);
  if (progress.fromCache > 0) parts.push(`${progress.fromCache} from cache`);
  return parts.join(' · ');
}
