import { startServer } from '../../serve/server';
import type { CliCommand } from '../command';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Browser mode: serve the app on this machine, protected by a per-start access token',
  usage: 'value-atlas serve [--port N] [--host ADDRESS --allow-remote]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-remote': { type: 'boolean' },
  },
  async run({ values }, ctx) {
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    if (!LOOPBACK.has(host) && values['allow-remote'] !== true) {
      ctx.io.err(
        `Refusing to listen on ${host}: other machines could reach the app. Add --allow-remote if you mean it.`,
      );
      return 2;
    }
    const port = typeof values.port === 'string' ? Number(values.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.io.err(`--port must be a number between 0 and 65535, not '${String(values.port)}'.`);
      return 2;
    }
    if (!LOOPBACK.has(host)) {
      ctx.io.err(
        `WARNING: listening on ${host}. Anyone who can reach this address and has the token can use the app.`,
      );
    }
    const api = await ctx.api();
    const server = await startServer({
      api,
      rendererDir: ctx.rendererDir,
      host: host === 'localhost' ? '127.0.0.1' : host,
      port,
    });
    ctx.io.out(`Value Atlas is running in browser mode.`);
    ctx.io.out(`Open: ${server.openUrl}`);
    ctx.io.out(`Press Ctrl-C to stop.`);
    await new Promise<void>((resolvePromise) =>
      ctx.interrupted.addEventListener('abort', () => resolvePromise(), { once: true }),
    );
    await server.close();
    return 0;
  },
};
