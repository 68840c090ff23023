import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { RENDERER_DIR } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

describe('serve (browser mode)', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  let server: RunningServer | undefined;

  afterEach(async () => {
    await server?.close();
    await api?.close();
    server = undefined;
    api = undefined;
  });

  async function start(): Promise<RunningServer> {
    api = await createApi({ home: await tempDir() });
    server = await startServer({ api, rendererDir: RENDERER_DIR });
    return server;
  }

  it('binds loopback with a fresh random token each start', async () => {
    const first = await start();
    expect(first.host).toBe('127.0.0.1');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const second = await startServer({ api: api!, rendererDir: RENDERER_DIR });
    try {
      expect(second.token).not.toBe(first.token);
    } finally {
      await second.close();
    }
  });

  it('refuses every request without the token', async () => {
    const { url } = await start();
    for (const path of ['', 'index.html', '__bridge.js', 'api/system.ping']) {
      const response = await fetch(url + path, { method: path.startsWith('api/') ? 'POST' : 'GET' });
      expect(response.status, path).toBe(401);
    }
    const wrong = await fetch(`${url}api/system.ping`, {
      method: 'POST',
      headers: { Authorization: 'Bearer wrong' },
    });
    expect(wrong.status).toBe(401);
  });

  it('refuses other origins and foreign Host headers even with the token', async () => {
    const { url, token } = await start();
    const headers = { Authorization: `Bearer ${token}` };
    const evilOrigin = await fetch(`${url}api/system.ping`, {
      method: 'POST',
      headers: { ...headers, Origin: 'http://evil.example' },
    });
    expect(evilOrigin.status).toBe(403);
    const ok = await fetch(`${url}api/system.ping`, {
      method: 'POST',
      headers: { ...headers, Origin: url.slice(0, -1) },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true });
  });

  it('trades the query token for an HttpOnly cookie and injects the bridge', async () => {
    const { url, openUrl } = await start();
    const first = await fetch(openUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(url, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/__bridge.js"></script>');
    expect(html).toContain('Content-Security-Policy');
  });

  it('answers calls and pushes events over an authenticated WebSocket only', async () => {
    const { url, token } = await start();
    const wsUrl = url.replace('http', 'ws') + '__ws';
    await expect(
      new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl);
        socket.on('open', () => resolve('opened'));
        socket.on('error', reject);
      }),
    ).rejects.toThrow(/401/);

    const socket = new WebSocket(`${wsUrl}?token=${token}`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const messages: unknown[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as unknown));
    socket.send(JSON.stringify({ type: 'call', id: 7, name: 'system.ping', input: {} }));
    api!.services.events.emit('log', { level: 'info', source: 'test', message: 'hello', time: 'now' });
    await expect.poll(() => messages.length).toBe(2);
    expect(messages).toContainEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { ok: true, time: expect.any(String) as unknown } },
    });
    expect(messages).toContainEqual({
      type: 'event',
      event: 'log',
      payload: { level: 'info', source: 'test', message: 'hello', time: 'now' },
    });
    socket.close();
  });

  it('never serves files outside the renderer folder', async () => {
    const { url, token } = await start();
    const response = await fetch(`${url}..%2f..%2fpackage.json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    expect(text).not.toContain('"name": "value-atlas"');
  });
});
