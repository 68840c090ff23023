import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

import { AppError } from '../../domain/errors';
import { writeFileAtomic } from '../../platform/atomic-write';
import { sha256Text } from '../../platform/sha256';
import type { ImageRepository } from '../../storage/image-repository';
import type { ImageCandidate, SkippedFile } from './image-candidate';
import type { ImageImportReport } from './import-image-library';
import { importImageCandidates, type ImageImportOptions } from './import-images';
import { IMAGE_EXTENSIONS } from './image-probe';
import { resolveCountry } from './resolve-country';

/** Images dropped onto the window: their bytes (a dropped file has no path the app may read). */
export interface DroppedFile {
  name: string;
  bytes: Buffer;
}

export interface DroppedImageFacts {
  /** Country code or name the user chose for the whole drop. */
  country: string;
  category?: string;
  licence?: string;
  attribution?: string;
}

/**
 * Adds dropped images to the library as the app's own files (`<images>/copies/<sha256>.<ext>`), checked like
 * any other import (format, size, pixel count). Bytes already in the library are reported as duplicates and
 * not written again; a written file that turns out not to be a usable image is removed.
 */
export async function importDroppedImages(
  files: readonly DroppedFile[],
  facts: DroppedImageFacts,
  repository: ImageRepository,
  options: ImageImportOptions & { copyInto: string },
): Promise<ImageImportReport> {
  const started = performance.now();
  const country = resolveCountry(facts.country);
  if (country === null)
    throw new AppError(
      'invalid_input',
      `'${facts.country}' is not a country Value Atlas knows (name or ISO code).`,
    );
  await mkdir(options.copyInto, { recursive: true });
  const skipped: SkippedFile[] = [];
  const duplicateFiles: { file: string; sameAs: string }[] = [];
  const candidates: ImageCandidate[] = [];
  const written = new Map<string, string>();
  for (const file of files) {
    // Only the name's last part is kept, for reports: a dropped name never chooses where anything is written.
    const name = basename(file.name.replace(/\\/g, '/'));
    const extension = extname(name).toLowerCase();
    if (!IMAGE_EXTENSIONS.has(extension)) {
      skipped.push({ file: name, reason: 'not an image file name (.jpg, .png, .webp, …)' });
      continue;
    }
    const sha256 = sha256Text(file.bytes);
    const known = await repository.bySha(sha256);
    if (known !== undefined) {
      duplicateFiles.push({ file: name, sameAs: known.path });
      continue;
    }
    const target = join(options.copyInto, `${sha256}${extension}`);
    await writeFileAtomic(target, file.bytes);
    written.set(name, target);
    candidates.push({
      file: name,
      real: target,
      country,
      category: facts.category?.trim() || null,
      source: `dropped file ${name}`,
      licence: facts.licence?.trim() || null,
      attribution: facts.attribution?.trim() || null,
    });
  }
  const { copyInto: _copyInto, ...rest } = options;
  const outcome = await importImageCandidates(candidates, repository, { ...rest, appOwnedFiles: true });
  for (const entry of outcome.skipped) {
    const target = written.get(entry.file);
    if (target !== undefined) await rm(target, { force: true });
  }
  const { imported: _imported, ...counts } = outcome;
  return {
    folder: options.copyInto,
    manifest: null,
    found: files.length,
    ...counts,
    duplicates: counts.duplicates + duplicateFiles.length,
    duplicateFiles: [...duplicateFiles, ...counts.duplicateFiles],
    byCountry:
      duplicateFiles.length === 0
        ? counts.byCountry
        : { ...counts.byCountry, [country]: (counts.byCountry[country] ?? 0) + duplicateFiles.length },
    skipped: [...skipped, ...outcome.skipped],
    seconds: (performance.now() - started) / 1000,
  };
}
