import { unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import {
  importImageFolder,
  importImageManifest,
  type ImageImportReport,
} from '../../data/images/import-image-library';
import { importDroppedImages } from '../../data/images/import-dropped';
import type { ImageImportOptions } from '../../data/images/import-images';
import { sourceState } from '../../data/images/library-file';
import { AppError } from '../../domain/errors';
import { isInside } from '../../platform/path-guard';
import { ImageRepository, type ImageRow } from '../../storage/image-repository';
import type { ImageImportResult, ImageSummary } from '../../contract/images';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { userPath } from './user-path';

function toSummary(row: ImageRow): ImageSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    country: row.country,
    category: row.category,
    width: row.width,
    height: row.height,
    format: row.format,
    income: row.income,
    licence: row.licence,
    attribution: row.attribution,
    source: row.source,
    importedAt: row.imported_at,
  };
}

export function createImageHandlers(services: AppServices): DomainHandlers<'images'> {
  const repository = new ImageRepository(services.db);

  const runImport = async (
    label: string,
    work: (options: ImageImportOptions) => Promise<ImageImportReport>,
    copy: boolean,
    defaults: { licence?: string; attribution?: string } = {},
  ): Promise<ImageImportResult> => {
    const { taskId, result } = services.tasks.start('import', label, 'files', (reporter) =>
      work({
        thumbnailDir: services.paths.thumbnails,
        ...(copy ? { copyInto: join(services.paths.images, 'copies') } : {}),
        ...defaults,
        onProgress: (done, total) => reporter.progress(done, total),
        signal: reporter.signal,
      }),
    );
    const report = await result;
    // The folder the user chose becomes one the app may read from (runs read the images from there).
    await services.db.run("INSERT OR IGNORE INTO allowed_folders (path, purpose) VALUES (?, 'images')", [
      report.folder,
    ]);
    return { taskId, ...report };
  };

  return {
    importFolder({ path, licence, attribution, copy }, ctx) {
      const folder = userPath(path, ctx, 'folder');
      return runImport(
        `Importing images from ${folder}`,
        (options) => importImageFolder(folder, repository, options),
        copy,
        {
          ...(licence !== undefined ? { licence } : {}),
          ...(attribution !== undefined ? { attribution } : {}),
        },
      );
    },

    async importDropped({ files, country, category, licence, attribution }) {
      const facts = {
        country,
        ...(category !== undefined ? { category } : {}),
        ...(licence !== undefined ? { licence } : {}),
        ...(attribution !== undefined ? { attribution } : {}),
      };
      const dropped = files.map((file) => ({
        name: file.name,
        bytes: Buffer.from(file.dataBase64, 'base64'),
      }));
      const { taskId, result } = services.tasks.start(
        'import',
        `Adding ${files.length} dropped images`,
        'files',
        (reporter) =>
          importDroppedImages(dropped, facts, repository, {
            thumbnailDir: services.paths.thumbnails,
            copyInto: join(services.paths.images, 'copies'),
            onProgress: (done, total) => reporter.progress(done, total),
            signal: reporter.signal,
          }),
      );
      return { taskId, ...(await result) };
    },

    importManifest({ path, copy }, ctx) {
      const manifest = userPath(path, ctx, 'manifest');
      return runImport(
        `Importing the images listed in ${manifest}`,
        (options) => importImageManifest(manifest, repository, options),
        copy,
      );
    },

    async list({ country, category, limit, offset }) {
      const rows = await repository.list({
        ...(country !== undefined ? { country: country.toUpperCase() } : {}),
        ...(category !== undefined ? { category } : {}),
        ...(limit !== undefined ? { limit, offset: offset ?? 0 } : {}),
      });
      return rows.map(toSummary);
    },

    counts() {
      return repository.countsByCountry();
    },

    categories({ country }) {
      return repository.countsByCategory(country?.toUpperCase());
    },

    async detail({ id }) {
      const row = await repository.byId(id);
      if (row === undefined) throw new AppError('not_found', `No image ${id} in the library.`);
      const sources = await repository.sources(id);
      return {
        ...toSummary(row),
        path: row.path,
        storedCopy: row.stored_copy === 1,
        byteSize: row.byte_size,
        files: await Promise.all(
          sources.map(async (source) => ({
            path: source.path,
            state: await sourceState(source),
            country: source.country,
            category: source.category,
          })),
        ),
      };
    },

    async delete({ ids }) {
      const owned = services.paths.images;
      const files = new Map<number, string[]>();
      for (const id of ids)
        files.set(
          id,
          (await repository.sources(id)).map((source) => source.path),
        );
      const removed = await repository.delete(ids);
      for (const row of removed) {
        await unlink(row.thumbnail).catch(() => undefined);
        // Only files inside the app's own image folder are removed; the user's files stay untouched.
        const candidates = [row.path, ...(files.get(row.id) ?? [])].filter(
          (path) => isInside(owned, path) && isInside(owned, dirname(path)),
        );
        for (const path of new Set(candidates)) await unlink(path).catch(() => undefined);
      }
      return { deleted: removed.length };
    },
  };
}
