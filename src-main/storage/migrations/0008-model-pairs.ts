import type { Migration } from './types';

/** Text model → projector pairings the user made by hand. */
export const modelPairsMigration: Migration = {
  id: '0008-model-pairs',
  sql: `
    CREATE TABLE model_pairs (
      model_path TEXT PRIMARY KEY,
      mmproj_path TEXT NOT NULL,
      paired_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
  `,
};
