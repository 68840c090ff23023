import { z } from 'zod';

import { method } from './define';

export interface BackendInfo {
  id: string;
  label: string;
  available: boolean;
  /** Why it is unavailable, or a caveat such as the missing AVX code in a prebuilt. */
  note?: string;
}

export interface GpuInfo {
  name: string;
  vendor: string;
  memoryMiB?: number;
  source: string;
}

export interface DoctorReport {
  app: { name: string; version: string };
  versions: Record<string, string>;
  platform: { os: string; arch: string; release: string; cpuModel: string; cores: number; memoryGiB: number };
  paths: { home: string; database: string; models: string };
  cpuFeatures: string[];
  gpus: GpuInfo[];
  backends: BackendInfo[];
  /** The backend to use here and why (engine.backends has the details). */
  recommendation?: { id: string; reason: string };
  /** Plain-language warnings about the backends, e.g. the slow Linux CPU binding without a native build. */
  backendWarnings?: string[];
  models: { path: string; sizeBytes: number }[];
  database: { path: string; migrations: string[]; sizeBytes: number };
}

export const system = {
  doctor: method(
    z.object({}).strict(),
    'Versions, folders, models, inference backends, CPU features and GPUs',
  ).returns<DoctorReport>(),
  ping: method(z.object({}).strict(), 'Liveness check').returns<{ ok: true; time: string }>(),
};
