import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

import sharp from 'sharp';

import { AppError } from '../domain/errors';
import { isInside } from '../platform/path-guard';
import { sha256Text } from '../platform/sha256';
import type { ImageRepository, NewImage } from '../storage/image-repository';
import { countryCode } from './countries';

const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
]);
/** Larger images are refused before decoding (decompression bombs). */
const MAX_PIXELS = 64_000_000;
const MAX_BYTES = 100 * 1024 * 1024;

export interface ImageImportReport {
  folder: string;
  added: number;
  duplicates: number;
  skipped: { file: string; reason: string }[];
  byCountry: Record<string, number>;
}

export interface ImageFolderOptions {
  licence?: string;
  attribution?: string;
  source?: string;
  onProgress?: (files: number) => void;
  signal?: AbortSignal;
}

/**
 * Imports a folder laid out `<country>/<category>/<image>` (or `<country>/<image>`). Files are referenced
 * where they are and never modified; each gets a content hash, its dimensions (EXIF orientation applied)
 * and a thumbnail. Unreadable files, non-images and links leading outside the folder are skipped with a reason.
 */
export async function importImageFolder(
  folder: string,
  repository: ImageRepository,
  thumbnailDir: string,
  options: ImageFolderOptions = {},
): Promise<ImageImportReport> {
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new AppError('not_found', `Folder '${folder}' does not exist.`, { file: folder });
  const root = await realpath(folder);
  await mkdir(thumbnailDir, { recursive: true });
  const skipped: ImageImportReport['skipped'] = [];
  const images: NewImage[] = [];
  let seen = 0;

  const visit = async (
    dir: string,
    country: string | null,
    category: string | null,
    depth: number,
  ): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({
        file: dir,
        reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (options.signal?.aborted)
        throw new AppError('cancelled', 'The image import was cancelled; nothing was stored.');
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const real = await realpath(path).catch(() => null);
      if (real === null || !isInside(root, real)) {
        skipped.push({ file: path, reason: 'a link leading outside the chosen folder' });
        continue;
      }
      const entryInfo = await stat(real);
      if (entryInfo.isDirectory()) {
        if (depth === 0) {
          const code = countryCode(entry.name);
          if (code === null)
            skipped.push({ file: path, reason: `'${entry.name}' is not a country name or ISO code` });
          else await visit(path, code, null, 1);
        } else if (depth === 1) await visit(path, country, entry.name, 2);
        continue;
      }
      if (country === null || !IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        if (country !== null) skipped.push({ file: path, reason: 'not an image file type' });
        continue;
      }
      seen++;
      if (seen % 20 === 0) options.onProgress?.(seen);
      if (entryInfo.size === 0 || entryInfo.size > MAX_BYTES) {
        skipped.push({ file: path, reason: entryInfo.size === 0 ? 'empty file' : 'larger than 100 MiB' });
        continue;
      }
      try {
        const bytes = await readFile(real);
        const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
        const meta = await image.metadata();
        const sha256 = sha256Text(bytes);
        const thumbnail = join(thumbnailDir, `${sha256}.webp`);
        await image.rotate().resize(256, 256, { fit: 'inside' }).webp({ quality: 80 }).toFile(thumbnail);
        // EXIF orientations 5–8 swap width and height.
        const swapped = (meta.orientation ?? 1) >= 5;
        images.push({
          sha256,
          path: real,
          country,
          category,
          width: (swapped ? meta.height : meta.width) ?? 0,
          height: (swapped ? meta.width : meta.height) ?? 0,
          format: meta.format ?? 'unknown',
          source: options.source ?? relative(root, real),
          licence: options.licence ?? null,
          attribution: options.attribution ?? null,
          thumbnail,
        });
      } catch (error) {
        const reason =
          error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 120) : String(error);
        skipped.push({ file: path, reason: `not a readable image (${reason})` });
      }
    }
  };
  await visit(root, null, null, 0);
  const { added, duplicates } = await repository.insertMany(images);
  const byCountry: Record<string, number> = {};
  for (const image of images) byCountry[image.country] = (byCountry[image.country] ?? 0) + 1;
  return { folder: root, added, duplicates, skipped, byCountry };
}
