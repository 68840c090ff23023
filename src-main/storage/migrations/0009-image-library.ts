import type { Migration } from './types';

/**
 * The image library grows up: images are stored once per content hash, with every place the same bytes
 * were found (`image_sources`, with the size and modification time seen at import so a later change is
 * noticed); the app's own copies are marked (`stored_copy` = 1: a download, or a copy the user asked for);
 * the Dollar Street index and the download log get tables of their own.
 */
export const imageLibraryMigration: Migration = {
  id: '0009-image-library',
  sql: `
    ALTER TABLE images ADD COLUMN stored_copy INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE images ADD COLUMN byte_size INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE images ADD COLUMN income REAL;

    CREATE TABLE image_sources (
      image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      country TEXT NOT NULL,
      category TEXT,
      added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      PRIMARY KEY (image_id, path)
    );
    CREATE INDEX image_sources_by_path ON image_sources (path);
    -- Images imported before this migration keep their one known file as their source.
    INSERT INTO image_sources (image_id, path, size, mtime_ms, country, category)
      SELECT id, path, 0, 0, country, category FROM images;

    -- One row per photo of the Dollar Street index (facebookresearch/dollarstreet_factors metadata.csv).
    CREATE TABLE dollarstreet_photos (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      index_row INTEGER,
      country_name TEXT NOT NULL,
      country TEXT,
      household TEXT NOT NULL,
      income REAL NOT NULL,
      region TEXT,
      labels_json TEXT NOT NULL,
      image_id INTEGER REFERENCES images(id) ON DELETE SET NULL
    );
    CREATE INDEX dollarstreet_by_country ON dollarstreet_photos (country, income);
    CREATE TABLE dollarstreet_labels (
      photo_id INTEGER NOT NULL REFERENCES dollarstreet_photos(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      PRIMARY KEY (photo_id, label)
    );
    CREATE INDEX dollarstreet_labels_by_label ON dollarstreet_labels (label, photo_id);

    -- Files the user asked the app to download (models, datasets), one row per file.
    CREATE TABLE downloads (
      id INTEGER PRIMARY KEY,
      task_id TEXT NOT NULL,
      catalogue_id TEXT,
      url TEXT NOT NULL,
      destination TEXT NOT NULL,
      expected_sha256 TEXT,
      sha256 TEXT,
      bytes INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
      error TEXT,
      started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      finished_at TEXT
    );
    CREATE INDEX downloads_by_task ON downloads (task_id);
  `,
};
