import { z } from 'zod';

import type { ModelEntry } from '../domain/models';
import { method } from './define';

export type ModelSummary = ModelEntry;

export interface ModelList {
  folders: string[];
  models: ModelSummary[];
  /** GGUF files that could not be read, with the reason. */
  broken: { path: string; problem: string }[];
}

export interface EngineStatusView {
  running: boolean;
  pid: number | null;
  loadedModel: string | null;
  backend: string | null;
  llamaCppBuild: string | null;
  restarts: number;
}

export const models = {
  list: method(
    z.object({}).strict(),
    'Models found in the model folders, paired with their projectors, with a fit check',
  ).returns<ModelList>(),
  createDemo: method(
    z.object({ big: z.boolean().default(false) }).strict(),
    'Write the demo model pair (random weights: the pipeline is real, the scores mean nothing) into the models folder',
  ).returns<ModelSummary>(),
  addFolder: method(
    z.object({ path: z.string().min(1) }).strict(),
    'Add a folder to search for models',
  ).returns<{ folders: string[] }>(),
  pair: method(
    z.object({ modelPath: z.string().min(1), mmprojPath: z.string().min(1) }).strict(),
    'Pair a text model with a projector by hand (checked for compatibility)',
  ).returns<ModelSummary>(),
  engineStatus: method(
    z.object({}).strict(),
    'Whether the engine process runs, and which model and backend it has',
  ).returns<EngineStatusView>(),
};
