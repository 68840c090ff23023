import { stat } from 'node:fs/promises';

import sharp from 'sharp';

import { AppError } from '../../domain/errors';
import { prepareImage } from '../prepare-image';

/** Files already checked in this process, by path, size and mtime: a group's image is checked once. */
const checked = new Map<string, string>();

async function isPreparedPng(path: string, size: number): Promise<boolean> {
  try {
    const image = sharp(path, { limitInputPixels: size * size, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== 'png' || meta.width !== size || meta.height !== size) return false;
    if (meta.isProgressive === true || meta.depth !== 'uchar' || meta.hasAlpha === true) return false;
    // Decode it whole: a truncated file can have a valid header.
    await image.raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * The file the native code may open for `source`: the file itself when it is already a prepared PNG at the
 * projector's size, else a copy validated and re-encoded by `prepareImage` (which throws `bad_file` naming
 * the file). The binding's parallel API aborts the whole engine process on an image it cannot decode
 * (ENGINE.md §4.4), so nothing else ever reaches it, whoever the caller is.
 */
export async function guardImage(source: string, size: number, cacheDir: string): Promise<string> {
  const info = await stat(source).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `Image '${source}' does not exist.`, { file: source });
  const key = `${source}\0${info.size}\0${info.mtimeMs}\0${size}`;
  const known = checked.get(key);
  if (known !== undefined) return known;
  const usable = (await isPreparedPng(source, size))
    ? source
    : (await prepareImage(source, size, cacheDir)).path;
  if (checked.size > 1000) checked.clear();
  checked.set(key, usable);
  return usable;
}
