import { stat, unlink } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';

import { AppError } from '../../domain/errors';
import type { DollarStreetPhotoRow, DollarStreetRepository } from '../../storage/dollarstreet-repository';
import type { ImageRepository } from '../../storage/image-repository';
import { downloadFile } from '../download/download-file';
import { displayUrl } from '../download/network-errors';
import { upgradeToHttps } from '../download/open-url';

import { importImageCandidates } from '../images/import-images';
import { runPool } from '../images/run-pool';

export const DOLLAR_STREET_LICENCE = 'CC BY 4.0';

/** The index's photos are 480×480 JPEGs of well under 1 MiB; anything far larger is not one of them. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

export interface DollarStreetDownloadOptions {
  /** `<app-data>/images`; photos go to `dollarstreet/<country>/<id>.jpg` below it. */
  imagesDir: string;
  thumbnailDir: string;
  /** The user's topic choice: a photo with several labels is filed under the first chosen one. */
  topics?: readonly string[];
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  lookup?: LookupFunction;
}

export interface DollarStreetDownloadReport {
  requested: number;
  downloaded: number;
  /** Photos whose bytes were already in the library under another name. */
  alreadyInLibrary: number;
  failed: { url: string; reason: string }[];
  byCountry: Record<string, number>;
  bytes: number;
}

/** Gapminder asks for the photographer and Gapminder Dollar Street; the index records households, not photographers. */
export function dollarStreetAttribution(photo: Pick<DollarStreetPhotoRow, 'household'>): string {
  return `Gapminder Dollar Street (dollarstreet.org), household "${photo.household}"; photographer not recorded in the index`;
}

function categoryOf(photo: DollarStreetPhotoRow, topics: readonly string[] | undefined): string | null {
  const labels = JSON.parse(photo.labels_json) as string[];
  return labels.find((label) => topics?.includes(label) === true) ?? labels[0] ?? null;
}

/**
 * Downloads the chosen photos into the app's image folder and adds each to the library with its country,
 * topic, household income, source URL, licence and attribution. Photos already downloaded are not fetched
 * again; one failing photo is reported and the rest go on. Cancelling keeps what was finished.
 */
export async function downloadDollarStreetPhotos(
  photos: readonly DollarStreetPhotoRow[],
  repositories: { photos: DollarStreetRepository; images: ImageRepository },
  options: DollarStreetDownloadOptions,
): Promise<DollarStreetDownloadReport> {
  const report: DollarStreetDownloadReport = {
    requested: photos.length,
    downloaded: 0,
    alreadyInLibrary: 0,
    failed: [],
    byCountry: {},
    bytes: 0,
  };
  let done = 0;
  await runPool(photos, options.concurrency ?? 4, async (photo) => {
    if (options.signal?.aborted) throw new AppError('cancelled', 'The Dollar Street download was cancelled.');
    try {
      if (photo.country === null)
        throw new AppError('invalid_input', `'${photo.country_name}' is not a known country`);
      const destination = join(
        options.imagesDir,
        'dollarstreet',
        photo.country.toLowerCase(),
        `${photo.id}.jpg`,
      );
      if ((await stat(destination).catch(() => null)) === null) {
        const result = await downloadFile({
          // The index lists http:// addresses; the photos are fetched over https from the same host.
          url: upgradeToHttps(photo.url),
          destination,
          maxBytes: MAX_PHOTO_BYTES,
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.lookup !== undefined ? { lookup: options.lookup } : {}),
        });
        report.bytes += result.bytes;
      }
      const outcome = await importImageCandidates(
        [
          {
            file: destination,
            real: destination,
            country: photo.country,
            category: categoryOf(photo, options.topics),
            source: photo.url,
            income: photo.income,
            licence: DOLLAR_STREET_LICENCE,
            attribution: dollarStreetAttribution(photo),
          },
        ],
        repositories.images,
        { thumbnailDir: options.thumbnailDir, appOwnedFiles: true, concurrency: 1 },
      );
      const [imported] = outcome.imported;
      if (imported === undefined) {
        // Not an image after all (an error page served as 200): do not keep it.
        await unlink(destination).catch(() => undefined);
        throw new AppError('bad_file', outcome.skipped[0]?.reason ?? 'not an image');
      }
      await repositories.photos.linkImage(photo.id, imported.imageId);
      if (imported.added) report.downloaded++;
      else report.alreadyInLibrary++;
      report.byCountry[photo.country] = (report.byCountry[photo.country] ?? 0) + 1;
    } catch (error) {
      if (options.signal?.aborted)
        throw new AppError('cancelled', 'The Dollar Street download was cancelled.');
      // Offline or the host is gone: every other photo would fail the same way, so stop with that message.
      if (error instanceof AppError && UNREACHABLE.has(String(error.details.code))) throw error;
      report.failed.push({
        url: displayUrl(photo.url),
        reason: error instanceof Error ? error.message : String(error),
      });
    } finally {
      options.onProgress?.(++done, photos.length);
    }
  });
  return report;
}
