import type { Migration } from './types';

/** Survey datasets with their provenance, questions, and human answer distributions per country. */
export const surveysMigration: Migration = {
  id: '0003-surveys',
  sql: `
    CREATE TABLE datasets (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      licence TEXT NOT NULL,
      citation TEXT NOT NULL,
      file_path TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      report_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE survey_questions (
      dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      text TEXT NOT NULL,
      options_json TEXT NOT NULL,
      substantive_json TEXT NOT NULL,
      scale_type TEXT NOT NULL CHECK (scale_type IN ('ordinal', 'categorical', 'binary')),
      topic TEXT,
      source TEXT,
      PRIMARY KEY (dataset_id, id)
    );
    CREATE TABLE survey_distributions (
      dataset_id INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      country TEXT NOT NULL,
      values_json TEXT NOT NULL,
      n REAL,
      valid INTEGER NOT NULL,
      problem TEXT,
      PRIMARY KEY (dataset_id, question_id, country),
      FOREIGN KEY (dataset_id, question_id) REFERENCES survey_questions(dataset_id, id) ON DELETE CASCADE
    );
    CREATE INDEX survey_distributions_by_country ON survey_distributions (dataset_id, country, valid);
  `,
};
