import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A network-boundary double: a real HTTP server on 127.0.0.1 inside the test process, standing in for the
 * hosts a download would reach (Hugging Face, GitHub, Dollar Street). Routes are plain handlers; helpers
 * below serve bytes (with or without Range support), cut a response short, redirect, or stall.
 */

export interface SeenRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
}

export type Route = (request: IncomingMessage, response: ServerResponse, visit: number) => void;

export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  route(path: string, handler: Route): void;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startLocalHttpServer(): Promise<LocalHttpServer> {
  const routes = new Map<string, Route>();
  const visits = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push({
      path,
      range: request.headers.range ?? null,
      ifRange: (request.headers['if-range'] as string | undefined) ?? null,
    });
    const visit = (visits.get(path) ?? 0) + 1;
    visits.set(path, visit);
    const handler = routes.get(path);
    if (handler === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    handler(request, response, visit);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface BytesOptions {
  /** Honour `Range` (and `If-Range` against the ETag); otherwise always send the whole file with 200. */
  ranges?: boolean;
  etag?: string;
  /** Visits (1-based) on which the response announces the full length but the connection drops after this many bytes. */
  truncate?: { visits: number[]; after: number };
  /** Send no Content-Length (chunked), as some servers do. */
  chunked?: boolean;
  /** Send the first bytes, then stall (a slow server, for cancelling). */
  stallAfter?: number;
}

/** Serves `body` as a file would be served by a CDN. */
export function serveBytes(body: Buffer, options: BytesOptions = {}): Route {
  return (request, response, visit) => {
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const ifRange = request.headers['if-range'];
    const sameVersion = ifRange === undefined || ifRange === options.etag;
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    if (options.etag !== undefined) headers.ETag = options.etag;
    if (options.ranges === true) headers['Accept-Ranges'] = 'bytes';
    if (options.ranges === true && range !== null && sameVersion) {
      start = Number(range[1]);
      if (start >= body.length) {
        response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      headers['Content-Range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    }
    const slice = body.subarray(start);
    if (options.chunked !== true) headers['Content-Length'] = String(slice.length);
    response.writeHead(start > 0 ? 206 : 200, headers);
    if (options.truncate?.visits.includes(visit) === true) {
      // Let the client read what was sent before the connection drops.
      response.write(slice.subarray(0, options.truncate.after), () =>
        setTimeout(() => response.socket?.destroy(), 30),
      );
      return;
    }
    if (options.stallAfter !== undefined) {
      response.write(slice.subarray(0, options.stallAfter));
      return; // Never ends; the client cancels or the server is closed.
    }
    response.end(slice);
  };
}

export function redirectTo(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { Location: location }).end();
  };
}

/** `size` pseudo-random bytes, the same for the same seed. */
export function testBytes(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let index = 0; index < size; index++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[index] = state >> 16;
  }
  return bytes;
}
