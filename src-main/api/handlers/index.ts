import type { Handlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { createDataHandlers } from './data';
import { createDollarStreetHandlers } from './dollarstreet';
import { createDownloadHandlers } from './downloads';
import { createEngineHandlers } from './engine';
import { createImageHandlers } from './images';
import { createModelHandlers } from './models';
import { createRunHandlers } from './runs';
import { createSafetyHandlers } from './safety';
import { createAttributionHandlers } from './attribution';
import { createSystemHandlers } from './system';

/** One entry per contract domain; the `Handlers` type makes a missing or extra method a compile error. */
export function createHandlers(services: AppServices): Handlers {
  return {
    system: createSystemHandlers(services),
    models: createModelHandlers(services),
    data: createDataHandlers(services),
    images: createImageHandlers(services),
    downloads: createDownloadHandlers(services),
    dollarstreet: createDollarStreetHandlers(services),
    runs: createRunHandlers(services),
    engine: createEngineHandlers(services),
    safety: createSafetyHandlers(services),
    attribution: createAttributionHandlers(services),
  };
}
