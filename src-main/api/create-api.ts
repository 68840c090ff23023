import { listMethodNames } from './contract';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { createAppServices, type AppServices, type ServiceOptions } from './services';

export interface AppApi {
  dispatcher: Dispatcher;
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
    services,
    methodNames: listMethodNames(),
    close: () => services.close(),
  };
}
