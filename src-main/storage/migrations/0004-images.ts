import type { Migration } from './types';

/** The image library: files referenced in place (never modified), identified by content hash. */
export const imagesMigration: Migration = {
  id: '0004-images',
  sql: `
    CREATE TABLE images (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      path TEXT NOT NULL,
      country TEXT NOT NULL,
      category TEXT,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      format TEXT NOT NULL,
      source TEXT,
      licence TEXT,
      attribution TEXT,
      thumbnail TEXT NOT NULL,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE INDEX images_by_country ON images (country, category);
  `,
};
