import type { Migration } from './types';

/** Cached file hashes (by path, size and mtime) and the model folders the user added. */
export const modelsMigration: Migration = {
  id: '0002-models',
  sql: `
    CREATE TABLE file_hashes (
      path TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      sha256 TEXT NOT NULL,
      hashed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
  `,
};
