import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { AppError } from '../../domain/errors';

const BLOCK = 512;

interface Header {
  name: string;
  size: number;
  type: string;
}

function text(block: Buffer, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8');
}

function parseHeader(block: Buffer, archive: string): Header | null {
  if (block.every((byte) => byte === 0)) return null; // end-of-archive marker
  const sizeField = text(block, 124, 12).trim();
  const size = parseInt(sizeField === '' ? '0' : sizeField, 8);
  if (!Number.isFinite(size) || size < 0)
    throw new AppError('bad_file', `'${archive}' is not a tar archive Value Atlas can read.`, {
      file: archive,
    });
  const prefix = text(block, 345, 155);
  const name = text(block, 0, 100);
  return { name: prefix !== '' ? `${prefix}/${name}` : name, size, type: text(block, 156, 1) || '0' };
}

/**
 * Copies one file out of a .tgz (e.g. an npm package) without a system `tar`: gunzip as a stream, walk the
 * 512-byte ustar headers (GNU long names included), and stream the wanted entry to `destination`.
 * Throws when the entry is not in the archive.
 */
export async function extractTarGzEntry(archive: string, entry: string, destination: string): Promise<void> {
  const temp = `${destination}.partial`;
  let pending: Buffer = Buffer.alloc(0);
  let header: Header | null = null;
  let remaining = 0; // bytes of the current entry's data still to come
  let padding = 0;
  let longName: string | undefined;
  let longNameParts: Buffer[] | undefined;
  let out: WriteStream | undefined;
  let found = false;
  let ended = false;

  const input = createReadStream(archive).pipe(createGunzip());
  try {
    for await (const chunk of input) {
      pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      while (!ended) {
        if (remaining > 0) {
          const take = Math.min(remaining, pending.length);
          if (take === 0) break;
          const data = pending.subarray(0, take);
          if (out !== undefined && !out.write(data))
            await new Promise<void>((resolve) => out?.once('drain', () => resolve()));
          longNameParts?.push(Buffer.from(data));
          pending = pending.subarray(take);
          remaining -= take;
          if (remaining > 0) break;
          if (longNameParts !== undefined) {
            longName = text(Buffer.concat(longNameParts), 0, Number.MAX_SAFE_INTEGER);
            longNameParts = undefined;
          }
          if (out !== undefined) {
            out.end();
            await finished(out);
            out = undefined;
            found = true;
            ended = true;
            break;
          }
        }
        if (padding > 0) {
          const skip = Math.min(padding, pending.length);
          pending = pending.subarray(skip);
          padding -= skip;
          if (padding > 0) break;
        }
        if (pending.length < BLOCK) break;
        header = parseHeader(pending.subarray(0, BLOCK), archive);
        pending = pending.subarray(BLOCK);
        if (header === null) {
          ended = true;
          break;
        }
        const name = (longName ?? header.name).replace(/^\.\//, '');
        if (header.type !== 'L') longName = undefined;
        remaining = header.size;
        padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
        if (header.type === 'L') longNameParts = [];
        else if (name === entry && (header.type === '0' || header.type === '\0')) {
          out = createWriteStream(temp);
          if (remaining === 0) {
            out.end();
            await finished(out);
            out = undefined;
            found = true;
            ended = true;
          }
        }
      }
      if (ended) break;
    }
  } catch (error) {
    out?.destroy();
    await rm(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('bad_file', `'${archive}' could not be unpacked: ${(error as Error).message}`, {
      file: archive,
    });
  } finally {
    input.destroy();
  }
  if (!found) {
    await rm(temp, { force: true });
    throw new AppError('bad_file', `'${archive}' has no file '${entry}'.`, { file: archive });
  }
  await rename(temp, destination);
}
