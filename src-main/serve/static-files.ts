import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

import { isInside } from '../platform/path-guard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer; `null` for anything missing or outside the folder. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const relativePath = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const absolute = resolve(join(root, relativePath));
  if (!isInside(resolve(root), absolute)) return null;
  try {
    if (!(await stat(absolute)).isFile()) return null;
    return {
      body: await readFile(absolute),
      contentType: CONTENT_TYPES[extname(absolute).toLowerCase()] ?? 'application/octet-stream',
    };
  } catch {
    return null;
  }
}
