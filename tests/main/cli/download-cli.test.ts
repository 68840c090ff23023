import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runCli } from '../../../src-main/cli/run-cli';
import { dollarStreetFixture } from '../../helpers/dollarstreet-fixture';
import {
  serveBytes,
  startLocalHttpServer,
  testBytes,
  type LocalHttpServer,
} from '../../helpers/local-http-server';
import { RENDERER_DIR } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('value-atlas download / dollarstreet (local HTTP server)', () => {
  const tempDir = useTempDirs();
  let server: LocalHttpServer;
  let home: string;
  beforeEach(async () => {
    server = await startLocalHttpServer();
    home = await tempDir();
  });
  afterEach(async () => {
    await server.close();
  });
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--home', home], {
      io: io.io,
      rendererDir: RENDERER_DIR,
      modelFolders: [],
      interrupted: new AbortController().signal,
    });
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  it('download URL --to FOLDER --sha256 HEX, and --list shows the catalogue', async () => {
    const body = testBytes(50_000, 9);
    server.route('/d/answers.csv', serveBytes(body));
    const folder = await tempDir();
    const hash = createHash('sha256').update(body).digest('hex');
    const done = await cli('download', server.url('/d/answers.csv'), '--to', folder, '--sha256', hash);
    expect(done).toMatchObject({ code: 0 });
    expect(done.out).toMatch(new RegExp(`done  ${join(folder, 'answers.csv')}  sha256 ${hash}`));
    expect((await readFile(join(folder, 'answers.csv'))).equals(body)).toBe(true);

    server.route('/d/other.csv', serveBytes(body));
    const wrong = await cli('download', server.url('/d/other.csv'), '--sha256', 'c'.repeat(64));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/failed .*other\.csv: The checksum of other\.csv from 127\.0\.0\.1 is wrong/);
    expect((await cli('download', 'http://example.com/x')).err).toMatch(/Refusing the unencrypted address/);

    const list = await cli('download', '--list');
    expect(list.out).toMatch(/^globalopinionqa +dataset/m);
    expect(list.out).toMatch(/smolvlm-256m +model/);
  });

  it('dollarstreet import, list and fetch', async () => {
    const index = join(home, 'metadata.csv');
    await writeFile(
      index,
      await dollarStreetFixture(server, [
        { country: 'Kenya', household: 'Kenya 7', id: 'k1', income: 40, labels: ['homes'], serve: 'jpeg' },
        { country: 'Kenya', household: 'Kenya 7', id: 'k2', income: 40, labels: ['stoves'], serve: 'jpeg' },
        { country: 'Peru', household: 'Peru 1', id: 'p1', income: 700, labels: ['homes'], serve: 'missing' },
      ]),
    );
    const imported = await cli('dollarstreet', 'import', index);
    expect(imported).toMatchObject({
      code: 0,
      out: 'Imported 3 photos of 2 households in 2 countries (2 labels).',
    });
    const list = await cli('dollarstreet', 'list', '--country', 'KE', '--label', 'homes');
    expect(list.out).toMatch(/^1 photos of 1 households, 0 downloaded/);
    expect(list.out).toMatch(/KE +Kenya +1 \(0 downloaded\)\n +PE +Peru +1/);
    expect((await cli('dollarstreet', 'fetch')).code).toBe(2);
    const fetched = await cli('dollarstreet', 'fetch', '--country', 'Kenya', '--limit', '1');
    expect(fetched).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Added 1 photos to the image library/) as unknown,
    });
    const peru = await cli('dollarstreet', 'fetch', '--country', 'PE');
    expect(peru.code).toBe(1);
    expect(peru.out).toMatch(/failed http:\/\/127\.0\.0\.1:\d+\/media\/Peru%201\/.*HTTP 404/);
    const json = JSON.parse((await cli('dollarstreet', 'list', '--json')).out) as { downloaded: number };
    expect(json.downloaded).toBe(1);
  });
});
