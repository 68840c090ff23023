import { stat } from 'node:fs/promises';

import { sha256File } from '../platform/sha256';
import type { Database } from './database';

/** SHA-256 of files, computed by streaming and cached until the file's size or mtime changes. */
export class FileHashCache {
  constructor(private readonly db: Database) {}

  async sha256(path: string, onBytes?: (bytes: number) => void): Promise<string> {
    const info = await stat(path);
    const row = await this.db.get<{ sha256: string }>(
      'SELECT sha256 FROM file_hashes WHERE path = ? AND size = ? AND mtime_ms = ?',
      [path, info.size, info.mtimeMs],
    );
    if (row !== undefined) return row.sha256;
    const sha256 = await sha256File(path, onBytes);
    await this.db.run(
      `INSERT INTO file_hashes (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256,
         hashed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      [path, info.size, info.mtimeMs, sha256],
    );
    return sha256;
  }
}
