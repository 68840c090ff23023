import type { Database } from './database';

export type DownloadState = 'running' | 'done' | 'failed' | 'cancelled';

export interface DownloadRow {
  id: number;
  task_id: string;
  catalogue_id: string | null;
  url: string;
  destination: string;
  expected_sha256: string | null;
  sha256: string | null;
  bytes: number;
  state: DownloadState;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** The log of files the user asked to download; a row stays 'running' if the app stopped mid-download. */
export class DownloadRepository {
  constructor(private readonly db: Database) {}

  async add(
    row: Pick<DownloadRow, 'task_id' | 'catalogue_id' | 'url' | 'destination' | 'expected_sha256'>,
  ): Promise<number> {
    const { lastId } = await this.db.run(
      `INSERT INTO downloads (task_id, catalogue_id, url, destination, expected_sha256, state) VALUES (?, ?, ?, ?, ?, 'running')`,
      [row.task_id, row.catalogue_id, row.url, row.destination, row.expected_sha256],
    );
    return lastId;
  }

  async finish(
    id: number,
    outcome: { state: Exclude<DownloadState, 'running'>; sha256?: string; bytes?: number; error?: string },
  ): Promise<void> {
    await this.db.run(
      `UPDATE downloads SET state = ?, sha256 = COALESCE(?, sha256), bytes = COALESCE(?, bytes), error = ?,
         finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
      [outcome.state, outcome.sha256 ?? null, outcome.bytes ?? null, outcome.error ?? null, id],
    );
  }

  list(limit = 200): Promise<DownloadRow[]> {
    return this.db.all<DownloadRow>('SELECT * FROM downloads ORDER BY id DESC LIMIT ?', [limit]);
  }

  byTask(taskId: string): Promise<DownloadRow[]> {
    return this.db.all<DownloadRow>('SELECT * FROM downloads WHERE task_id = ? ORDER BY id', [taskId]);
  }
}
