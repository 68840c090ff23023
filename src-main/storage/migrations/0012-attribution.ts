import type { Migration } from './types';

/**
 * Counterfactual image sets for the value-attribution study: the same person placed in different contexts
 * of one dimension (religion, nationality, socioeconomic status). The files stay where the user keeps them;
 * their hashes are kept so a changed file is noticed.
 */
export const attributionMigration: Migration = {
  id: '0012-attribution',
  sql: `
    CREATE TABLE attribution_sets (
      id TEXT PRIMARY KEY,
      dimension TEXT NOT NULL,
      person_json TEXT NOT NULL DEFAULT '{}',
      source TEXT NOT NULL,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE attribution_images (
      set_id TEXT NOT NULL REFERENCES attribution_sets(id) ON DELETE CASCADE,
      context TEXT NOT NULL,
      label TEXT NOT NULL,
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      PRIMARY KEY (set_id, context)
    );
  `,
};
