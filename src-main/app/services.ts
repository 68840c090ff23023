import { mkdir } from 'node:fs/promises';

import { resolveAppPaths, type AppPaths } from '../platform/app-paths';
import type { EngineProcessSpawner } from '../engine/client';
import type { GenerationEngine } from '../runner/generation/ports';
import { AlignmentService, type AlignmentAdapters } from './alignment/alignment-service';
import { ModelsService } from './models-service';
import { realAlignmentAdapters } from './alignment/real-adapters';
import { AttributionService } from './attribution/attribution-service';
import { SafetyService } from './safety/safety-service';
import type { Database } from '../storage/database';
import { openAppDatabase } from '../storage/open-database';
import { EventBus } from './events';
import { TaskManager } from './tasks';

export interface ServiceOptions {
  /** App-data folder; defaults to VALUE_ATLAS_HOME or the OS app-data folder. */
  home?: string;
  /** Extra model folders searched besides `<home>/models` (the repository's `models/` in development). */
  modelFolders?: string[];
  /** Electron version when running inside Electron, for `doctor`. */
  electronVersion?: string;
  /**
   * Replaces the adapters between the runner and the data layer/engine. Tests pass a double at the
   * engine boundary here; the app uses the real ones.
   */
  alignmentAdapters?: (services: AppServices) => AlignmentAdapters;
  /** Replaces the engine for free-text generation (safety, attribution); tests pass a double here. */
  generationEngine?: (services: AppServices) => GenerationEngine;
  /** How to start the engine process: Electron passes a utilityProcess spawner; Node forks. */
  engineSpawner?: EngineProcessSpawner;
}

/** Everything the handlers need, created once per process. */
export interface AppServices {
  paths: AppPaths;
  db: Database;
  events: EventBus;
  tasks: TaskManager;
  options: ServiceOptions;
  /** The value-alignment study's runs (created on first use). */
  alignment(): AlignmentService;
  /** The cultural-safety study; shares the alignment study's run manager (one run at a time). */
  safety(): SafetyService;
  /** The value-attribution study; shares the same run manager. */
  attribution(): AttributionService;
  /** Model files and the engine process. */
  models: ModelsService;
  /** Called on shutdown in reverse order of registration. */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export async function createAppServices(options: ServiceOptions = {}): Promise<AppServices> {
  const paths = resolveAppPaths(options.home);
  await mkdir(paths.home, { recursive: true });
  await mkdir(paths.models, { recursive: true });
  const db = await openAppDatabase(paths.database);
  const events = new EventBus();
  const tasks = new TaskManager(events);
  const closers: (() => Promise<void> | void)[] = [];
  let alignment: AlignmentService | undefined;
  let safety: SafetyService | undefined;
  let attribution: AttributionService | undefined;
  const models = new ModelsService(db, paths, options.modelFolders ?? [], options.engineSpawner);
  closers.push(() => models.close());
  const services: AppServices = {
    models,
    paths,
    db,
    events,
    tasks,
    options,
    alignment() {
      if (alignment === undefined) {
        const adapters = options.alignmentAdapters?.(services) ?? realAlignmentAdapters(services);
        alignment = new AlignmentService(db, events, adapters);
        const created = alignment;
        closers.push(() => created.manager.shutdown());
        // Registered with the manager at once, so a safety run resumed after a restart finds its executor.
        safety = new SafetyService(services, created.repository, created.manager);
        attribution = new AttributionService(services, created.repository, created.manager);
      }
      return alignment;
    },
    safety() {
      services.alignment();
      if (safety === undefined) throw new Error('unreachable: alignment() creates the safety service');
      return safety;
    },
    attribution() {
      services.alignment();
      if (attribution === undefined)
        throw new Error('unreachable: alignment() creates the attribution service');
      return attribution;
    },
    onClose: (fn) => closers.push(fn),
    async close() {
      await tasks.settle();
      for (const fn of closers.reverse()) await fn();
      await db.close();
    },
  };
  return services;
}
