import { readFile, rm, stat } from 'node:fs/promises';

import { writeFileAtomic } from '../../platform/atomic-write';

/**
 * What is known about a partial download: the URL it came from and the server's validator for that exact
 * version of the file (a strong ETag or Last-Modified). Resuming sends the validator as `If-Range`, so a file
 * that changed on the server is sent again in full instead of being stitched onto old bytes.
 */
export interface PartInfo {
  url: string;
  validator: string | null;
}

export function partPaths(destination: string): { part: string; info: string } {
  return { part: `${destination}.part`, info: `${destination}.part.json` };
}

/** Bytes on disk that may be resumed, with their validator; anything unusable is deleted and 0 returned. */
export async function resumableOffset(
  destination: string,
  url: string,
): Promise<{ offset: number; validator: string | null }> {
  const { part, info } = partPaths(destination);
  const size = (await stat(part).catch(() => null))?.size ?? 0;
  if (size === 0) return { offset: 0, validator: null };
  const known = await readFile(info, 'utf8')
    .then((text) => JSON.parse(text) as Partial<PartInfo>)
    .catch(() => null);
  if (known?.url === url && typeof known.validator === 'string' && known.validator !== '')
    return { offset: size, validator: known.validator };
  await removePart(destination);
  return { offset: 0, validator: null };
}

export async function writePartInfo(destination: string, value: PartInfo): Promise<void> {
  await writeFileAtomic(partPaths(destination).info, JSON.stringify(value));
}

export async function removePart(destination: string): Promise<void> {
  const { part, info } = partPaths(destination);
  await rm(part, { force: true });
  await rm(info, { force: true });
}

/** A validator `If-Range` accepts: a strong ETag (never a weak `W/` one), else Last-Modified. */
export function validatorOf(headers: { etag?: string; 'last-modified'?: string }): string | null {
  const etag = headers.etag?.trim();
  if (etag !== undefined && etag !== '' && !etag.startsWith('W/')) return etag;
  const modified = headers['last-modified']?.trim();
  return modified !== undefined && modified !== '' ? modified : null;
}
