/** `a, b,c` → ['a', 'b', 'c']; undefined for a missing or empty option. */
export function listOption(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return parts.length > 0 ? parts : undefined;
}

/** A numeric option, or undefined when absent; anything else is refused with the option's name. */
export function numberOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(parsed))
    throw new Error(`--${name} must be a number, not '${JSON.stringify(value)}'.`);
  return parsed;
}

/** The engine options every run command takes (one backend per run). */
export const ENGINE_OPTIONS = {
  backend: { type: 'string' },
  remote: { type: 'string' },
  threads: { type: 'string' },
  'gpu-layers': { type: 'string' },
} as const;

export const ENGINE_USAGE =
  '[--backend default|vulkan|cuda|server] [--remote ID[,ID2…]] [--threads N] [--gpu-layers N]';

/**
 * The run's engine settings from the options, or undefined when none was given. `--remote a,b` runs on
 * remote endpoints (engine config ids): the first one, and for survey runs the others as shards.
 */
export function engineOption(
  values: Record<string, unknown>,
): { backend: string; remote?: string; shards?: string[]; threads?: number; gpuLayers?: number } | undefined {
  const remotes = listOption(values.remote);
  const threads = numberOption(values.threads, 'threads');
  const gpuLayers = numberOption(values['gpu-layers'], 'gpu-layers');
  if (remotes !== undefined && values.backend !== undefined && values.backend !== 'remote')
    throw new Error(
      `--remote runs on remote endpoints; it cannot be combined with --backend ${JSON.stringify(values.backend)}.`,
    );
  const backend =
    remotes !== undefined ? 'remote' : typeof values.backend === 'string' ? values.backend : undefined;
  if (backend === undefined && threads === undefined && gpuLayers === undefined) return undefined;
  const [remote, ...shards] = remotes ?? [];
  return {
    backend: backend ?? 'default',
    ...(remote !== undefined ? { remote } : {}),
    ...(shards.length > 0 ? { shards } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(gpuLayers !== undefined ? { gpuLayers } : {}),
  };
}
