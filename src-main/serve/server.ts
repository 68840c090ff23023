import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { networkInterfaces } from 'node:os';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import type { AppApi } from '../api/create-api';
import { bridgeScript } from './bridge-script';
import { hasValidToken, isAllowedOrigin, newAccessToken, TOKEN_COOKIE } from './auth';
import { readStaticFile } from './static-files';

export interface ServeOptions {
  api: AppApi;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; normally a fresh random one per start. */
  token?: string;
  /** Extra routes (image media) mounted by later capabilities; return true when handled. */
  extraRoutes?: ((request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>)[];
}

export interface RunningServer {
  url: string;
  /** The URL with the token, to open in a browser. */
  openUrl: string;
  token: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPE_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

// Room for dropped images (images.importDropped sends their bytes); the server is local and needs its token.
const MAX_BODY_BYTES = 40 * 1024 * 1024;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
) {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function rawToString(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

function injectBridge(html: string): string {
  // The bridge must run before the renderer's module script so that window.api exists at startup.
  return html.replace('<head>', '<head>\n    <script src="/__bridge.js"></script>');
}

/** Browser mode: serves the built renderer and the same window.api over HTTP + WebSocket. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newAccessToken();
  const { api } = options;
  let allowedHosts = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (!isAllowedOrigin(request, allowedHosts))
      return send(response, 403, 'Forbidden: unknown host or origin.');
    if (!hasValidToken(request, url, token))
      return send(response, 401, 'Unauthorized: open the URL printed by value-atlas serve.');

    if (url.searchParams.has('token') && request.method === 'GET') {
      // Trade the query token for a cookie so it does not linger in the address bar or history.
      const clean = new URL(url.toString());
      clean.searchParams.delete('token');
      return send(response, 302, '', 'text/plain', {
        Location: clean.pathname + clean.search,
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }

    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      let input: unknown;
      try {
        const body = await readBody(request);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return send(
          response,
          400,
          JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'Body must be JSON.' } }),
          'application/json',
        );
      }
      const result = await api.dispatcher.invoke(decodeURIComponent(url.pathname.slice(5)), input, {
        door: 'http',
      });
      return send(response, 200, JSON.stringify(result), 'application/json');
    }

    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed.');
    const media = /^\/media\/(image|thumb)\/([0-9a-f]{64})$/.exec(url.pathname);
    if (media !== null) {
      const file = await api.resolveMedia(media[1] as 'image' | 'thumb', media[2] as string);
      const body = file === undefined ? null : await readFile(file).catch(() => null);
      if (body === null) return send(response, 404, 'Not in the image library.');
      const type =
        media[1] === 'thumb'
          ? 'image/webp'
          : (CONTENT_TYPE_BY_EXTENSION[extname(file ?? '').toLowerCase()] ?? 'application/octet-stream');
      return send(response, 200, body, type, { 'Cache-Control': 'private, max-age=3600' });
    }
    if (url.pathname === '/__bridge.js')
      return send(response, 200, bridgeScript(api.methodNames), 'text/javascript; charset=utf-8');
    for (const route of options.extraRoutes ?? []) {
      if (await route(request, response, url)) return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (file === null) {
      // Unknown paths fall back to the app shell (hash routing keeps paths simple, but be forgiving).
      const index = await readStaticFile(options.rendererDir, '/index.html');
      if (index === null)
        return send(
          response,
          500,
          `The renderer is not built: run npm run build (looked in ${options.rendererDir}).`,
        );
      return send(response, 200, injectBridge(index.body.toString('utf8')), index.contentType);
    }
    if (file.contentType.startsWith('text/html'))
      return send(response, 200, injectBridge(file.body.toString('utf8')), file.contentType);
    return send(response, 200, file.body, file.contentType);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error.');
      else response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (
      url.pathname !== '/__ws' ||
      !isAllowedOrigin(request, allowedHosts) ||
      !hasValidToken(request, url, token)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = api.services.events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', (raw) => {
      let message: { type?: unknown; id?: unknown; name?: unknown; input?: unknown };
      try {
        message = JSON.parse(rawToString(raw)) as typeof message;
      } catch {
        return;
      }
      if (message.type !== 'call' || typeof message.id !== 'number' || typeof message.name !== 'string')
        return;
      const id = message.id;
      api.dispatcher
        .invoke(message.name, message.input, { door: 'http' })
        .then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result }));
        })
        .catch(() => undefined); // invoke() reports failures as results; nothing is left to handle here.
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const hosts = [`${displayHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
  if (host === '0.0.0.0' || host === '::') {
    // Bound to every interface: accept the machine's own addresses, still never a foreign name.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? [])
        hosts.push(address.family === 'IPv6' ? `[${address.address}]:${port}` : `${address.address}:${port}`);
    }
  }
  allowedHosts = new Set(hosts.map((h) => h.toLowerCase()));
  const url = `http://${displayHost}:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    host,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
