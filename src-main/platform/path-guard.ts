import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

import { AppError } from '../domain/errors';

/** True when `child` is `parent` or lies below it (both already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // A file that does not exist yet (an export target): judge its resolved path, parents included.
    return resolve(path);
  }
}

/**
 * Resolves `path` (following symlinks) and checks that it lies inside one of `roots`.
 * Symlinks are resolved on both sides so that a link inside a root cannot point outside it.
 */
export async function assertInsideRoots(
  path: string,
  roots: readonly string[],
  purpose: string,
): Promise<string> {
  if (!isAbsolute(path)) {
    throw new AppError('forbidden_path', `${purpose}: '${path}' is not an absolute path.`, { file: path });
  }
  const target = await realOrResolved(path);
  for (const root of roots) {
    const realRoot = await realOrResolved(root);
    if (isInside(realRoot, target)) return target;
  }
  throw new AppError(
    'forbidden_path',
    `${purpose}: '${path}' is outside the folders Value Atlas may use. Add its folder first.`,
    { file: path },
  );
}
