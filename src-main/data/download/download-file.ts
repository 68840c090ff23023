import { mkdir, open, rename, stat } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { AppError } from '../../domain/errors';
import { sha256File } from '../../platform/sha256';
import { attemptOnce } from './download-attempt';
import { displayUrl, fileNameOf, isRetryable, networkError } from './network-errors';
import { parseDownloadUrl } from './open-url';
import { partPaths, removePart } from './part-file';

/** No file the app knows of comes near this (the largest model pairs are a few GiB). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 ** 3;

export interface DownloadRequest {
  url: string;
  /** Absolute path of the finished file; `<destination>.part` holds the bytes until they are verified. */
  destination: string;
  /** Expected SHA-256 (hex) when known: a mismatch deletes the partial file and fails. */
  sha256?: string | null;
  /** Refused before writing when the server announces more, stopped (and deleted) when more arrives. */
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
  maxRedirects?: number;
  /** Attempts after a dropped connection, each resuming where the last stopped. */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  lookup?: LookupFunction;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  bytes: number;
  attempts: number;
  /** The destination already held the expected bytes; nothing was fetched. */
  alreadyPresent: boolean;
}

function checkedSha(value: string | null | undefined): string | null {
  const expected = value?.toLowerCase() ?? null;
  if (expected !== null && !/^[0-9a-f]{64}$/.test(expected))
    throw new AppError('invalid_input', 'The expected SHA-256 must be 64 hexadecimal characters.');
  return expected;
}

/** An existing destination is fine only when its bytes are the expected ones; it is never overwritten. */
async function existing(destination: string, expected: string | null): Promise<DownloadResult | null> {
  const info = await stat(destination).catch(() => null);
  if (info === null) return null;
  if (expected !== null && (await sha256File(destination)) === expected)
    return { path: destination, sha256: expected, bytes: info.size, attempts: 0, alreadyPresent: true };
  throw new AppError('conflict', `'${destination}' already exists; delete it first or choose another name.`, {
    file: destination,
  });
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Downloads one URL to `destination` through `<destination>.part` and renames it into place only once it
 * is complete and verified, so the destination never holds a half-written file. A dropped connection is
 * retried, resuming with `Range`; a cancelled download, or one that ran out of retries, keeps its part file
 * so the next attempt resumes; any other failure (HTTP error, wrong checksum, too large) deletes it.
 */
export async function downloadFile(request: DownloadRequest): Promise<DownloadResult> {
  const url = parseDownloadUrl(request.url);
  const expected = checkedSha(request.sha256);
  const { destination } = request;
  const name = fileNameOf(url) || url.hostname;
  const present = await existing(destination, expected);
  if (present !== null) return present;
  await mkdir(dirname(destination), { recursive: true });
  const retries = request.retries ?? 3;
  const options = { ...request, destination, maxBytes: request.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES };
  let attempts = 0;
  let actual: string;
  for (;;) {
    attempts++;
    try {
      actual = (await attemptOnce(request.url, url, options)).digest('hex');
      break;
    } catch (error) {
      if (request.signal?.aborted)
        throw new AppError(
          'cancelled',
          `The download of ${name} was cancelled; the partial file is kept to resume later.`,
          {
            url: displayUrl(url),
          },
        );
      const failure = networkError(error, url);
      if (isRetryable(failure) && attempts <= retries) {
        await sleep((request.retryDelayMs ?? 1000) * attempts, undefined, {
          ...(request.signal !== undefined ? { signal: request.signal } : {}),
        }).catch(() => undefined);
        continue;
      }
      if (isRetryable(failure))
        throw new AppError(
          'network',
          `${failure.message} Gave up after ${attempts} attempts; start it again to resume.`,
          {
            ...failure.details,
            url: displayUrl(url),
          },
        );
      await removePart(destination);
      throw new AppError(failure.code, failure.message, { ...failure.details, url: displayUrl(url) });
    }
  }
  const { part } = partPaths(destination);
  if (expected !== null && actual !== expected) {
    await removePart(destination);
    throw new AppError(
      'bad_file',
      `The checksum of ${name} from ${url.hostname} is wrong (expected ${expected}, got ${actual}); the partial file was deleted.`,
      { host: url.hostname, url: displayUrl(url) },
    );
  }
  await syncFile(part);
  const bytes = (await stat(part)).size;
  await rename(part, destination);
  await removePart(destination);
  return { path: destination, sha256: actual, bytes, attempts, alreadyPresent: false };
}
