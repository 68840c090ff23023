import { realpath, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../domain/errors';
import { EngineClient, type EngineProcessSpawner } from '../engine/client';
import { LlamaServerBackend, type ServerTarget } from '../engine/backends/llama-server';
import { OpenAiChatBackend } from '../engine/backends/llama-server-openai';
import type { InferenceEngine, LoadSpec } from '../engine/engine';
import { findNativeBuild } from '../engine/native/installed';
import { prepareImage } from '../engine/prepare-image';
import { detectCpuFeatures } from '../platform/system-info';
import { engineLanes, type EngineSettings } from '../domain/alignment/experiment';
import { readEngineSettings } from './engine-settings';
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
  private readonly servers = new Map<string, { engine: InferenceEngine; identity: string }>();

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

  /**
   * The engine a run's settings name: the binding's engine process (default, vulkan, cuda), this machine's
   * native llama-server build ('server'), or a llama.cpp server the user runs elsewhere ('remote'). Servers
   * are started once and kept for the session.
   */
  async engineFor(settings: EngineSettings): Promise<InferenceEngine> {
    if (settings.backend !== 'server' && settings.backend !== 'remote') return this.engine();
    const key = serverKey(settings);
    const existing = this.servers.get(key);
    if (existing !== undefined) return existing.engine;
    const configured = await readEngineSettings(this.db);
    let target: ServerTarget;
    if (settings.backend === 'remote') {
      const remote = findRemote(configured.remotes, settings.remote);
      if (remote.kind === 'openai') {
        // Generation only (safety and attribution runs); scoring through it says plainly that it cannot.
        const engine = new OpenAiChatBackend({
          baseUrl: remote.url,
          ...(remote.apiKey !== undefined ? { apiKey: remote.apiKey } : {}),
          ...(remote.model !== undefined ? { model: remote.model } : {}),
        });
        this.servers.set(key, { engine, identity: `OpenAI-compatible server at ${remote.url}` });
        return engine;
      }
      target = {
        kind: 'remote',
        baseUrl: remote.url,
        ...(remote.apiKey !== undefined ? { apiKey: remote.apiKey } : {}),
      };
    } else {
      const build =
        configured.serverBinary ??
        (await findNativeBuild(this.paths.cache, await detectCpuFeatures()))?.binaryPath;
      if (build === undefined)
        throw new AppError(
          'unavailable',
          'No native llama-server build on this machine. Build one with: value-atlas engine build (or npm run engine:build).',
        );
      target = { kind: 'managed', binaryPath: build, slots: configured.slots };
    }
    const engine = new LlamaServerBackend({ target });
    const identity =
      target.kind === 'managed'
        ? `llama-server (native build ${target.binaryPath})`
        : `llama-server at ${target.baseUrl}`;
    this.servers.set(key, { engine, identity });
    return engine;
  }

  /**
   * Checks a run's endpoints before it is created, so a wrong choice fails at once with its reason instead
   * of item by item: every remote exists; scoring needs llama.cpp servers (an OpenAI-compatible server
   * cannot return the next-token distribution); generation runs use one endpoint.
   */
  async assertEndpoints(settings: EngineSettings, purpose: 'scoring' | 'generation'): Promise<void> {
    if (settings.backend !== 'remote') return;
    const lanes = engineLanes(settings);
    if (purpose === 'generation' && lanes.length > 1)
      throw new AppError(
        'invalid_input',
        'Sharding across endpoints applies to survey scoring runs; a safety or attribution run uses one endpoint.',
      );
    const { remotes } = await readEngineSettings(this.db);
    for (const lane of lanes) {
      const remote = findRemote(remotes, lane.remote);
      if (purpose === 'scoring' && remote.kind === 'openai')
        throw new AppError(
          'invalid_input',
          `Endpoint '${remote.id}' is an OpenAI-compatible server: it can generate text but cannot score survey options (that needs the raw next-token distribution). Use a llama.cpp server for scoring runs.`,
        );
    }
  }

  /** How the engine for these settings describes itself in run manifests and cache keys. */
  async engineIdentity(settings: EngineSettings): Promise<{ engine: string; backend: string } | undefined> {
    if (settings.backend !== 'server' && settings.backend !== 'remote') return undefined;
    // A sharded run names every endpoint: its results come from all of them, so they share one identity.
    const described: { engine: string; backend: string }[] = [];
    for (const lane of engineLanes(settings)) {
      await this.engineFor(lane);
      const key = serverKey(lane);
      const entry = this.servers.get(key);
      if (entry === undefined) return undefined;
      described.push({ engine: entry.identity, backend: key });
    }
    return {
      engine: described.map((entry) => entry.engine).join(' + '),
      backend: described.map((entry) => entry.backend).join('+'),
    };
  }

  /** The engine for a run's settings with `model` loaded in it. */
  async engineWith(model: ModelEntry, settings: EngineSettings): Promise<InferenceEngine> {
    const engine = await this.engineFor(settings);
    const binding =
      settings.backend === 'vulkan' || settings.backend === 'cuda' ? settings.backend : 'default';
    await this.ensureLoaded(
      model,
      {
        variant: binding,
        gpuLayers: settings.gpuLayers,
        contextSize: settings.contextSize,
        ...(settings.threads !== undefined ? { threads: settings.threads } : {}),
      },
      engine,
    );
    return engine;
  }

  /** An image re-encoded at the model's projector size (cached by content), ready for the engine. */
  async imageFor(model: ModelEntry, imagePath: string): Promise<string> {
    const size = model.projector?.imageSize;
    if (size == null)
      throw new AppError(
        'unsupported',
        `Model ${model.id} has no image projector, so it cannot be shown images.`,
      );
    return (await prepareImage(imagePath, size, join(this.paths.cache, 'prepared-images'))).path;
  }

  /** Loads a model into the engine unless it is already there. */
  async ensureLoaded(
    model: ModelEntry,
    settings: Omit<LoadSpec, 'modelPath' | 'mmprojPath'>,
    engine: InferenceEngine = this.engine(),
  ): Promise<void> {
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
    for (const { engine } of this.servers.values()) await engine.close();
    this.servers.clear();
  }
}

/** The session cache key of a server-backed engine: the native build, or one remote endpoint. */
function serverKey(settings: EngineSettings): string {
  return settings.backend === 'remote' ? `remote:${settings.remote ?? ''}` : 'server';
}

/** A configured remote endpoint by id, or a clear error listing the known ones. */
function findRemote<R extends { id: string }>(remotes: readonly R[], id: string | undefined): R {
  const remote = remotes.find((entry) => entry.id === id);
  if (remote === undefined)
    throw new AppError(
      'invalid_input',
      `No remote endpoint '${id ?? ''}'. Add one with value-atlas engine config (known: ${remotes.map((entry) => entry.id).join(', ') || 'none'}).`,
    );
  return remote;
}
