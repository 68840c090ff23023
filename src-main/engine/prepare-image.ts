import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';

import { AppError } from '../domain/errors';
import { writeFileAtomic } from '../platform/atomic-write';
import { sha256Text } from '../platform/sha256';

/** Refuse absurd inputs before decoding them (decompression bombs, 100-megapixel scans). */
const MAX_INPUT_PIXELS = 64_000_000;
const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/**
 * Validates an image and re-encodes it as a square PNG at the projector's size, cached by content hash.
 * The binding aborts the whole process on an undecodable image and decodes every request again
 * (ENGINE.md §4.4, §4.7), so the engine only ever sees these prepared files, with stable bytes.
 */
export async function prepareImage(
  source: string,
  size: number,
  cacheDir: string,
): Promise<{ path: string; sha256: string }> {
  const info = await stat(source).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `Image '${source}' does not exist.`, { file: source });
  if (info.size === 0) throw new AppError('bad_file', `Image '${source}' is empty.`, { file: source });
  if (info.size > MAX_INPUT_BYTES)
    throw new AppError('bad_file', `Image '${source}' is larger than 100 MiB.`, { file: source });
  const bytes = await readFile(source);
  const sourceHash = sha256Text(bytes);
  const target = join(cacheDir, `${sourceHash}-${size}.png`);
  const cached = await stat(target).then(
    (entry) => entry.isFile() && entry.size > 0,
    () => false,
  );
  if (!cached) {
    let png: Buffer;
    try {
      png = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate() // honour EXIF orientation
        .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0 } })
        .removeAlpha()
        .png()
        .toBuffer();
    } catch (error) {
      const reason =
        error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 160) : String(error);
      throw new AppError('bad_file', `'${source}' is not an image Value Atlas can read (${reason}).`, {
        file: source,
      });
    }
    await mkdir(cacheDir, { recursive: true });
    await writeFileAtomic(target, png);
  }
  return { path: target, sha256: sourceHash };
}
