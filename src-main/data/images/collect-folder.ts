import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

import { AppError } from '../../domain/errors';
import { isInside } from '../../platform/path-guard';
import type { ImageCandidate, SkippedFile } from './image-candidate';
import { IMAGE_EXTENSIONS } from './image-probe';
import { resolveCountry } from './resolve-country';

export interface CollectedFolder {
  /** The chosen folder with links resolved; every accepted file lies inside it. */
  root: string;
  candidates: ImageCandidate[];
  skipped: SkippedFile[];
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * Lists the images of a folder laid out `<country>/<category>/<image>` (or `<country>/<image>`, without a
 * category). Country folders may be named by ISO code or by name. Links are followed only while they stay
 * inside the chosen folder. Hidden entries (dot files such as .DS_Store) are ignored without a word;
 * everything else that cannot be used is reported with its reason. Reads names only, never file contents.
 */
export async function collectImageFolder(folder: string): Promise<CollectedFolder> {
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new AppError('not_found', `Folder '${folder}' does not exist or is not a folder.`, {
      file: folder,
    });
  const root = await realpath(folder);
  const candidates: ImageCandidate[] = [];
  const skipped: SkippedFile[] = [];

  const visit = async (dir: string, depth: number, country: string | null, category: string | null) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: dir, reason: `the folder cannot be read (${errorCode(error)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const real = await realpath(path).catch(() => null);
      if (real === null) {
        skipped.push({ file: path, reason: 'a broken link' });
        continue;
      }
      if (!isInside(root, real)) {
        skipped.push({ file: path, reason: 'a link leading outside the chosen folder' });
        continue;
      }
      const target = await stat(real).catch(() => null);
      if (target === null) {
        skipped.push({ file: path, reason: 'cannot be read' });
        continue;
      }
      if (target.isDirectory()) {
        if (depth === 0) {
          const code = resolveCountry(entry.name);
          if (code === null)
            skipped.push({ file: path, reason: `'${entry.name}' is not a country name or ISO code` });
          else await visit(path, 1, code, null);
        } else if (depth === 1) await visit(path, 2, country, entry.name);
        else skipped.push({ file: path, reason: 'a folder below <country>/<category> (not read)' });
        continue;
      }
      if (!target.isFile()) {
        skipped.push({ file: path, reason: 'not a regular file' });
        continue;
      }
      if (country === null) {
        skipped.push({ file: path, reason: 'not inside a <country> folder' });
        continue;
      }
      if (!IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        skipped.push({ file: path, reason: `not an image (${extname(entry.name) || 'no extension'})` });
        continue;
      }
      candidates.push({ file: path, real, country, category, source: relative(root, path) });
    }
  };
  await visit(root, 0, null, null);
  return { root, candidates, skipped };
}
