import { rename } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../domain/errors';
import { EngineClient, type EngineProcessSpawner } from '../engine/client';
import type { LoadSpec } from '../engine/engine';
import { scanModels, type ModelEntry } from '../engine/registry';
import { buildLlava7bShapedPair } from '../engine/test-models/llava-7b-shaped';
import { buildTinyLlavaPair } from '../engine/test-models/tiny-llava';
import type { AppPaths } from '../platform/app-paths';
import type { Database } from '../storage/database';
import { FileHashCache } from '../storage/file-hash-cache';

export const DEMO_MODEL_ID = 'value-atlas-demo';

/** Models on disk and the one engine process that runs them. */
export class ModelsService {
  readonly hashes: FileHashCache;
  private client: EngineClient | undefined;

  constructor(
    db: Database,
    private readonly paths: AppPaths,
    private readonly extraFolders: readonly string[],
    private readonly spawn?: EngineProcessSpawner,
  ) {
    this.hashes = new FileHashCache(db);
  }

  get folders(): string[] {
    return [this.paths.models, ...this.extraFolders];
  }

  scan() {
    return scanModels(this.folders);
  }

  async find(id: string): Promise<ModelEntry> {
    const { models, broken } = await this.scan();
    const model = models.find((entry) => entry.id === id);
    if (model !== undefined) return model;
    const unreadable = broken.find((entry) => entry.path.toLowerCase().includes(id.toLowerCase()));
    if (unreadable !== undefined)
      throw new AppError('bad_file', `Model '${id}' cannot be read: ${unreadable.problem}`, {
        file: unreadable.path,
      });
    const known = models.map((entry) => entry.id).join(', ') || 'none';
    throw new AppError(
      'not_found',
      `No model '${id}' in ${this.folders.join(', ')}. Models found: ${known}.`,
    );
  }

  engine(): EngineClient {
    this.client ??= new EngineClient(this.spawn !== undefined ? { spawn: this.spawn } : {});
    return this.client;
  }

  /** Loads a model into the engine unless it is already there. */
  async ensureLoaded(model: ModelEntry, settings: Omit<LoadSpec, 'modelPath' | 'mmprojPath'>): Promise<void> {
    const engine = this.engine();
    const status = await engine.status();
    if (status.loaded?.modelPath === model.modelPath) return;
    await engine.load({
      ...settings,
      modelPath: model.modelPath,
      ...(model.mmprojPath !== null ? { mmprojPath: model.mmprojPath } : {}),
    });
  }

  /** The demo pair: a tiny random-weight LLaVA-style model (or, with `big`, one with LLaVA-1.5-7B shapes for timing). */
  async createDemo(big: boolean): Promise<ModelEntry> {
    const dir = this.paths.models;
    const id = big ? `${DEMO_MODEL_ID}-7b-shaped` : DEMO_MODEL_ID;
    const pair = big
      ? await buildLlava7bShapedPair({ dir, name: 'value-atlas-demo-7b-shaped' })
      : await buildTinyLlavaPair({ dir, name: 'value-atlas-demo', imageSize: 64, patchSize: 8 });
    await rename(pair.modelPath, join(dir, `${id}.gguf`));
    await rename(pair.mmprojPath, join(dir, `${id}-mmproj.gguf`));
    return this.find(id);
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
