import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

/** The record a finished build leaves beside its binary, `build.json`. */
export const nativeBuildInfoSchema = z.object({
  schema: z.literal(1),
  source: z.string(),
  llamaCppVersion: z.string(),
  llamaCppTag: z.string().nullable(),
  commit: z.string(),
  options: z.object({ cuda: z.boolean(), vulkan: z.boolean(), metal: z.boolean(), native: z.boolean() }),
  optionsHash: z.string(),
  cpuFeatures: z.array(z.string()),
  platform: z.string(),
  arch: z.string(),
  generator: z.string(),
  jobs: z.number(),
  builtAt: z.string(),
  durationsMs: z.object({ fetch: z.number(), configure: z.number(), build: z.number(), total: z.number() }),
  /** File name of the server binary inside the build's folder. */
  binary: z.string(),
  binarySha256: z.string(),
  /** What `llama-server --version` printed. */
  versionOutput: z.string(),
});

export type NativeBuildInfo = z.infer<typeof nativeBuildInfoSchema>;

export interface InstalledBuild extends NativeBuildInfo {
  dir: string;
  binaryPath: string;
}

/** `<app-data>/cache/llama-server`: sources, work folders and one folder per finished build. */
export function nativeBuildRoot(cacheDir: string): string {
  return join(cacheDir, 'llama-server');
}

/** Builds whose `build.json` is valid and whose binary is still there, newest first. */
export async function listNativeBuilds(cacheDir: string): Promise<InstalledBuild[]> {
  const root = nativeBuildRoot(cacheDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const builds: InstalledBuild[] = [];
  for (const name of names) {
    const dir = join(root, name);
    try {
      const parsed = nativeBuildInfoSchema.safeParse(
        JSON.parse(await readFile(join(dir, 'build.json'), 'utf8')),
      );
      if (!parsed.success) continue;
      const binaryPath = join(dir, parsed.data.binary);
      if (existsSync(binaryPath)) builds.push({ ...parsed.data, dir, binaryPath });
    } catch {
      // Not a build folder (sources, work folders) or an interrupted one.
    }
  }
  return builds.sort((a, b) => b.builtAt.localeCompare(a.builtAt));
}

/**
 * The build to use on this machine: one made for this platform and these CPU features (GGML_NATIVE code
 * may not run elsewhere), a GPU build first when `preferGpu`.
 */
export async function findNativeBuild(
  cacheDir: string,
  cpuFeatures: readonly string[],
  preferGpu = false,
): Promise<InstalledBuild | undefined> {
  const wanted = [...cpuFeatures].sort().join(' ');
  const usable = (await listNativeBuilds(cacheDir)).filter(
    (build) =>
      build.platform === process.platform &&
      build.arch === process.arch &&
      [...build.cpuFeatures].sort().join(' ') === wanted,
  );
  const gpu = (build: InstalledBuild) => build.options.cuda || build.options.vulkan || build.options.metal;
  return (preferGpu ? usable.find(gpu) : undefined) ?? usable.find((build) => !gpu(build)) ?? usable[0];
}
