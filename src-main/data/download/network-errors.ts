import { AppError } from '../../domain/errors';

/**
 * A URL as it may appear in messages and lists: no user name, password, query or fragment, which is where
 * signed download links and tokens live.
 */
export function displayUrl(url: URL | string): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** The last path segment, decoded; used to name the file in messages. */
export function fileNameOf(url: URL): string {
  const segment =
    url.pathname
      .split('/')
      .filter((part) => part !== '')
      .pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'dropped',
]);

/** Whether trying again (resuming the partial file) may help. */
export function isRetryable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'network' && error.details.retryable === true;
}

/**
 * Turns a socket, DNS or TLS failure into a message that names the host (never the full URL, which may carry
 * a token) and says what the user can do.
 */
export function networkError(error: unknown, url: URL): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'unknown');
  const host = url.hostname;
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  let message: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL')
    message = `Cannot resolve the host name ${host}: the computer seems to be offline, or the name does not exist (DNS lookup failed).`;
  else if (code === 'ECONNREFUSED')
    message = `${host}:${port} refused the connection (nothing is listening there).`;
  else if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN')
    message = `No route to ${host}: the computer seems to be offline.`;
  else if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    message = `${host} stopped answering (timed out).`;
  else if (RETRYABLE_CODES.has(code) || code === 'aborted')
    message = `The connection to ${host} was dropped before the file was complete.`;
  else if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code))
    message = `The TLS certificate of ${host} could not be verified (${code}).`;
  else message = `Downloading from ${host} failed (${code}).`;
  return new AppError('network', message, {
    host,
    code,
    retryable: RETRYABLE_CODES.has(code) || code === 'aborted',
  });
}

/** A dropped transfer that resuming can finish. */
export function droppedConnection(url: URL, received: number, expected: number): AppError {
  return new AppError(
    'network',
    `The connection to ${url.hostname} was dropped after ${received} of ${expected} bytes.`,
    { host: url.hostname, code: 'dropped', retryable: true },
  );
}
