import type { Migration } from './types';

/**
 * The cultural-safety benchmark (CROSS): one row per imported query, with its image once the user has
 * brought the images into the library, and the labels people give responses on the human-check screen.
 * The benchmark has no licence: its text is stored only on the user's machine, never exported in bulk.
 */
export const safetyMigration: Migration = {
  id: '0011-safety',
  sql: `
    CREATE TABLE safety_items (
      id TEXT PRIMARY KEY,
      scenario_id TEXT NOT NULL,
      subset TEXT NOT NULL,
      setting TEXT NOT NULL,
      source_index TEXT NOT NULL,
      country TEXT,
      country_name TEXT NOT NULL,
      language TEXT NOT NULL,
      query TEXT NOT NULL,
      english_query TEXT NOT NULL,
      original_query TEXT NOT NULL,
      norm TEXT NOT NULL,
      item TEXT NOT NULL,
      image_source TEXT NOT NULL,
      image_source_text TEXT NOT NULL,
      image_url TEXT NOT NULL,
      image_file_name TEXT NOT NULL,
      topic TEXT,
      root_norm TEXT,
      region_or_race TEXT,
      augmented_norm TEXT,
      scene TEXT,
      image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE INDEX safety_items_by_subset ON safety_items (subset, setting, country);

    CREATE TABLE safety_human_labels (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      response_key TEXT NOT NULL,
      dimension TEXT NOT NULL,
      score INTEGER NOT NULL CHECK (score IN (0, 1)),
      labelled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      PRIMARY KEY (run_id, response_key, dimension)
    );
  `,
};
