import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { extractTarGzEntry } from '../../../../src-main/engine/native/tar';
import { useTempDirs } from '../../../helpers/temp-dir';

/** A .tgz laid out like an npm package, made by the system tar (GNU format: long names use 'L' entries). */
async function makePackage(dir: string): Promise<string> {
  const root = join(dir, 'package');
  const deep = join(
    root,
    'llama',
    'a-rather-long-folder-name-that-needs-more-than-one-hundred-characters',
    'in-total-to-test',
  );
  await mkdir(deep, { recursive: true });
  await writeFile(join(root, 'package.json'), '{"name":"x"}');
  await writeFile(join(root, 'llama', 'gitRelease.bundle'), Buffer.alloc(70_000, 7)); // spans many blocks
  await writeFile(join(root, 'llama', 'empty.txt'), '');
  await writeFile(join(deep, 'long-named-file.txt'), 'found me');
  const archive = join(dir, 'package.tgz');
  execFileSync('tar', ['--format=gnu', '-czf', archive, '-C', dir, 'package']);
  return archive;
}

describe.skipIf(process.platform === 'win32')('extractTarGzEntry', () => {
  const tempDir = useTempDirs();

  it('copies one entry out of a .tgz, byte for byte, including empty files and long names', async () => {
    const dir = await tempDir();
    const archive = await makePackage(dir);
    const bundle = join(dir, 'out.bundle');
    await extractTarGzEntry(archive, 'package/llama/gitRelease.bundle', bundle);
    expect((await readFile(bundle)).equals(Buffer.alloc(70_000, 7))).toBe(true);
    await extractTarGzEntry(archive, 'package/llama/empty.txt', join(dir, 'empty'));
    expect(await readFile(join(dir, 'empty'), 'utf8')).toBe('');
    const long =
      'package/llama/a-rather-long-folder-name-that-needs-more-than-one-hundred-characters/in-total-to-test/long-named-file.txt';
    await extractTarGzEntry(archive, long, join(dir, 'long'));
    expect(await readFile(join(dir, 'long'), 'utf8')).toBe('found me');
  });

  it('says which entry is missing, and rejects what is not a gzip tar', async () => {
    const dir = await tempDir();
    const archive = await makePackage(dir);
    await expect(
      extractTarGzEntry(archive, 'package/llama/nope.bundle', join(dir, 'x')),
    ).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringContaining("has no file 'package/llama/nope.bundle'") as unknown,
    });
    const junk = join(dir, 'junk.tgz');
    await writeFile(junk, gzipSync(Buffer.from('this is not a tar archive at all')));
    await expect(extractTarGzEntry(junk, 'package/x', join(dir, 'y'))).rejects.toMatchObject({
      code: 'bad_file',
    });
    await writeFile(junk, 'not even gzip');
    await expect(extractTarGzEntry(junk, 'package/x', join(dir, 'y'))).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringContaining('could not be unpacked') as unknown,
    });
  });
});
