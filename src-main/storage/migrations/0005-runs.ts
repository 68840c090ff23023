import type { Migration } from './types';

/** Experiment runs, their work items (committed one by one, so a killed run resumes) and the result cache. */
export const runsMigration: Migration = {
  id: '0005-runs',
  sql: `
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      spec_json TEXT NOT NULL,
      template_json TEXT NOT NULL,
      manifest_json TEXT NOT NULL DEFAULT '{}',
      state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'paused', 'cancelled', 'completed', 'failed')),
      error TEXT,
      total_items INTEGER NOT NULL DEFAULT 0,
      warnings_json TEXT NOT NULL DEFAULT '[]',
      -- The process executing the run and its last sign of life: a run whose worker stopped beating was interrupted.
      worker_pid INTEGER,
      heartbeat_at INTEGER,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      started_at TEXT,
      finished_at TEXT
    );
    CREATE TABLE run_groups (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      group_key TEXT NOT NULL,
      position INTEGER NOT NULL,
      model_id TEXT NOT NULL,
      condition TEXT NOT NULL,
      country TEXT NOT NULL,
      persona_country TEXT,
      image_country TEXT,
      image_id INTEGER,
      order_index INTEGER NOT NULL,
      PRIMARY KEY (run_id, group_key)
    );
    CREATE TABLE run_items (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      item_key TEXT NOT NULL,
      group_key TEXT NOT NULL,
      position INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      permutation_json TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'error')),
      probabilities_json TEXT,
      coverage REAL,
      top_tokens_json TEXT,
      prompt_text TEXT,
      prompt_tokens INTEGER,
      cached_tokens INTEGER,
      duration_ms REAL,
      from_cache INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      completed_at TEXT,
      PRIMARY KEY (run_id, item_key),
      FOREIGN KEY (run_id, group_key) REFERENCES run_groups(run_id, group_key) ON DELETE CASCADE
    );
    CREATE INDEX run_items_by_status ON run_items (run_id, status, position);
    -- Prompt templates the user loaded (the built-in one lives in code).
    CREATE TABLE prompt_templates (
      id TEXT PRIMARY KEY,
      template_json TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      source_file TEXT,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE result_cache (
      cache_key TEXT PRIMARY KEY,
      result_json TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
  `,
};
