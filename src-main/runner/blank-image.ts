import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';

import { writeFileAtomic } from '../platform/atomic-write';
import { sha256Text } from '../platform/sha256';
import type { RunnerImage } from './ports';

/** Large enough for every common projector; the engine resizes it to the projector's own size. */
const SIZE = 448;
/** A mid grey carries no cultural cue and no extreme pixel values. */
const GREY = { r: 128, g: 128, b: 128 };

/**
 * The neutral image of the 'blank' condition (persona + an image with no content), written once into the
 * cache. Its id is negative so it can never collide with a library image.
 */
export async function blankImage(cacheDir: string): Promise<RunnerImage> {
  const path = join(cacheDir, `blank-${SIZE}-grey.png`);
  const exists = await stat(path).then(
    (info) => info.isFile() && info.size > 0,
    () => false,
  );
  if (!exists) {
    await mkdir(cacheDir, { recursive: true });
    const png = await sharp({ create: { width: SIZE, height: SIZE, channels: 3, background: GREY } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    await writeFileAtomic(path, png);
  }
  return { id: -1, country: '', category: 'blank', sha256: sha256Text(await readFile(path)), path };
}
