import { AppError } from '../domain/errors';
import type { Database } from './database';
import type { Migration } from './migrations/types';

export interface MigrationReport {
  applied: string[];
  current: string[];
}

/** Applies missing migrations in order, each in its own transaction, and refuses a database from a newer app. */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<MigrationReport> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       id TEXT PRIMARY KEY,
       applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
     )`,
  );
  const rows = await db.all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
  const done = new Set(rows.map((row) => row.id));
  const known = new Set(migrations.map((migration) => migration.id));
  const unknown = [...done].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'unsupported',
      `The database '${db.path}' was written by a newer Value Atlas (migrations ${unknown.join(', ')}). Update the app.`,
      { file: db.path },
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (id) VALUES (?)', [migration.id]);
    });
    applied.push(migration.id);
  }
  return { applied, current: migrations.map((migration) => migration.id) };
}
