import { currentImageFile, currentThumbnail, type LibraryFile } from '../data/images/library-file';
import { ImageRepository } from '../storage/image-repository';
import type { AppServices } from './services';

export type MediaKind = 'image' | 'thumb';

const SHA256 = /^[0-9a-f]{64}$/;

/** `image/<sha256>` or `thumb/<sha256>` → the parts, or null for anything else (no other path is served). */
export function parseMediaPath(kind: string, sha256: string): { kind: MediaKind; sha256: string } | null {
  if ((kind !== 'image' && kind !== 'thumb') || !SHA256.test(sha256)) return null;
  return { kind, sha256 };
}

/**
 * The file behind a library image or its thumbnail, by content hash; undefined for anything else, and for
 * an image whose files no longer hold the imported bytes. Both media doors (the browser-mode route and the
 * Electron `va-media:` protocol) serve only what this returns.
 */
export async function resolveMediaFile(
  services: Pick<AppServices, 'db'>,
  kind: MediaKind,
  sha256: string,
): Promise<LibraryFile | undefined> {
  if (!SHA256.test(sha256)) return undefined;
  const repository = new ImageRepository(services.db);
  const image = await repository.bySha(sha256);
  if (image === undefined) return undefined;
  return kind === 'thumb' ? currentThumbnail(repository, image) : currentImageFile(repository, image);
}
