import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streams a file through SHA-256 so multi-gigabyte models never sit in memory. */
export async function sha256File(path: string, onBytes?: (bytesRead: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    read += buffer.length;
    onBytes?.(read);
  }
  return hash.digest('hex');
}

export function sha256Text(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
