import { crc32, deflateSync } from 'node:zlib';

import sharp from 'sharp';

import { randomInt, type Random } from '../../../src-main/domain/stats/prng';

/*
 * Image files for the loader and importer fuzz suites: small valid seeds in each accepted format, files that
 * are broken on purpose (truncated, lying about their size, not images at all), and seeded byte damage.
 */

export interface NamedBytes {
  name: string;
  bytes: Buffer;
}

/** Small valid images, one per common format, differing in colour so their hashes differ. */
export async function seedImages(shade = 40): Promise<NamedBytes[]> {
  const base = () =>
    sharp({
      create: { width: 20, height: 12, channels: 3, background: { r: shade, g: 120, b: 200 - shade } },
    });
  return [
    { name: 'png', bytes: await base().png().toBuffer() },
    { name: 'jpeg', bytes: await base().jpeg().toBuffer() },
    { name: 'webp', bytes: await base().webp().toBuffer() },
    { name: 'gif', bytes: await base().gif().toBuffer() },
  ];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG whose header (with a valid checksum) declares `width`×`height` RGB pixels but whose data is a few
 * bytes: what a decompression bomb looks like to a reader that trusts the header.
 */
export function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose frame header is rewritten to declare `width`×`height`. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const bytes = Buffer.from(jpeg);
  for (let at = 2; at < bytes.length - 9; at++) {
    if (bytes[at] === 0xff && bytes[at + 1] === 0xc0) {
      bytes.writeUInt16BE(height, at + 5);
      bytes.writeUInt16BE(width, at + 7);
      break;
    }
  }
  return bytes;
}

/** Files every image reader must refuse cleanly (or, for the odd valid one, read). */
export async function hostileImages(): Promise<NamedBytes[]> {
  const [png, jpeg, webp, gif] = (await seedImages(77)).map((seed) => seed.bytes) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  return [
    { name: 'truncated PNG (half)', bytes: png.subarray(0, png.length >> 1) },
    { name: 'truncated PNG (header only)', bytes: png.subarray(0, 33) },
    { name: 'truncated JPEG (half)', bytes: jpeg.subarray(0, jpeg.length >> 1) },
    { name: 'truncated JPEG (no end marker)', bytes: jpeg.subarray(0, jpeg.length - 2) },
    { name: 'truncated WebP', bytes: webp.subarray(0, webp.length - 10) },
    { name: 'truncated GIF', bytes: gif.subarray(0, gif.length >> 1) },
    { name: 'PNG declaring 100000×100000 pixels', bytes: pngDeclaring(100_000, 100_000) },
    { name: 'PNG declaring 2^31-1×1 pixels', bytes: pngDeclaring(0x7fffffff, 1) },
    { name: 'PNG declaring 9000×9000 pixels (under the probe limit)', bytes: pngDeclaring(9000, 9000) },
    { name: 'PNG declaring 0×0 pixels', bytes: pngDeclaring(0, 0) },
    { name: 'JPEG declaring 65500×65500 pixels', bytes: jpegDeclaring(jpeg, 65_500, 65_500) },
    { name: 'text with a .png name', bytes: Buffer.from('this is not an image at all\n') },
    { name: 'HTML with a .png name', bytes: Buffer.from('<!doctype html><html><body>404</body></html>') },
    {
      name: 'SVG with a .png name',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/passwd"/></svg>',
      ),
    },
    { name: 'PNG signature only', bytes: png.subarray(0, 8) },
    { name: 'NUL bytes', bytes: Buffer.alloc(2048) },
    { name: 'one byte', bytes: Buffer.from([0x89]) },
  ];
}

/** Seeded damage, mostly in the header where sizes and lengths live, sometimes a truncation. */
export function mutateImage(seed: Buffer, random: Random): Buffer {
  const bytes = Buffer.from(seed);
  const edits = 1 + randomInt(random, 6);
  for (let edit = 0; edit < edits; edit++) {
    const region = randomInt(random, 3) === 0 ? bytes.length : Math.min(bytes.length, 128);
    bytes[randomInt(random, region)] = randomInt(random, 256);
  }
  return randomInt(random, 5) === 0 ? bytes.subarray(0, randomInt(random, bytes.length)) : bytes;
}
