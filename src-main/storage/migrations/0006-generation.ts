import type { Migration } from './types';

/**
 * Free-text generation work (safety responses and their judgements, value attributions). Each row is one
 * model call; follow-up calls (a judge per dimension, a retry) are inserted when their parent finishes,
 * in the same transaction, so a killed run resumes with neither gaps nor duplicates.
 */
export const generationMigration: Migration = {
  id: '0006-generation',
  sql: `
    CREATE TABLE generation_items (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      item_key TEXT NOT NULL,
      position INTEGER NOT NULL,
      stage TEXT NOT NULL,
      parent_key TEXT,
      model_id TEXT NOT NULL,
      request_json TEXT NOT NULL,
      meta_json TEXT NOT NULL DEFAULT '{}',
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'error')),
      text TEXT,
      prompt_tokens INTEGER,
      completion_tokens INTEGER,
      duration_ms REAL,
      error TEXT,
      completed_at TEXT,
      PRIMARY KEY (run_id, item_key)
    );
    CREATE INDEX generation_items_pending ON generation_items (run_id, status, position);
    CREATE INDEX generation_items_parent ON generation_items (run_id, parent_key);
  `,
};
