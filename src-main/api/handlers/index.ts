import type { Handlers } from '../dispatcher';
import type { AppServices } from '../services';
import { createRunHandlers } from './runs';
import { createSystemHandlers } from './system';

/** One entry per contract domain; the `Handlers` type makes a missing or extra method a compile error. */
export function createHandlers(services: AppServices): Handlers {
  return {
    system: createSystemHandlers(services),
    runs: createRunHandlers(services),
  };
}
