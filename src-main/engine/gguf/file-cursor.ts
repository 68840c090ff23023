import type { FileHandle } from 'node:fs/promises';

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const TWO_POW_32 = 4294967296;

/**
 * Sequential little-endian reads from a file handle through one bounded buffer.
 *
 * Reads are split in two so that tight loops (150k token strings) stay synchronous: `ensure(n)` returns a
 * promise only when the buffer must be refilled, and the typed readers then consume bytes without I/O.
 * The buffer grows only to the largest single item asked for, which the caller caps.
 */
export class FileCursor {
  private buffer: Buffer;
  private bufferStart = 0;
  private bufferEnd = 0;
  /** Absolute file offset of the next byte to consume. */
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    private readonly onTruncated: (what: string, needed: number, at: number) => never,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(fileSize, 1)));
  }

  get remaining(): number {
    return this.fileSize - this.position;
  }

  /** Makes `n` bytes at the position readable. Returns a promise only when it has to read the file. */
  ensure(n: number, what: string): Promise<void> | undefined {
    if (this.position >= this.bufferStart && this.position + n <= this.bufferEnd) return undefined;
    return this.fill(n, what);
  }

  private async fill(n: number, what: string): Promise<void> {
    if (this.position + n > this.fileSize) this.onTruncated(what, n, this.position);
    const want = Math.min(Math.max(n, this.chunkBytes), this.fileSize - this.position);
    if (this.buffer.length < want) this.buffer = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.buffer, got, want - got, this.position + got);
      // The file shrank while we read it: report it like any other truncation.
      if (bytesRead === 0) this.onTruncated(what, n, this.position);
      got += bytesRead;
    }
    this.bufferStart = this.position;
    this.bufferEnd = this.position + want;
  }

  /** Moves past `n` bytes without reading them (the next `ensure` checks that they exist). */
  skip(n: number, what: string): void {
    if (this.position + n > this.fileSize) this.onTruncated(what, n, this.position);
    this.position += n;
  }

  private take(n: number): number {
    const at = this.position - this.bufferStart;
    this.position += n;
    return at;
  }

  u8(): number {
    return this.buffer.readUInt8(this.take(1));
  }
  i8(): number {
    return this.buffer.readInt8(this.take(1));
  }
  u16(): number {
    return this.buffer.readUInt16LE(this.take(2));
  }
  i16(): number {
    return this.buffer.readInt16LE(this.take(2));
  }
  u32(): number {
    return this.buffer.readUInt32LE(this.take(4));
  }
  i32(): number {
    return this.buffer.readInt32LE(this.take(4));
  }
  f32(): number {
    return this.buffer.readFloatLE(this.take(4));
  }
  f64(): number {
    return this.buffer.readDoubleLE(this.take(8));
  }
  u64(): bigint {
    return this.buffer.readBigUInt64LE(this.take(8));
  }
  i64(): bigint {
    return this.buffer.readBigInt64LE(this.take(8));
  }

  /**
   * A u64 count or length as a number, without a BigInt per call. Values above 2^53 come back inexact but
   * still far above any cap, which is all the caller needs to reject them.
   */
  u64AsNumber(): number {
    const at = this.take(8);
    return this.buffer.readUInt32LE(at + 4) * TWO_POW_32 + this.buffer.readUInt32LE(at);
  }

  utf8(n: number): string {
    const at = this.take(n);
    return this.buffer.toString('utf8', at, at + n);
  }

  /** Copies `n` buffered bytes into `target` at `targetOffset`. */
  copyTo(target: Uint8Array, targetOffset: number, n: number): void {
    const at = this.take(n);
    target.set(this.buffer.subarray(at, at + n), targetOffset);
  }

  /** Whether the first bytes of the buffer, already ensured, equal `bytes`. */
  peekEquals(bytes: Uint8Array): boolean {
    const at = this.position - this.bufferStart;
    for (let i = 0; i < bytes.length; i++) if (this.buffer[at + i] !== bytes[i]) return false;
    return true;
  }

  /** How many bytes can be consumed from the buffer right now. */
  get buffered(): number {
    return this.position < this.bufferStart ? 0 : Math.max(0, this.bufferEnd - this.position);
  }
}
