import { z } from 'zod';

import { method } from './define';
import type { BackendInfo } from './system';

export interface NativeBuildView {
  dir: string;
  binaryPath: string;
  source: string;
  llamaCppVersion: string;
  commit: string;
  options: { cuda: boolean; vulkan: boolean; metal: boolean; native: boolean };
  cpuFeatures: string[];
  builtAt: string;
  durationsMs: { fetch: number; configure: number; build: number; total: number };
  binarySha256: string;
  /** Made for this machine (platform and CPU features match). */
  usable: boolean;
}

export interface RemoteEndpointView {
  id: string;
  kind: 'llama-server' | 'openai';
  url: string;
  /** Keys are stored, never shown again. */
  hasApiKey: boolean;
  model: string | null;
}

export interface EngineSettingsView {
  /** The backend id the user chose, or null to let Value Atlas recommend one. */
  preferred: string | null;
  /** An existing llama-server binary to use instead of a native build. */
  serverBinary: string | null;
  /** Parallel server slots (1 on CPU; 4–16 on a GPU). */
  slots: number;
  remotes: RemoteEndpointView[];
}

export interface BackendsReport {
  backends: BackendInfo[];
  nativeBuilds: NativeBuildView[];
  settings: EngineSettingsView;
  recommendation: { id: string; reason: string };
  /** Plain-language warnings, e.g. how much slower the Linux CPU binding is without a native build. */
  warnings: string[];
}

const backendId = z
  .string()
  .regex(/^(llama-node:(default|vulkan|cuda)|llama-server:(native|custom)|remote:[\w.-]+)$/);

export const engine = {
  backends: method(
    z.object({}).strict(),
    'Inference backends found here (binding variants, native llama-server builds, remote servers) and the recommended one',
  ).returns<BackendsReport>(),
  build: method(
    z
      .object({
        cuda: z.boolean().default(false),
        vulkan: z.boolean().default(false),
        metal: z.boolean().default(false),
        jobs: z.number().int().min(1).max(256).optional(),
        force: z.boolean().default(false),
      })
      .strict(),
    'Build llama.cpp’s llama-server for this machine into the cache (downloads node-llama-cpp’s llama.cpp source with npm pack; minutes)',
  ).returns<{ build: NativeBuildView; reused: boolean }>(),
  settings: method(
    z.object({}).strict(),
    'The engine settings (API keys are never returned)',
  ).returns<EngineSettingsView>(),
  setServerBinary: method(
    z.object({ path: z.string().min(1).nullable() }).strict(),
    'Use an existing llama-server binary (checked with --version); null forgets it',
  ).returns<EngineSettingsView>(),
  setPreferred: method(
    z.object({ backend: backendId.nullable(), slots: z.number().int().min(1).max(64).optional() }).strict(),
    'Choose the backend (null: use the recommended one) and the number of server slots',
  ).returns<EngineSettingsView>(),
  addRemote: method(
    z
      .object({
        id: z.string().regex(/^[\w.-]{1,40}$/),
        kind: z.enum(['llama-server', 'openai']),
        url: z.url({ protocol: /^https?$/ }),
        apiKey: z.string().min(1).max(500).optional(),
        model: z.string().min(1).max(200).optional(),
      })
      .strict(),
    'Add (or replace) a remote llama.cpp server or OpenAI-compatible server',
  ).returns<EngineSettingsView>(),
  removeRemote: method(
    z.object({ id: z.string().min(1) }).strict(),
    'Forget a remote server',
  ).returns<EngineSettingsView>(),
};
