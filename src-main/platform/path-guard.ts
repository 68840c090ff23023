import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

import { AppError } from '../domain/errors';

/** True when `child` is `parent` or lies below it (both already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real location of a path, following symlinks. For a path that does not exist yet (an export target),
 * the deepest existing ancestor is resolved and the rest appended, so a link higher up cannot smuggle it out.
 */
async function realOrResolved(path: string): Promise<string> {
  const absolute = resolve(path);
  const pending: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...pending.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      pending.push(basename(current));
      current = parent;
    }
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
