import { readFile, stat } from 'node:fs/promises';

import { writeFileAtomic } from '../../platform/atomic-write';
import { sha256File } from '../../platform/sha256';
import type { ImageRepository, ImageRow, ImageSourceRow } from '../../storage/image-repository';
import { contentTypeOf, probeImage } from './image-probe';

export type SourceState = 'ok' | 'changed' | 'missing';

export interface LibraryFile {
  path: string;
  contentType: string;
  size: number;
}

/** Quick check by size and modification time, as recorded at import; no file is read. */
export async function sourceState(
  source: Pick<ImageSourceRow, 'path' | 'size' | 'mtime_ms'>,
): Promise<SourceState> {
  const info = await stat(source.path).catch(() => null);
  if (info === null || !info.isFile()) return 'missing';
  return info.size === source.size && info.mtimeMs === source.mtime_ms ? 'ok' : 'changed';
}

/**
 * The file that currently holds an image's bytes. A referenced file that changed since import is re-hashed:
 * if its bytes are still the same (only touched), it is used and its new time remembered; otherwise the
 * next remembered copy is tried. Undefined when no file with these bytes is left: the app never serves or
 * gives a model a file whose content differs from what was imported.
 */
export async function currentImageFile(
  repository: ImageRepository,
  image: ImageRow,
): Promise<LibraryFile | undefined> {
  const contentType = contentTypeOf(image.format);
  if (image.stored_copy === 1) {
    const info = await stat(image.path).catch(() => null);
    return info?.isFile() === true ? { path: image.path, contentType, size: info.size } : undefined;
  }
  const sources = await repository.sources(image.id);
  // The library's own path first, then the other places the same bytes were found.
  sources.sort((a, b) => Number(b.path === image.path) - Number(a.path === image.path));
  for (const source of sources) {
    const state = await sourceState(source);
    if (state === 'missing') continue;
    let size = source.size;
    if (state === 'changed') {
      if ((await sha256File(source.path).catch(() => null)) !== image.sha256) continue;
      const info = await stat(source.path);
      await repository.updateSourceStat(image.id, source.path, info.size, info.mtimeMs);
      size = info.size;
    }
    if (source.path !== image.path) await repository.setPath(image.id, source.path);
    return { path: source.path, contentType, size };
  }
  return undefined;
}

/** The thumbnail, made again from the image when the cache was cleared. */
export async function currentThumbnail(
  repository: ImageRepository,
  image: ImageRow,
): Promise<LibraryFile | undefined> {
  const info = await stat(image.thumbnail).catch(() => null);
  if (info?.isFile() === true) return { path: image.thumbnail, contentType: 'image/webp', size: info.size };
  const original = await currentImageFile(repository, image);
  if (original === undefined) return undefined;
  try {
    const { thumbnail } = await probeImage(await readFile(original.path));
    await writeFileAtomic(image.thumbnail, thumbnail);
    return { path: image.thumbnail, contentType: 'image/webp', size: thumbnail.length };
  } catch {
    return undefined;
  }
}
