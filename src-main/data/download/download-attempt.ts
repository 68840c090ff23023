import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { AppError } from '../../domain/errors';
import { droppedConnection, fileNameOf, networkError } from './network-errors';
import { openUrl } from './open-url';
import { partPaths, removePart, resumableOffset, validatorOf, writePartInfo } from './part-file';

export interface AttemptOptions {
  destination: string;
  maxBytes: number;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
  maxRedirects?: number;
  timeoutMs?: number;
  lookup?: LookupFunction;
}

/** Feeds the part file already on disk into the hash, so the checksum covers the whole file after a resume. */
async function hashExisting(path: string): Promise<Hash> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

function contentRange(response: IncomingMessage): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers['content-range'] ?? '');
  if (match === null) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function tooLarge(url: URL, bytes: number, limit: number): AppError {
  return new AppError(
    'bad_file',
    `${fileNameOf(url) || url.hostname} from ${url.hostname} is larger than the limit of ${limit} bytes (${bytes} bytes or more); the partial file was deleted.`,
    { host: url.hostname, limit },
  );
}

/** Throws for any status that carries no usable body; returns the offset the body starts at. */
async function startOf(
  response: IncomingMessage,
  url: URL,
  offset: number,
  destination: string,
): Promise<number | 'complete'> {
  const status = response.statusCode ?? 0;
  if (status === 200) return 0;
  if (status === 206 && offset > 0 && contentRange(response)?.start === offset) return offset;
  response.resume();
  if (status === 206) {
    await removePart(destination);
    throw new AppError('network', `${url.hostname} sent a different part of the file; starting again.`, {
      host: url.hostname,
      retryable: true,
    });
  }
  if (status === 416 && offset > 0) {
    // Nothing left to send: the part file may already be complete (a drop right at the end).
    const total = /\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1];
    if (total !== undefined && Number(total) === offset) return 'complete';
    await removePart(destination);
    throw new AppError('network', `${url.hostname} refused to resume; starting again.`, {
      host: url.hostname,
      retryable: true,
    });
  }
  const name = fileNameOf(url) || url.hostname;
  throw new AppError(
    status === 404 || status === 410 ? 'not_found' : 'network',
    `Download of ${name} from ${url.hostname} failed: HTTP ${status} ${response.statusMessage ?? ''}`.trim(),
    { host: url.hostname, status, retryable: status >= 500 || status === 429 },
  );
}

/**
 * One request into `<destination>.part`: resumes with `Range` + `If-Range` when an earlier attempt left
 * bytes and the server's validator for them, starts over when the server sends the whole file instead.
 * Returns the SHA-256 of the complete part file.
 */
export async function attemptOnce(rawUrl: string, url: URL, options: AttemptOptions): Promise<Hash> {
  const { destination, maxBytes } = options;
  const { part } = partPaths(destination);
  const { offset, validator } = await resumableOffset(destination, rawUrl);
  const { response, url: finalUrl } = await openUrl(url, {
    headers: offset > 0 && validator !== null ? { Range: `bytes=${offset}-`, 'If-Range': validator } : {},
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.lookup !== undefined ? { lookup: options.lookup } : {}),
  });
  const start = await startOf(response, finalUrl, offset, destination);
  if (start === 'complete') return hashExisting(part);
  const lengthHeader = response.headers['content-length'];
  const total =
    lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? start + Number(lengthHeader) : null;
  if (total !== null && total > maxBytes) {
    response.destroy();
    await removePart(destination);
    throw tooLarge(finalUrl, total, maxBytes);
  }
  // From here on the body continues the part file (206) or replaces it (200: whole file, maybe a new version).
  if (start === 0) await removePart(destination);
  await writePartInfo(destination, { url: rawUrl, validator: validatorOf(response.headers) });
  const hash = start > 0 ? await hashExisting(part) : createHash('sha256');
  let received = start;
  options.onProgress?.(received, total);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) {
        callback(tooLarge(finalUrl, received, maxBytes));
        return;
      }
      hash.update(chunk);
      options.onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  const file = createWriteStream(part, { flags: start > 0 ? 'a' : 'w' });
  try {
    await pipeline(response, counter, file);
  } catch (error) {
    // Writes still in flight must land before the next attempt measures the part file.
    if (!file.closed) await once(file, 'close');
    if (error instanceof AppError && error.code === 'bad_file') await removePart(destination);
    if (options.signal?.aborted) throw error;
    throw networkError(error, finalUrl);
  }
  if (total !== null && received < total) throw droppedConnection(finalUrl, received, total);
  return hash;
}
