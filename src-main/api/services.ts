import { mkdir } from 'node:fs/promises';

import { resolveAppPaths, type AppPaths } from '../platform/app-paths';
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
}

/** Everything the handlers need, created once per process. */
export interface AppServices {
  paths: AppPaths;
  db: Database;
  events: EventBus;
  tasks: TaskManager;
  options: ServiceOptions;
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
  return {
    paths,
    db,
    events,
    tasks,
    options,
    onClose: (fn) => closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) await fn();
      await db.close();
    },
  };
}
