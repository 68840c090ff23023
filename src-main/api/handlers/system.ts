import { stat } from 'node:fs/promises';

import { llamaCppBuild, llamaNodeVersion } from '../../engine/backends';
import { findGgufFiles } from '../../engine/model-files';
import { describePlatform, detectCpuFeatures, detectGpus } from '../../platform/system-info';
import { MIGRATIONS } from '../../storage/migrations';
import { APP_NAME, APP_VERSION } from '../../platform/app-info';
import { engineBackendsReport } from '../../app/engine-settings';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';

async function sqliteVersion(services: AppServices): Promise<string> {
  const row = await services.db.get<{ version: string }>('SELECT sqlite_version() AS version');
  return row?.version ?? 'unknown';
}

export function modelFolders(services: AppServices): string[] {
  return [services.paths.models, ...(services.options.modelFolders ?? [])];
}

export function createSystemHandlers(services: AppServices): DomainHandlers<'system'> {
  return {
    ping() {
      return Promise.resolve({ ok: true as const, time: new Date().toISOString() });
    },

    async doctor() {
      const [cpuFeatures, gpus, models, sqlite, dbStat, engines] = await Promise.all([
        detectCpuFeatures(),
        detectGpus(),
        findGgufFiles(modelFolders(services)),
        sqliteVersion(services),
        stat(services.paths.database).catch(() => null),
        engineBackendsReport(services.db, services.paths.cache),
      ]);
      const versions: Record<string, string> = {
        node: process.versions.node,
        sqlite,
        'llama.node': llamaNodeVersion(),
        'llama.cpp': llamaCppBuild(),
      };
      if (services.options.electronVersion !== undefined)
        versions.electron = services.options.electronVersion;
      return {
        app: { name: APP_NAME, version: APP_VERSION },
        versions,
        platform: describePlatform(),
        paths: {
          home: services.paths.home,
          database: services.paths.database,
          models: services.paths.models,
        },
        cpuFeatures,
        gpus,
        backends: engines.backends,
        recommendation: engines.recommendation,
        backendWarnings: engines.warnings,
        models: models.map((file) => ({ path: file.path, sizeBytes: file.sizeBytes })),
        database: {
          path: services.paths.database,
          migrations: MIGRATIONS.map((migration) => migration.id),
          sizeBytes: dbStat?.size ?? 0,
        },
      };
    },
  };
}
