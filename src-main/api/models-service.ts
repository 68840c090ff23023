import { realpath, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../domain/errors';
import { EngineClient, type EngineProcessSpawner } from '../engine/client';
import type { LoadSpec } from '../engine/engine';
import { readGgufModelInfo } from '../engine/gguf/model-info';
import { assertCompatiblePair } from '../engine/gguf/pair-check';
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
    private readonly db: Database,
    private readonly paths: AppPaths,
    private readonly extraFolders: readonly string[],
    private readonly spawn?: EngineProcessSpawner,
  ) {
    this.hashes = new FileHashCache(db);
  }

  /** The app's models folder, the repository's in development, and the folders the user added. */
  async folders(): Promise<string[]> {
    const added = await this.db.all<{ path: string }>(
      "SELECT path FROM allowed_folders WHERE purpose = 'models' ORDER BY added_at",
    );
    return [...new Set([this.paths.models, ...this.extraFolders, ...added.map((row) => row.path)])];
  }

  async addFolder(path: string): Promise<string[]> {
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isDirectory())
      throw new AppError('not_found', `Folder '${path}' does not exist.`, { file: path });
    await this.db.run("INSERT OR IGNORE INTO allowed_folders (path, purpose) VALUES (?, 'models')", [
      await realpath(path),
    ]);
    return this.folders();
  }

  async pair(modelPath: string, mmprojPath: string): Promise<ModelEntry> {
    const { models } = await this.scan();
    const model = models.find((entry) => entry.modelPath === modelPath);
    if (model === undefined)
      throw new AppError('not_found', `'${modelPath}' is not a text model in the model folders.`, {
        file: modelPath,
      });
    const projector = await readGgufModelInfo(mmprojPath);
    if (projector.role !== 'mmproj')
      throw new AppError('bad_file', `'${mmprojPath}' is not a projector (mmproj) file.`, {
        file: mmprojPath,
      });
    assertCompatiblePair(await readGgufModelInfo(modelPath), projector);
    await this.db.run('INSERT OR REPLACE INTO model_pairs (model_path, mmproj_path) VALUES (?, ?)', [
      modelPath,
      mmprojPath,
    ]);
    return this.find(model.id);
  }

  async scan() {
    const pairs = await this.db.all<{ model_path: string; mmproj_path: string }>(
      'SELECT model_path, mmproj_path FROM model_pairs',
    );
    return scanModels(
      await this.folders(),
      4096,
      new Map(pairs.map((row) => [row.model_path, row.mmproj_path])),
    );
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
      `No model '${id}' in ${(await this.folders()).join(', ')}. Models found: ${known}.`,
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
