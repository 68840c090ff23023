import { resolveMediaFile } from '../app/media-files';
import { listMethodNames } from '../contract';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { createAppServices, type AppServices, type ServiceOptions } from '../app/services';

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
  return {
    dispatcher,
    async resolveMedia(kind, sha256) {
      // Only a library file that still holds the imported bytes is served (or another place they were found).
      return (await resolveMediaFile(services, kind, sha256))?.path;
    },
    services,
    methodNames: listMethodNames(),
    close: () => services.close(),
  };
}
