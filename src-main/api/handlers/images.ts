import { isAbsolute, resolve } from 'node:path';

import { importImageFolder } from '../../data/import-image-folder';
import { AppError } from '../../domain/errors';
import { ImageRepository } from '../../storage/image-repository';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../services';

export function createImageHandlers(services: AppServices): DomainHandlers<'images'> {
  const repository = new ImageRepository(services.db);
  return {
    async importFolder({ path, licence, attribution }, ctx) {
      const folder = ctx.door === 'cli' ? resolve(path) : path;
      if (!isAbsolute(folder))
        throw new AppError('invalid_input', `Give the full path of the folder, not '${path}'.`);
      const { result } = services.tasks.start(
        'import',
        `Importing images from ${folder}`,
        'files',
        (reporter) =>
          importImageFolder(folder, repository, services.paths.thumbnails, {
            ...(licence !== undefined ? { licence } : {}),
            ...(attribution !== undefined ? { attribution } : {}),
            onProgress: (files) => reporter.progress(files),
            signal: reporter.signal,
          }),
      );
      const report = await result;
      // The folder the user chose becomes one the app may read from.
      await services.db.run("INSERT OR IGNORE INTO allowed_folders (path, purpose) VALUES (?, 'images')", [
        report.folder,
      ]);
      return report;
    },
    async list({ country, category }) {
      const rows = await repository.list({
        ...(country !== undefined ? { country } : {}),
        ...(category !== undefined ? { category } : {}),
      });
      return rows.map((row) => ({
        id: row.id,
        sha256: row.sha256,
        country: row.country,
        category: row.category,
        width: row.width,
        height: row.height,
        licence: row.licence,
        attribution: row.attribution,
        source: row.source,
      }));
    },
    counts() {
      return repository.countsByCountry();
    },
  };
}
