import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { downloadFile } from '../../../../src-main/data/download/download-file';
import { AppError } from '../../../../src-main/domain/errors';
import {
  redirectTo,
  serveBytes,
  startLocalHttpServer,
  testBytes,
  type LocalHttpServer,
} from '../../../helpers/local-http-server';
import { useTempDirs } from '../../../helpers/temp-dir';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS guard shared with child processes
const guard = require('../../../helpers/network-guard.cjs') as { attempts: { target: string }[] };

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BODY = testBytes(300_000);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('downloadFile (against a local HTTP server)', () => {
  const tempDir = useTempDirs();
  const guardBefore = guard.attempts.length;
  let server: LocalHttpServer;
  let dir: string;
  beforeEach(async () => {
    server = await startLocalHttpServer();
    dir = await tempDir();
  });
  afterEach(async () => {
    await server.close();
  });
  afterAll(() => {
    expect(guard.attempts.slice(guardBefore)).toEqual([]);
  });

  it('downloads the bytes, checks the SHA-256, reports progress and leaves no part file', async () => {
    server.route('/model.gguf', serveBytes(BODY, { ranges: true, etag: '"v1"' }));
    const destination = join(dir, 'model.gguf');
    const seen: [number, number | null][] = [];
    const result = await downloadFile({
      url: server.url('/model.gguf'),
      destination,
      sha256: sha(BODY).toUpperCase(),
      onProgress: (received, total) => seen.push([received, total]),
    });
    expect(result).toMatchObject({ path: destination, sha256: sha(BODY), bytes: BODY.length, attempts: 1 });
    expect((await readFile(destination)).equals(BODY)).toBe(true);
    expect(seen.at(-1)).toEqual([BODY.length, BODY.length]);
    expect(existsSync(`${destination}.part`)).toBe(false);
    expect(existsSync(`${destination}.part.json`)).toBe(false);
    const again = await downloadFile({ url: server.url('/model.gguf'), destination, sha256: sha(BODY) });
    expect(again.alreadyPresent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('resumes a truncated response with Range + If-Range and verifies the whole file', async () => {
    server.route(
      '/data.bin',
      serveBytes(BODY, { ranges: true, etag: '"v1"', truncate: { visits: [1], after: 100_000 } }),
    );
    const destination = join(dir, 'data.bin');
    const result = await downloadFile({
      url: server.url('/data.bin'),
      destination,
      sha256: sha(BODY),
      retries: 2,
      retryDelayMs: 0,
    });
    expect(result.attempts).toBe(2);
    expect((await readFile(destination)).equals(BODY)).toBe(true);
    expect(server.requests[1]).toMatchObject({
      range: expect.stringMatching(/^bytes=\d+-$/) as unknown,
      ifRange: '"v1"',
    });
    expect(Number(/\d+/.exec(server.requests[1]!.range!)![0])).toBeGreaterThan(0);
  });

  it('gives up after its retries keeping the part file; the next call resumes it with a Range request', async () => {
    server.route(
      '/data.bin',
      serveBytes(BODY, { ranges: true, etag: '"v1"', truncate: { visits: [1], after: 120_000 } }),
    );
    const destination = join(dir, 'data.bin');
    const error = await failure(downloadFile({ url: server.url('/data.bin'), destination, retries: 0 }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/127\.0\.0\.1/);
    expect(error.message).toMatch(/start it again to resume/);
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.part`)).toBe(true);
    const result = await downloadFile({ url: server.url('/data.bin'), destination, sha256: sha(BODY) });
    expect(result.bytes).toBe(BODY.length);
    expect(server.requests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect((await readFile(destination)).equals(BODY)).toBe(true);
  });

  it('starts over when the server ignores Range, or when the file changed since the partial download', async () => {
    server.route('/plain.bin', serveBytes(BODY, { etag: '"v1"', truncate: { visits: [1], after: 50_000 } }));
    const plain = join(dir, 'plain.bin');
    await downloadFile({
      url: server.url('/plain.bin'),
      destination: plain,
      sha256: sha(BODY),
      retries: 1,
      retryDelayMs: 0,
    });
    expect((await readFile(plain)).equals(BODY)).toBe(true);

    const older = testBytes(300_000, 7);
    server.route(
      '/changing.bin',
      serveBytes(older, { ranges: true, etag: '"old"', truncate: { visits: [1], after: 80_000 } }),
    );
    const changing = join(dir, 'changing.bin');
    await failure(downloadFile({ url: server.url('/changing.bin'), destination: changing, retries: 0 }));
    server.route('/changing.bin', serveBytes(BODY, { ranges: true, etag: '"new"' }));
    const result = await downloadFile({ url: server.url('/changing.bin'), destination: changing });
    expect(server.requests.at(-1)!.ifRange).toBe('"old"');
    expect(result.sha256).toBe(sha(BODY));
    expect((await readFile(changing)).equals(BODY)).toBe(true);
  });

  it('deletes everything on a wrong checksum and names the host and the file', async () => {
    server.route('/global_opinions.csv', serveBytes(BODY, { ranges: true }));
    const destination = join(dir, 'global_opinions.csv');
    const error = await failure(
      downloadFile({ url: server.url('/global_opinions.csv'), destination, sha256: 'a'.repeat(64) }),
    );
    expect(error.code).toBe('bad_file');
    expect(error.message).toMatch(/checksum of global_opinions\.csv from 127\.0\.0\.1 is wrong/);
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.part`)).toBe(false);
  });

  it('follows redirects within limits, and refuses a redirect to plain http elsewhere', async () => {
    server.route('/file', serveBytes(BODY));
    server.route('/moved', redirectTo('/file', 301));
    server.route('/hop', redirectTo(server.url('/moved')));
    const destination = join(dir, 'moved.bin');
    await downloadFile({ url: server.url('/hop'), destination, sha256: sha(BODY) });
    expect((await readFile(destination)).equals(BODY)).toBe(true);

    server.route('/loop', redirectTo('/loop'));
    const loop = await failure(
      downloadFile({ url: server.url('/loop'), destination: join(dir, 'loop.bin'), maxRedirects: 3 }),
    );
    expect(loop.message).toMatch(/Too many redirects/);
    server.route('/away', redirectTo('http://example.com/file'));
    const away = await failure(
      downloadFile({ url: server.url('/away'), destination: join(dir, 'away.bin') }),
    );
    expect(away.message).toMatch(/redirected the download elsewhere; refused/);
    expect(existsSync(join(dir, 'away.bin.part'))).toBe(false);
  });

  it('fails on HTTP errors without leaving files, naming the file and host', async () => {
    const destination = join(dir, 'missing.bin');
    const error = await failure(downloadFile({ url: server.url('/missing.bin'), destination }));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/missing\.bin from 127\.0\.0\.1 failed: HTTP 404/);
    expect(existsSync(destination) || existsSync(`${destination}.part`)).toBe(false);
  });

  it('enforces the size limit before writing and while streaming', async () => {
    server.route('/big', serveBytes(BODY));
    server.route('/big-chunked', serveBytes(BODY, { chunked: true }));
    const announced = await failure(
      downloadFile({ url: server.url('/big'), destination: join(dir, 'a'), maxBytes: 1000 }),
    );
    expect(announced.message).toMatch(/larger than the limit of 1000 bytes/);
    const streamed = await failure(
      downloadFile({ url: server.url('/big-chunked'), destination: join(dir, 'b'), maxBytes: 100_000 }),
    );
    expect(streamed.code).toBe('bad_file');
    for (const name of ['a', 'a.part', 'b', 'b.part']) expect(existsSync(join(dir, name))).toBe(false);
  });

  it('a cancelled download leaves nothing in place and keeps its part file to resume', async () => {
    server.route('/slow', serveBytes(BODY, { ranges: true, etag: '"v1"', stallAfter: 64_000 }));
    const destination = join(dir, 'slow.bin');
    const controller = new AbortController();
    const error = await failure(
      downloadFile({
        url: server.url('/slow'),
        destination,
        signal: controller.signal,
        onProgress: (received) => {
          if (received >= 64_000) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.part`)).toBe(true);
  });

  it('refuses non-https URLs, URLs with credentials, and an existing destination', async () => {
    for (const url of [
      'http://example.com/x',
      'file:///etc/passwd',
      'ftp://127.0.0.1/x',
      'https://u:p@example.com/x',
      'nonsense',
    ])
      expect((await failure(downloadFile({ url, destination: join(dir, 'x') }))).code).toBe('invalid_input');
    const existing = join(dir, 'there.bin');
    await writeFile(existing, 'mine');
    server.route('/there.bin', serveBytes(BODY));
    const error = await failure(downloadFile({ url: server.url('/there.bin'), destination: existing }));
    expect(error.code).toBe('conflict');
    expect(await readFile(existing, 'utf8')).toBe('mine');
  });
});
