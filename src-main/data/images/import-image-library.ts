import type { ImageRepository } from '../../storage/image-repository';
import { collectImageFolder } from './collect-folder';
import { importImageCandidates, type ImageImportOptions } from './import-images';
import { readImageManifest } from './read-manifest';

export interface ImageImportReport {
  /** The folder that was read (for a manifest, its folder); links resolved. */
  folder: string;
  manifest: string | null;
  /** Files found that looked like images. */
  found: number;
  added: number;
  duplicates: number;
  duplicateFiles: { file: string; sameAs: string }[];
  skipped: { file: string; reason: string }[];
  byCountry: Record<string, number>;
  seconds: number;
}

/**
 * Imports a folder laid out `<country>/<category>/<image>` into the image library. The files stay where they
 * are and are never written to (unless `copyInto` asks for copies in the app's own folder).
 */
export async function importImageFolder(
  folder: string,
  repository: ImageRepository,
  options: ImageImportOptions,
): Promise<ImageImportReport> {
  const started = performance.now();
  const collected = await collectImageFolder(folder);
  const outcome = await importImageCandidates(collected.candidates, repository, options);
  const { imported: _imported, ...counts } = outcome;
  return {
    folder: collected.root,
    manifest: null,
    found: collected.candidates.length,
    ...counts,
    skipped: [...collected.skipped, ...outcome.skipped],
    seconds: (performance.now() - started) / 1000,
  };
}

/** Imports the images a manifest (CSV or JSON) lists, with its per-image country, category and licence. */
export async function importImageManifest(
  manifest: string,
  repository: ImageRepository,
  options: ImageImportOptions,
): Promise<ImageImportReport> {
  const started = performance.now();
  const contents = await readImageManifest(manifest);
  const outcome = await importImageCandidates(contents.candidates, repository, options);
  const { imported: _imported, ...counts } = outcome;
  return {
    folder: contents.root,
    manifest,
    found: contents.candidates.length,
    ...counts,
    skipped: [...contents.skipped, ...outcome.skipped],
    seconds: (performance.now() - started) / 1000,
  };
}
