import { ImageRepository } from '../storage/image-repository';
import { listMethodNames } from './contract';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { createAppServices, type AppServices, type ServiceOptions } from './services';

export interface AppApi {
  dispatcher: Dispatcher;
  /**
   * The file behind a library image or its thumbnail, by content hash; undefined for anything else. The
   * browser-mode media route and the Electron `va-media:` protocol serve only what this returns.
   */
  resolveMedia(kind: 'image' | 'thumb', sha256: string): Promise<string | undefined>;
  services: AppServices;
  methodNames: string[];
  close(): Promise<void>;
}

/** Builds the whole API for one process. Every door (IPC, serve, CLI, tests) starts here. */
export async function createApi(options: ServiceOptions = {}): Promise<AppApi> {
  const services = await createAppServices(options);
  const dispatcher = new Dispatcher(createHandlers(services));
  const library = new ImageRepository(services.db);
  return {
    dispatcher,
    async resolveMedia(kind, sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
      const row = await library.bySha(sha256);
      if (row === undefined) return undefined;
      return kind === 'thumb' ? row.thumbnail : row.path;
    },
    services,
    methodNames: listMethodNames(),
    close: () => services.close(),
  };
}
