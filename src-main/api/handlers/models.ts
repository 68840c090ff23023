import { isAbsolute, resolve } from 'node:path';

import { AppError } from '../../domain/errors';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';

export function createModelHandlers(services: AppServices): DomainHandlers<'models'> {
  const { models } = services;
  return {
    async list() {
      const scan = await models.scan();
      return { folders: await models.folders(), ...scan };
    },
    async addFolder({ path }, ctx) {
      const folder = ctx.door === 'cli' ? resolve(path) : path;
      if (!isAbsolute(folder))
        throw new AppError('invalid_input', `Give the full path of the folder, not '${path}'.`);
      return { folders: await models.addFolder(folder) };
    },
    pair({ modelPath, mmprojPath }) {
      return models.pair(modelPath, mmprojPath);
    },
    createDemo({ big }) {
      return models.createDemo(big);
    },
    async engineStatus() {
      const status = await models.engine().status();
      return {
        running: status.running,
        pid: status.pid,
        loadedModel: status.loaded?.modelPath ?? null,
        backend: status.loaded?.backend ?? null,
        llamaCppBuild: status.loaded?.llamaCppBuild ?? null,
        restarts: status.restarts,
      };
    },
  };
}
