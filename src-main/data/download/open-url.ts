import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { AppError } from '../../domain/errors';
import { displayUrl, networkError } from './network-errors';

export interface OpenUrlOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  maxRedirects?: number;
  /** Idle time on the socket before the attempt is given up. */
  timeoutMs?: number;
  /** Name resolution; tests pass one that fails, to check the offline message without touching the network. */
  lookup?: LookupFunction;
}

export interface OpenedUrl {
  response: IncomingMessage;
  /** Where the redirects led; its host is the one named in later messages. */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** This machine: the only place plain http is allowed (local test servers). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * https only, or http to this machine (127.0.0.1, localhost): file:, ftp:, data: could read local files or
 * other services, and plain http over the internet can be altered on the way. Credentials in the URL are
 * refused too (they would end up in logs and the download list).
 */
export function parseDownloadUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_input', `'${raw.slice(0, 200)}' is not a valid URL.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new AppError(
      'invalid_input',
      `Refusing the unencrypted address ${displayUrl(url)}: downloads use https (http only to this computer).`,
      { host: url.hostname },
    );
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError(
      'invalid_input',
      `Only https downloads are allowed, not ${url.protocol} (${displayUrl(url)}).`,
    );
  if (url.username !== '' || url.password !== '')
    throw new AppError(
      'invalid_input',
      `Refusing ${displayUrl(url)}: the URL carries a user name or password.`,
    );
  return url;
}

/** Index files list `http://` photo addresses; the same host is asked over https instead (loopback stays as is). */
export function upgradeToHttps(raw: string): string {
  const url = new URL(raw);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    url.protocol = 'https:';
    if (url.port === '80') url.port = '';
  }
  return url.toString();
}

function request(url: URL, options: OpenUrlOptions): Promise<IncomingMessage> {
  return new Promise((resolvePromise, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.get(url, {
      headers: { 'User-Agent': 'ValueAtlas', 'Accept-Encoding': 'identity', ...options.headers },
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.lookup !== undefined ? { lookup: options.lookup } : {}),
    });
    outgoing.setTimeout(options.timeoutMs ?? 30_000, () => {
      outgoing.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    });
    outgoing.once('response', resolvePromise);
    outgoing.once('error', reject);
  });
}

/**
 * GETs a URL, following at most `maxRedirects` redirects (http and https only; never from https down to
 * http). Resolves with the first non-redirect response, whatever its status; the caller reads or discards it.
 */
export async function openUrl(start: URL, options: OpenUrlOptions = {}): Promise<OpenedUrl> {
  const maxRedirects = options.maxRedirects ?? 5;
  let url = start;
  for (let hop = 0; ; hop++) {
    let response: IncomingMessage;
    try {
      response = await request(url, options);
    } catch (error) {
      if (options.signal?.aborted) throw new AppError('cancelled', 'The download was cancelled.');
      throw networkError(error, url);
    }
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || location === undefined) return { response, url };
    response.resume();
    response.destroy();
    if (hop >= maxRedirects)
      throw new AppError(
        'network',
        `Too many redirects (more than ${maxRedirects}) from ${start.hostname}.`,
        {
          host: start.hostname,
        },
      );
    let next: URL;
    try {
      next = parseDownloadUrl(new URL(location, url).toString());
    } catch (error) {
      const reason = error instanceof AppError ? error.message : 'not a valid address';
      throw new AppError('network', `${url.hostname} redirected the download elsewhere; refused. ${reason}`, {
        host: url.hostname,
      });
    }
    if (url.protocol === 'https:' && next.protocol === 'http:')
      throw new AppError('network', `${url.hostname} redirected to an unencrypted http address; refused.`, {
        host: url.hostname,
      });
    url = next;
  }
}
