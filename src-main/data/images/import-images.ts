import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../../domain/errors';
import { writeFileAtomic } from '../../platform/atomic-write';
import { sha256Text } from '../../platform/sha256';
import type { ImageRepository, NewImage, NewImageSource } from '../../storage/image-repository';
import type { ImageCandidate, SkippedFile } from './image-candidate';
import { extensionOf, ImageRejected, MAX_IMAGE_BYTES, probeImage } from './image-probe';
import { runPool } from './run-pool';

export interface ImageImportOptions {
  /** `<app-data>/cache/thumbnails`: one `<sha256>.webp` per image. */
  thumbnailDir: string;
  /**
   * When set, each new image is copied to `<copyInto>/<sha256>.<ext>` and the library points at the copy
   * (the original is still only read). Without it, files are referenced where they are.
   */
  copyInto?: string;
  /** The candidates are files the app itself wrote (downloads): the library owns them. */
  appOwnedFiles?: boolean;
  /** Defaults for candidates whose folder or manifest says nothing. */
  licence?: string;
  attribution?: string;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ImportedFile {
  candidate: ImageCandidate;
  imageId: number;
  sha256: string;
  added: boolean;
}

export interface ImageImportOutcome {
  added: number;
  duplicates: number;
  /** Files whose bytes were already in the library (or earlier in this import), and that file. */
  duplicateFiles: { file: string; sameAs: string }[];
  skipped: SkippedFile[];
  /** Files taken into the library per country, duplicates included. */
  byCountry: Record<string, number>;
  imported: ImportedFile[];
}

interface Prepared {
  index: number;
  candidate: ImageCandidate;
  image: NewImage;
  source: NewImageSource;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function prepare(
  candidate: ImageCandidate,
  index: number,
  repository: ImageRepository,
  options: ImageImportOptions,
): Promise<Prepared> {
  const info = await stat(candidate.real);
  if (!info.isFile()) throw new ImageRejected('not a regular file');
  if (info.size === 0) throw new ImageRejected('empty file (0 bytes)');
  if (info.size > MAX_IMAGE_BYTES)
    throw new ImageRejected(`larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
  const bytes = await readFile(candidate.real);
  const sha256 = sha256Text(bytes);
  const source: NewImageSource = {
    path: candidate.real,
    size: bytes.length,
    mtime_ms: info.mtimeMs,
    country: candidate.country,
    category: candidate.category,
  };
  const known = await repository.bySha(sha256);
  if (known !== undefined) {
    // Same bytes as a library image: no need to decode again, only remember this place too.
    const { id: _id, imported_at: _at, ...image } = known;
    return { index, candidate, image, source };
  }
  const probed = await probeImage(bytes);
  const thumbnail = join(options.thumbnailDir, `${sha256}.webp`);
  if (!(await exists(thumbnail))) await writeFileAtomic(thumbnail, probed.thumbnail);
  let path = candidate.real;
  let storedCopy = options.appOwnedFiles === true ? 1 : 0;
  if (options.copyInto !== undefined && storedCopy === 0) {
    path = join(options.copyInto, `${sha256}.${extensionOf(probed.format)}`);
    if (!(await exists(path))) await writeFileAtomic(path, bytes);
    storedCopy = 1;
  }
  const image: NewImage = {
    sha256,
    path,
    stored_copy: storedCopy,
    byte_size: bytes.length,
    country: candidate.country,
    category: candidate.category,
    width: probed.width,
    height: probed.height,
    format: probed.format,
    income: candidate.income ?? null,
    source: candidate.source,
    licence: candidate.licence ?? options.licence ?? null,
    attribution: candidate.attribution ?? options.attribution ?? null,
    thumbnail,
  };
  return { index, candidate, image, source };
}

/**
 * Hashes, checks and thumbnails each candidate, then stores them all in one transaction (a cancelled import
 * stores nothing). The files themselves are only read. A file that cannot be used is skipped with its reason;
 * only an unexpected failure (disk full, database error) stops the import.
 */
export async function importImageCandidates(
  candidates: readonly ImageCandidate[],
  repository: ImageRepository,
  options: ImageImportOptions,
): Promise<ImageImportOutcome> {
  const skipped: SkippedFile[] = [];
  const prepared: Prepared[] = [];
  let done = 0;
  await runPool(candidates, options.concurrency ?? 4, async (candidate, index) => {
    if (options.signal?.aborted)
      throw new AppError('cancelled', 'The image import was cancelled; nothing was added to the library.');
    try {
      prepared.push(await prepare(candidate, index, repository, options));
    } catch (error) {
      if (error instanceof ImageRejected) skipped.push({ file: candidate.file, reason: error.reason });
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        skipped.push({ file: candidate.file, reason: 'the file disappeared during the import' });
      else if ((error as NodeJS.ErrnoException).code === 'EACCES')
        skipped.push({ file: candidate.file, reason: 'permission denied' });
      else throw error;
    }
    options.onProgress?.(++done, candidates.length);
  });
  // Store in the order the files were listed, so "the first copy" is the same on every run.
  prepared.sort((a, b) => a.index - b.index);
  const stored = await repository.store(prepared.map(({ image, source }) => ({ image, source })));
  const outcome: ImageImportOutcome = {
    added: 0,
    duplicates: 0,
    duplicateFiles: [],
    skipped,
    byCountry: {},
    imported: [],
  };
  stored.forEach((result, position) => {
    const { candidate, image } = prepared[position]!;
    if (result.added) outcome.added++;
    else {
      outcome.duplicates++;
      outcome.duplicateFiles.push({ file: candidate.file, sameAs: result.existingPath ?? image.path });
    }
    outcome.byCountry[candidate.country] = (outcome.byCountry[candidate.country] ?? 0) + 1;
    outcome.imported.push({ candidate, imageId: result.imageId, sha256: image.sha256, added: result.added });
  });
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return outcome;
}
