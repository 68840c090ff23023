import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../services';

export function createModelHandlers(services: AppServices): DomainHandlers<'models'> {
  const { models } = services;
  return {
    async list() {
      const scan = await models.scan();
      return { folders: models.folders, ...scan };
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
