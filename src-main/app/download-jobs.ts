import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { catalogueEntry, type CatalogueFile } from '../data/catalogue';
import { DEFAULT_MAX_DOWNLOAD_BYTES, downloadFile } from '../data/download/download-file';
import { downloadFileName } from '../data/download/file-name';
import { displayUrl } from '../data/download/network-errors';
import { parseDownloadUrl } from '../data/download/open-url';
import { AppError } from '../domain/errors';
import type { AppPaths } from '../platform/app-paths';
import { isInside } from '../platform/path-guard';
import type { DownloadRepository } from '../storage/download-repository';
import type { TaskReporter } from './tasks';

export interface PlannedFile {
  url: string;
  destination: string;
  sha256: string | null;
  approxBytes: number | null;
  maxBytes: number;
}

export interface DownloadPlan {
  catalogueId: string | null;
  label: string;
  files: PlannedFile[];
}

export interface DownloadInput {
  catalogueId?: string | undefined;
  url?: string | undefined;
  sha256?: string | undefined;
  to?: 'downloads' | 'models' | undefined;
  folder?: string | undefined;
  fileName?: string | undefined;
}

/** Catalogue sizes are approximate: allow twice as much, never less than 64 MiB. */
function limitFor(file: Pick<CatalogueFile, 'approxBytes'>): number {
  return file.approxBytes === null
    ? DEFAULT_MAX_DOWNLOAD_BYTES
    : Math.max(2 * file.approxBytes, 64 * 1024 ** 2);
}

/**
 * Where each file goes: a folder the app chose (or, from the command line, the one the user named) and a
 * plain file name, never a path taken from the URL. An existing file is refused before anything starts,
 * unless its checksum is known (it is then verified instead of fetched).
 */
export async function planDownload(
  input: DownloadInput,
  paths: AppPaths,
  cliFolder: string | null,
): Promise<DownloadPlan> {
  let plan: DownloadPlan;
  if (input.catalogueId !== undefined) {
    const entry = catalogueEntry(input.catalogueId);
    if (entry === undefined)
      throw new AppError(
        'not_found',
        `'${input.catalogueId}' is not in the catalogue; see value-atlas download --list.`,
      );
    if (input.sha256 !== undefined || input.fileName !== undefined)
      throw new AppError('invalid_input', 'A checksum or file name can be given only with a URL.');
    const folder = cliFolder ?? (entry.target === 'models' ? join(paths.models, entry.id) : paths.downloads);
    plan = {
      catalogueId: entry.id,
      label: `Downloading ${entry.title}`,
      files: entry.files.map((file) => ({
        url: file.url,
        destination: join(folder, file.fileName),
        sha256: file.sha256,
        approxBytes: file.approxBytes,
        maxBytes: limitFor(file),
      })),
    };
  } else {
    const url = parseDownloadUrl(input.url ?? '');
    const folder = cliFolder ?? (input.to === 'models' ? paths.models : paths.downloads);
    const destination = join(folder, downloadFileName(url, input.fileName));
    plan = {
      catalogueId: null,
      label: `Downloading ${displayUrl(url)}`,
      files: [
        {
          url: url.toString(),
          destination,
          sha256: input.sha256 ?? null,
          approxBytes: null,
          maxBytes: DEFAULT_MAX_DOWNLOAD_BYTES,
        },
      ],
    };
  }
  for (const file of plan.files) {
    const folder = resolve(file.destination, '..');
    if (!isInside(folder, resolve(file.destination)) || resolve(file.destination) === folder)
      throw new AppError('forbidden_path', `Refusing to write outside ${folder}.`, {
        file: file.destination,
      });
    if (file.sha256 === null && (await stat(file.destination).catch(() => null)) !== null)
      throw new AppError(
        'conflict',
        `'${file.destination}' already exists; delete it first or choose another name.`,
        {
          file: file.destination,
        },
      );
  }
  return plan;
}

/** Runs a plan file by file, logging each in the downloads table; the first failure stops the rest. */
export async function runDownloadPlan(
  plan: DownloadPlan,
  taskId: string,
  repository: DownloadRepository,
  reporter: TaskReporter,
): Promise<void> {
  let finishedBytes = 0;
  for (const [index, file] of plan.files.entries()) {
    const id = await repository.add({
      task_id: taskId,
      catalogue_id: plan.catalogueId,
      url: displayUrl(file.url),
      destination: file.destination,
      expected_sha256: file.sha256,
    });
    const later = plan.files.slice(index + 1).map((next) => next.approxBytes);
    let receivedNow = 0;
    try {
      const result = await downloadFile({
        url: file.url,
        destination: file.destination,
        sha256: file.sha256,
        maxBytes: file.maxBytes,
        signal: reporter.signal,
        onProgress: (received, total) => {
          receivedNow = received;
          const size = total ?? file.approxBytes;
          const rest = later.includes(null)
            ? null
            : later.reduce<number>((sum, bytes) => sum + (bytes ?? 0), 0);
          reporter.progress(
            finishedBytes + received,
            size === null || rest === null ? null : finishedBytes + size + rest,
          );
        },
      });
      finishedBytes += result.bytes;
      await repository.finish(id, { state: 'done', sha256: result.sha256, bytes: result.bytes });
    } catch (error) {
      const cancelled = reporter.signal.aborted;
      await repository.finish(id, {
        state: cancelled ? 'cancelled' : 'failed',
        bytes: receivedNow,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }
}
