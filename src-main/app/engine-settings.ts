import { existsSync } from 'node:fs';

import { z } from 'zod';

import { AppError } from '../domain/errors';
import { describeBindingBackends } from '../engine/backends';
import {
  describeServerBackends,
  recommendBackend,
  LINUX_CPU_SLOWDOWN,
  BUILD_ADVICE,
} from '../engine/native/describe';
import { findNativeBuild, listNativeBuilds, type InstalledBuild } from '../engine/native/installed';
import { detectCpuFeatures, detectGpus } from '../platform/system-info';
import type { Database } from '../storage/database';
import type { BackendsReport, EngineSettingsView, NativeBuildView } from '../contract/engine';

const SETTINGS_KEY = 'engine.backends';

const remoteSchema = z.object({
  id: z.string(),
  kind: z.enum(['llama-server', 'openai']),
  url: z.string(),
  apiKey: z.string().optional(),
  model: z.string().optional(),
});

const settingsSchema = z.object({
  preferred: z.string().nullable().default(null),
  serverBinary: z.string().nullable().default(null),
  slots: z.number().int().min(1).max(64).default(1),
  remotes: z.array(remoteSchema).default([]),
});

export type EngineSettings = z.infer<typeof settingsSchema>;
export type RemoteEndpoint = z.infer<typeof remoteSchema>;

/** Engine settings live in the `settings` table; a damaged value falls back to the defaults. */
export async function readEngineSettings(db: Database): Promise<EngineSettings> {
  const row = await db.get<{ value_json: string }>('SELECT value_json FROM settings WHERE key = ?', [
    SETTINGS_KEY,
  ]);
  if (row === undefined) return settingsSchema.parse({});
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(row.value_json));
    return parsed.success ? parsed.data : settingsSchema.parse({});
  } catch {
    return settingsSchema.parse({});
  }
}

export async function writeEngineSettings(db: Database, settings: EngineSettings): Promise<void> {
  await db.run(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
     ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    [SETTINGS_KEY, JSON.stringify(settings)],
  );
}

/** What the API shows: everything but the keys. */
export function settingsView(settings: EngineSettings): EngineSettingsView {
  return {
    preferred: settings.preferred,
    serverBinary: settings.serverBinary,
    slots: settings.slots,
    remotes: settings.remotes.map((remote) => ({
      id: remote.id,
      kind: remote.kind,
      url: remote.url,
      hasApiKey: remote.apiKey !== undefined,
      model: remote.model ?? null,
    })),
  };
}

export function buildView(build: InstalledBuild, usable: InstalledBuild | undefined): NativeBuildView {
  return {
    dir: build.dir,
    binaryPath: build.binaryPath,
    source: build.source,
    llamaCppVersion: build.llamaCppVersion,
    commit: build.commit,
    options: build.options,
    cpuFeatures: build.cpuFeatures,
    builtAt: build.builtAt,
    durationsMs: build.durationsMs,
    binarySha256: build.binarySha256,
    usable: usable?.dir === build.dir,
  };
}

/** Every backend found here, the recommended one, and plain warnings (for `doctor` and `engine status`). */
export async function engineBackendsReport(db: Database, cacheDir: string): Promise<BackendsReport> {
  const [settings, cpuFeatures, gpus, builds] = await Promise.all([
    readEngineSettings(db),
    detectCpuFeatures(),
    detectGpus(),
    listNativeBuilds(cacheDir),
  ]);
  const nvidiaGpu = gpus.some((gpu) => gpu.vendor === 'NVIDIA');
  const usable = await findNativeBuild(cacheDir, cpuFeatures, nvidiaGpu);
  const backends = [
    ...describeBindingBackends(),
    ...describeServerBackends({
      builds,
      usable,
      customBinary: settings.serverBinary,
      customBinaryExists: settings.serverBinary !== null && existsSync(settings.serverBinary),
      remotes: settings.remotes,
    }),
  ];
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  const recommendation = recommendBackend(backends, { preferred: settings.preferred, nvidiaGpu, linuxX64 });
  const warnings: string[] = [];
  if (linuxX64 && usable === undefined && !nvidiaGpu && recommendation.id.startsWith('llama-node'))
    warnings.push(`${LINUX_CPU_SLOWDOWN} ${BUILD_ADVICE}`);
  if (settings.preferred !== null && recommendation.id !== settings.preferred)
    warnings.push(
      `The chosen backend '${settings.preferred}' is not available here; using ${recommendation.id}.`,
    );
  return {
    backends,
    nativeBuilds: builds.map((build) => buildView(build, usable)),
    settings: settingsView(settings),
    recommendation,
    warnings,
  };
}

export function findRemote(settings: EngineSettings, id: string): RemoteEndpoint {
  const remote = settings.remotes.find((entry) => entry.id === id);
  if (remote === undefined)
    throw new AppError('not_found', `No remote server '${id}'. Add it with engine.addRemote.`);
  return remote;
}
