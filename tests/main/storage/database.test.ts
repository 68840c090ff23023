import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { Database } from '../../../src-main/storage/database';
import { migrate } from '../../../src-main/storage/migrate';
import { MIGRATIONS } from '../../../src-main/storage/migrations';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { useTempDirs } from '../../helpers/temp-dir';

describe('Database', () => {
  const tempDir = useTempDirs();

  it('opens in WAL mode with foreign keys on and applies every migration once', async () => {
    const path = join(await tempDir(), 'app.sqlite');
    const db = await openAppDatabase(path);
    try {
      expect(await db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
      const applied = await db.all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(applied.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id));
      const again = await migrate(db, MIGRATIONS);
      expect(again.applied).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const path = join(await tempDir(), 'app.sqlite');
    const db = await openAppDatabase(path);
    await db.run("INSERT INTO schema_migrations (id) VALUES ('9999-from-the-future')");
    await db.run("INSERT INTO settings (key, value_json) VALUES ('keep', '1')");
    await db.close();
    await expect(openAppDatabase(path)).rejects.toThrow(/newer Value Atlas/);
    const reopened = await Database.open(path);
    try {
      expect(await reopened.get('SELECT value_json FROM settings WHERE key = ?', ['keep'])).toEqual({
        value_json: '1',
      });
    } finally {
      await reopened.close();
    }
  });

  it('rolls back a failed migration completely', async () => {
    const db = await Database.open(join(await tempDir(), 'app.sqlite'));
    try {
      const broken = [{ id: '0001-a', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }];
      await expect(migrate(db, broken)).rejects.toThrow();
      expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'a'")).toBeUndefined();
      expect(await db.all('SELECT id FROM schema_migrations')).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('serialises concurrent transactions so they never share a BEGIN', async () => {
    const db = await Database.open(join(await tempDir(), 'app.sqlite'));
    try {
      await db.exec('CREATE TABLE counter (n INTEGER)');
      await db.run('INSERT INTO counter VALUES (0)');
      const increments = Array.from({ length: 25 }, (_, index) =>
        db.transaction(async (tx) => {
          const row = await tx.get<{ n: number }>('SELECT n FROM counter');
          await new Promise((resolve) => setTimeout(resolve, index % 3));
          await tx.run('UPDATE counter SET n = ?', [(row?.n ?? 0) + 1]);
          if (index === 7) throw new Error('this one fails');
        }),
      );
      const results = await Promise.allSettled(increments);
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
      expect(await db.get('SELECT n FROM counter')).toEqual({ n: 24 });
    } finally {
      await db.close();
    }
  });
});
