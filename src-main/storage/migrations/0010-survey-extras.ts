import type { Migration } from './types';

/**
 * Survey data beyond GlobalOpinionQA:
 * - the WVS-7 question bank (one current copy; its sections are the default topics);
 * - links from imported questions (GlobalOpinionQA's rewording) to bank items, found by text matching;
 * - answer distributions per respondent subgroup (sex, age band, urban/rural, education) — aggregates
 *   only, never respondent rows, as the WVS terms require;
 * - Inglehart–Welzel cultural-map factor scores per country and survey year.
 */
export const surveyExtrasMigration: Migration = {
  id: '0010-survey-extras',
  sql: `
    CREATE TABLE wvs_bank_items (
      id TEXT PRIMARY KEY,
      number INTEGER NOT NULL,
      base TEXT NOT NULL,
      section TEXT,
      section_name TEXT,
      label TEXT NOT NULL,
      text TEXT NOT NULL,
      prompt_text TEXT,
      scale_type TEXT NOT NULL CHECK (scale_type IN ('ordinal', 'categorical', 'binary')),
      objective INTEGER NOT NULL,
      options_json TEXT NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE TABLE wvs_bank_source (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      file_path TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      report_json TEXT NOT NULL
    );
    CREATE TABLE survey_question_wvs_links (
      dataset_id INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      wvs_id TEXT NOT NULL,
      score REAL NOT NULL,
      PRIMARY KEY (dataset_id, question_id),
      FOREIGN KEY (dataset_id, question_id) REFERENCES survey_questions(dataset_id, id) ON DELETE CASCADE
    );
    CREATE TABLE survey_subgroup_distributions (
      dataset_id INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      country TEXT NOT NULL,
      subgroup TEXT NOT NULL,
      values_json TEXT NOT NULL,
      n INTEGER NOT NULL,
      weight_sum REAL NOT NULL,
      PRIMARY KEY (dataset_id, question_id, country, subgroup),
      FOREIGN KEY (dataset_id, question_id) REFERENCES survey_questions(dataset_id, id) ON DELETE CASCADE
    );
    CREATE TABLE cultural_map_points (
      country TEXT NOT NULL,
      year INTEGER NOT NULL,
      tradagg REAL NOT NULL,
      survsagg REAL NOT NULL,
      source_name TEXT NOT NULL,
      file_path TEXT NOT NULL,
      PRIMARY KEY (country, year)
    );
  `,
};
