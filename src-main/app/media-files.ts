import { stat } from 'node:fs/promises';
import { extname } from 'node:path';

import { currentImageFile, currentThumbnail, type LibraryFile } from '../data/images/library-file';
import { contentTypeOf } from '../data/images/image-probe';
import { sha256File } from '../platform/sha256';
import { AttributionRepository } from '../storage/attribution-repository';
import { ImageRepository } from '../storage/image-repository';
import type { AppServices } from './services';

export type MediaKind = 'image' | 'thumb';

const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'jpeg',
  jpe: 'jpeg',
  tif: 'tiff',
  heic: 'heif',
};

const SHA256 = /^[0-9a-f]{64}$/;

/** `image/<sha256>` or `thumb/<sha256>` → the parts, or null for anything else (no other path is served). */
export function parseMediaPath(kind: string, sha256: string): { kind: MediaKind; sha256: string } | null {
  if ((kind !== 'image' && kind !== 'thumb') || !SHA256.test(sha256)) return null;
  return { kind, sha256 };
}

/**
 * The file behind a library image or its thumbnail, by content hash; undefined for anything else, and for
 * an image whose files no longer hold the imported bytes. Both media doors (the browser-mode route and the
 * Electron `va-media:` protocol) serve only what this returns. Images of counterfactual sets (kept outside
 * the library, as they have no country) are served whole for both kinds, while they still hold their bytes.
 */
export async function resolveMediaFile(
  services: Pick<AppServices, 'db'>,
  kind: MediaKind,
  sha256: string,
): Promise<LibraryFile | undefined> {
  if (!SHA256.test(sha256)) return undefined;
  const repository = new ImageRepository(services.db);
  const image = await repository.bySha(sha256);
  if (image === undefined) return counterfactualImage(services, sha256);
  return kind === 'thumb' ? currentThumbnail(repository, image) : currentImageFile(repository, image);
}

async function counterfactualImage(
  services: Pick<AppServices, 'db'>,
  sha256: string,
): Promise<LibraryFile | undefined> {
  const row = await new AttributionRepository(services.db).imageBySha(sha256);
  if (row === undefined) return undefined;
  if ((await sha256File(row.path).catch(() => null)) !== sha256) return undefined;
  const info = await stat(row.path);
  const extension = extname(row.path).slice(1).toLowerCase();
  return {
    path: row.path,
    contentType: contentTypeOf(FORMAT_OF_EXTENSION[extension] ?? extension),
    size: info.size,
  };
}
