/** Binary units, as the existing model table and most disk tools show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 2 ** 30) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

export function formatRate(bytesPerSecond: number | null): string | null {
  return bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0
    ? null
    : `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/**
 * The folder part of a path the main side gave us. The renderer has no `path` module, and the path may use
 * either separator depending on the machine the app runs on.
 */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? path : path.slice(0, cut);
}

export function fileNameOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1);
}
