import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DownloadStarted, DownloadView } from '../../../src-main/contract/downloads';
import { createApi, type AppApi } from '../../../src-main/api/create-api';
import type { CallContext } from '../../../src-main/api/dispatcher';
import { dollarStreetFixture } from '../../helpers/dollarstreet-fixture';
import {
  serveBytes,
  startLocalHttpServer,
  testBytes,
  type LocalHttpServer,
} from '../../helpers/local-http-server';
import { useTempDirs } from '../../helpers/temp-dir';

const BODY = testBytes(200_000, 3);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('downloads and dollarstreet API domains', () => {
  const tempDir = useTempDirs();
  let api: AppApi;
  let server: LocalHttpServer;
  let home: string;
  const call = <T>(name: string, input: unknown, door: CallContext['door'] = 'test') =>
    api.dispatcher.call(name, input, { door }) as Promise<T>;
  beforeEach(async () => {
    home = await tempDir();
    api = await createApi({ home });
    server = await startLocalHttpServer();
  });
  afterEach(async () => {
    await server.close();
    await api.close();
  });

  it('lists the catalogue: https only, plain file names, licences', async () => {
    const entries = await call<{ id: string; licence: string; files: { url: string; fileName: string }[] }[]>(
      'downloads.catalogue',
      {},
    );
    expect(entries.map((entry) => entry.id)).toContain('globalopinionqa');
    for (const entry of entries) {
      expect(entry.licence).not.toBe('');
      for (const file of entry.files) {
        expect(file.url).toMatch(/^https:\/\//);
        expect(file.fileName).toMatch(/^[A-Za-z0-9][A-Za-z0-9._+()-]*$/);
      }
    }
    await expect(call('downloads.start', { catalogueId: 'nope' })).rejects.toThrow(
      /'nope' is not in the catalogue/,
    );
  });

  it('downloads a URL into app data as a task, logs it, and refuses a second copy', async () => {
    server.route('/files/global_opinions.csv', serveBytes(BODY, { ranges: true, etag: '"1"' }));
    const progress: number[] = [];
    api.services.events.subscribe((event, payload) => {
      if (event === 'task.progress') progress.push((payload as { done: number }).done);
    });
    const started = await call<DownloadStarted>('downloads.start', {
      url: server.url('/files/global_opinions.csv?token=secret'),
      sha256: sha(BODY),
    });
    const destination = join(home, 'downloads', 'global_opinions.csv');
    expect(started.files).toEqual([{ url: expect.any(String) as unknown, destination }]);
    const views = await call<DownloadView[]>('downloads.wait', { taskId: started.taskId });
    expect(views).toEqual([
      expect.objectContaining({
        state: 'done',
        sha256: sha(BODY),
        bytes: BODY.length,
        host: '127.0.0.1',
        destination,
      }),
    ]);
    expect(views[0]!.url).not.toMatch(/secret/);
    expect((await readFile(destination)).equals(BODY)).toBe(true);
    expect(progress.at(-1)).toBe(BODY.length);
    await expect(call('downloads.start', { url: server.url('/files/global_opinions.csv') })).rejects.toThrow(
      /already exists/,
    );
    expect(await call<DownloadView[]>('downloads.list', {})).toHaveLength(1);
  });

  it('records a wrong checksum and a cancelled download, leaving nothing half-written in place', async () => {
    server.route('/bad.bin', serveBytes(BODY));
    const bad = await call<DownloadStarted>('downloads.start', {
      url: server.url('/bad.bin'),
      sha256: 'b'.repeat(64),
    });
    const [failed] = await call<DownloadView[]>('downloads.wait', { taskId: bad.taskId });
    expect(failed).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/checksum of bad\.bin from 127\.0\.0\.1 is wrong/) as unknown,
    });
    expect(existsSync(join(home, 'downloads', 'bad.bin'))).toBe(false);

    server.route('/slow.bin', serveBytes(BODY, { ranges: true, etag: '"s"', stallAfter: 10_000 }));
    const slow = await call<DownloadStarted>('downloads.start', {
      url: server.url('/slow.bin'),
      to: 'models',
    });
    await expect(call('downloads.start', { url: server.url('/slow.bin'), to: 'models' })).rejects.toThrow(
      /being downloaded already/,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call('downloads.cancel', { taskId: slow.taskId });
    const [cancelled] = await call<DownloadView[]>('downloads.wait', { taskId: slow.taskId });
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      error: expect.stringMatching(/cancelled/) as unknown,
    });
    expect(existsSync(join(home, 'models', 'slow.bin'))).toBe(false);
    expect((await call<DownloadView[]>('downloads.list', {})).map((view) => view.state)).toEqual([
      'cancelled',
      'failed',
    ]);
    await expect(call('downloads.cancel', { taskId: 'unknown' })).rejects.toThrow(/No task 'unknown'/);
    // A row still 'running' from an app that stopped mid-download lists as interrupted.
    await api.services.db.run(
      "INSERT INTO downloads (task_id, url, destination, state) VALUES ('gone', 'https://h.example/x', '/tmp/x', 'running')",
    );
    expect((await call<DownloadView[]>('downloads.list', {}))[0]).toMatchObject({
      state: 'interrupted',
      host: 'h.example',
    });
  });

  it('refuses plain http to other hosts, and a chosen folder outside the command line', async () => {
    await expect(call('downloads.start', { url: 'http://example.com/x.csv' })).rejects.toThrow(/unencrypted/);
    await expect(
      call('downloads.start', { url: server.url('/x.csv'), folder: await tempDir() }, 'http'),
    ).rejects.toThrow(/only on the command line/);
    await expect(
      call('downloads.start', { url: server.url('/x.csv'), fileName: '../x.csv' }),
    ).rejects.toThrow(/not a plain file name/);
  });

  it('imports the index, counts a selection, and downloads photos into the library as a task', async () => {
    const index = join(home, 'metadata.csv');
    await writeFile(
      index,
      await dollarStreetFixture(server, [
        { country: 'Kenya', household: 'Kenya 7', id: 'k1', income: 40, labels: ['homes'], serve: 'jpeg' },
        { country: 'Kenya', household: 'Kenya 7', id: 'k2', income: 40, labels: ['stoves'], serve: 'jpeg' },
        { country: 'Peru', household: 'Peru 1', id: 'p1', income: 700, labels: ['homes'], serve: 'jpeg' },
      ]),
    );
    expect(await call('dollarstreet.importIndex', { path: index })).toMatchObject({ rows: 3, countries: 2 });
    const selection = await call<{ photos: number; byCountry: unknown[] }>('dollarstreet.query', {
      countries: ['Kenya'],
      topics: ['homes'],
    });
    expect(selection).toMatchObject({ photos: 1, licence: 'CC BY 4.0' });
    await expect(call('dollarstreet.query', { countries: ['Atlantis'] })).rejects.toThrow(
      /'Atlantis' is not a country/,
    );
    const started = await call<{ taskId: string; photos: number }>('dollarstreet.download', {
      countries: ['KE'],
      limit: 5,
    });
    expect(started.photos).toBe(2);
    const report = await call('dollarstreet.wait', { taskId: started.taskId });
    expect(report).toMatchObject({ downloaded: 2, failed: [], byCountry: { KE: 2 } });
    const images = await call<{ income: number; country: string }[]>('images.list', { country: 'KE' });
    expect(images.map((image) => image.income)).toEqual([40, 40]);
    expect(await call('dollarstreet.query', { countries: ['KE'] })).toMatchObject({ downloaded: 2 });
  });
});
