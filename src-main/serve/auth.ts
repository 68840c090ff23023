import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'va_token';

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The token a request carries: query string (first visit), cookie (the page's later requests) or bearer header (scripts). */
export function presentedToken(request: IncomingMessage, url: URL): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  return url.searchParams.get('token') ?? bearer ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
}

export function hasValidToken(request: IncomingMessage, url: URL, token: string): boolean {
  const given = presentedToken(request, url);
  return given !== undefined && sameSecret(token, given);
}

/**
 * Host and Origin checks. The Host check defeats DNS rebinding (a hostile page whose name resolves to
 * 127.0.0.1); the Origin check stops other sites' pages from talking to the server with the user's cookie.
 */
export function isAllowedOrigin(request: IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  const host = request.headers.host;
  if (host === undefined || !allowedHosts.has(host.toLowerCase())) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      allowedHosts.has(parsed.host.toLowerCase())
    );
  } catch {
    return false;
  }
}
