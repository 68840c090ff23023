import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../../domain/errors';
import type { ImageRepository } from '../../storage/image-repository';
import type { SafetyItemRow, SafetyRepository } from '../../storage/safety-repository';
import { downloadFile } from '../download/download-file';
import { downloadFileName } from '../download/file-name';
import { parseDownloadUrl } from '../download/open-url';
import { importImageCandidates } from '../images/import-images';
import { runPool } from '../images/run-pool';
import { CROSS_IMAGE_LICENCE } from './import-cross';

/** The benchmark's images are screenshots and photos of a few MiB at most. */
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

export interface CrossImageDownloadOptions {
  /** `<app-data>/images`; the files go to `cross/<subset>/<file name>` below it. */
  imagesDir: string;
  thumbnailDir: string;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  retries?: number;
  retryDelayMs?: number;
}

export interface CrossImageDownloadReport {
  /** Distinct image URLs of queries without an image. */
  requested: number;
  downloaded: number;
  /** Queries that now have their image. */
  linked: number;
  failed: { url: string; reason: string }[];
}

/**
 * Downloads, at the user's request, the images of imported CROSS queries that have none yet, from the URLs
 * the benchmark's records give, and links them to their queries. Queries sharing one URL (a query and its
 * translation) share one download. A failing URL is reported and the others go on; cancelling keeps what
 * finished.
 */
export async function downloadCrossImages(
  items: readonly SafetyItemRow[],
  repositories: { safety: SafetyRepository; images: ImageRepository },
  options: CrossImageDownloadOptions,
): Promise<CrossImageDownloadReport> {
  const byUrl = new Map<string, SafetyItemRow[]>();
  for (const item of items) {
    if (item.image_id !== null || item.country === null) continue;
    byUrl.set(item.image_url, [...(byUrl.get(item.image_url) ?? []), item]);
  }
  const report: CrossImageDownloadReport = { requested: byUrl.size, downloaded: 0, linked: 0, failed: [] };
  let done = 0;
  await runPool([...byUrl.entries()], options.concurrency ?? 4, async ([url, sharing]) => {
    if (options.signal?.aborted) throw new AppError('cancelled', 'The CROSS image download was cancelled.');
    const first = sharing[0]!;
    try {
      const parsed = parseDownloadUrl(url);
      const destination = join(options.imagesDir, 'cross', first.subset, downloadFileName(parsed));
      await downloadFile({
        url,
        destination,
        maxBytes: MAX_IMAGE_BYTES,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
      });
      report.downloaded++;
      const outcome = await importImageCandidates(
        [
          {
            file: destination,
            real: destination,
            country: first.country!,
            category: `cross-${first.subset}`,
            source: url,
            licence: CROSS_IMAGE_LICENCE,
            attribution:
              first.image_source === 'pexels'
                ? `Pexels (${first.image_source_text})`
                : first.image_source_text,
          },
        ],
        repositories.images,
        { thumbnailDir: options.thumbnailDir, appOwnedFiles: true, concurrency: 1 },
      );
      const [imported] = outcome.imported;
      if (imported === undefined) {
        // Not an image after all (an error page saved as .png): keep nothing of it.
        await rm(destination, { force: true });
        throw new AppError('bad_file', outcome.skipped[0]?.reason ?? 'the file is not a usable image');
      }
      for (const item of sharing) await repositories.safety.setImage(item.id, imported.imageId);
      report.linked += sharing.length;
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') throw error;
      report.failed.push({ url, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      options.onProgress?.(++done, byUrl.size);
    }
  });
  return report;
}
