import type { Migration } from './types';

export const coreMigration: Migration = {
  id: '0001-core',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL,
      updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    -- Folders the user chose; the API reads and writes only inside these and the app-data folder.
    CREATE TABLE allowed_folders (
      path TEXT PRIMARY KEY,
      purpose TEXT NOT NULL,
      added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
  `,
};
