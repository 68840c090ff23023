import { isAbsolute, resolve } from 'node:path';

import {
  DOLLAR_STREET_LICENCE,
  downloadDollarStreetPhotos,
  type DollarStreetDownloadReport,
} from '../../data/dollarstreet/download-photos';
import { importDollarStreetIndex } from '../../data/dollarstreet/import-index';
import { resolveCountry } from '../../data/images/resolve-country';
import { AppError } from '../../domain/errors';
import { DollarStreetRepository, type DollarStreetFilter } from '../../storage/dollarstreet-repository';
import { ImageRepository } from '../../storage/image-repository';
import type { CallContext, DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { TaskResults } from '../../app/task-results';

const ATTRIBUTION =
  'Photos: Gapminder Dollar Street (dollarstreet.org), CC BY 4.0; credit the photographer and Gapminder.';

interface SelectionInput {
  countries?: string[] | undefined;
  topics?: string[] | undefined;
  incomeMin?: number | undefined;
  incomeMax?: number | undefined;
}

/** Countries as ISO codes; a name the app does not know is refused by name rather than matching nothing. */
function toFilter(input: SelectionInput): DollarStreetFilter {
  const countries = input.countries?.map((raw) => {
    const code = resolveCountry(raw);
    if (code === null) throw new AppError('invalid_input', `'${raw}' is not a country the app knows.`);
    return code;
  });
  if (input.incomeMin !== undefined && input.incomeMax !== undefined && input.incomeMin > input.incomeMax)
    throw new AppError('invalid_input', 'The lowest income is above the highest.');
  return {
    ...(countries !== undefined ? { countries } : {}),
    ...(input.topics !== undefined ? { topics: input.topics } : {}),
    ...(input.incomeMin !== undefined ? { incomeMin: input.incomeMin } : {}),
    ...(input.incomeMax !== undefined ? { incomeMax: input.incomeMax } : {}),
  };
}

function userFile(path: string, ctx: CallContext): string {
  const full = ctx.door === 'cli' ? resolve(path) : path;
  if (!isAbsolute(full))
    throw new AppError('invalid_input', `Give the full path of the index file, not '${path}'.`);
  return full;
}

export function createDollarStreetHandlers(services: AppServices): DomainHandlers<'dollarstreet'> {
  const repository = new DollarStreetRepository(services.db);
  const images = new ImageRepository(services.db);
  const results = new TaskResults<DollarStreetDownloadReport>();

  return {
    async importIndex({ path }, ctx) {
      const file = userFile(path, ctx);
      const { result } = services.tasks.start(
        'import',
        `Importing the Dollar Street index ${file}`,
        'rows',
        () => importDollarStreetIndex(file, repository),
      );
      return result;
    },

    async query(input) {
      const counts = await repository.counts(toFilter(input));
      return { ...counts, licence: DOLLAR_STREET_LICENCE, attribution: ATTRIBUTION };
    },

    async download({ limit, ...selection }) {
      const filter = toFilter(selection);
      const photos = await repository.pending(filter, limit);
      const { taskId, result } = services.tasks.start(
        'download',
        `Downloading ${photos.length} Dollar Street photos`,
        'photos',
        (reporter) =>
          downloadDollarStreetPhotos(
            photos,
            { photos: repository, images },
            {
              imagesDir: services.paths.images,
              thumbnailDir: services.paths.thumbnails,
              ...(filter.topics !== undefined ? { topics: filter.topics } : {}),
              signal: reporter.signal,
              onProgress: (done, total) => reporter.progress(done, total),
            },
          ),
      );
      results.add(taskId, result);
      return { taskId, photos: photos.length };
    },

    wait({ taskId }) {
      return results.wait(taskId);
    },

    cancel({ taskId }) {
      results.check(taskId); // Throws for a task that is not a Dollar Street download of this session.
      services.tasks.cancel(taskId);
      return Promise.resolve({ cancelled: true as const });
    },
  };
}
