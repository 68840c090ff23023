import { Database } from './database';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

/** Opens the app database and brings its schema up to date. */
export async function openAppDatabase(
  path: string,
  options: { busyTimeoutMs?: number } = {},
): Promise<Database> {
  const db = await Database.open(path, options);
  try {
    await migrate(db, MIGRATIONS);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
