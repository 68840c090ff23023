import { readFile } from 'node:fs/promises';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { blankImage } from '../../../src-main/runner/blank-image';
import { useTempDirs } from '../../helpers/temp-dir';

describe('blankImage', () => {
  const tempDir = useTempDirs();

  it('writes one uniform grey PNG and returns the same identity every time', async () => {
    const dir = await tempDir();
    const first = await blankImage(dir);
    const second = await blankImage(dir);
    expect(second).toEqual(first);
    expect(first.id).toBeLessThan(0);
    const stats = await sharp(await readFile(first.path)).stats();
    expect(stats.channels.map((channel) => [channel.min, channel.max])).toEqual([
      [128, 128],
      [128, 128],
      [128, 128],
    ]);
  });
});
