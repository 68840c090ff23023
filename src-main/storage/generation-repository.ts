import type { Database, Queryable } from './database';

export interface GenerationRequest {
  system?: string;
  /** The user's text. */
  user: string;
  /** Path of an already validated image, or none. */
  imagePath?: string;
  /** Some chat formats put the image after the text (CROSS: text first, then the image). */
  imageAfterText?: boolean;
  sampling: {
    temperature: number;
    topP: number;
    topK?: number;
    seed: number;
    maxTokens: number;
    stop?: string[];
  };
}

export interface NewGenerationItem {
  itemKey: string;
  stage: string;
  parentKey: string | null;
  modelId: string;
  request: GenerationRequest;
  meta: Record<string, unknown>;
}

export interface GenerationItemRow {
  item_key: string;
  position: number;
  stage: string;
  parent_key: string | null;
  model_id: string;
  request_json: string;
  meta_json: string;
  status: 'pending' | 'done' | 'error';
  text: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  duration_ms: number | null;
  error: string | null;
}

export interface GenerationOutput {
  text: string;
  promptTokens: number;
  completionTokens: number;
  durationMs: number;
}

/** Generation work items of a run. Completing an item and adding its follow-ups is one transaction. */
export class GenerationRepository {
  constructor(private readonly db: Database) {}

  get databasePath(): string {
    return this.db.path;
  }

  async addItems(runId: number, items: readonly NewGenerationItem[], tx?: Queryable): Promise<number> {
    const work = async (q: Queryable) => {
      const row = await q.get<{ next: number }>(
        'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM generation_items WHERE run_id = ?',
        [runId],
      );
      let position = row?.next ?? 0;
      let added = 0;
      for (const item of items) {
        const { changes } = await q.run(
          `INSERT OR IGNORE INTO generation_items (run_id, item_key, position, stage, parent_key, model_id, request_json, meta_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            runId,
            item.itemKey,
            position,
            item.stage,
            item.parentKey,
            item.modelId,
            JSON.stringify(item.request),
            JSON.stringify(item.meta),
          ],
        );
        position += changes;
        added += changes;
      }
      return added;
    };
    return tx === undefined ? this.db.transaction(work) : work(tx);
  }

  nextPending(runId: number, limit = 50): Promise<GenerationItemRow[]> {
    return this.db.all<GenerationItemRow>(
      "SELECT * FROM generation_items WHERE run_id = ? AND status = 'pending' ORDER BY position LIMIT ?",
      [runId, limit],
    );
  }

  items(runId: number): Promise<GenerationItemRow[]> {
    return this.db.all<GenerationItemRow>(
      'SELECT * FROM generation_items WHERE run_id = ? ORDER BY position',
      [runId],
    );
  }

  item(runId: number, itemKey: string): Promise<GenerationItemRow | undefined> {
    return this.db.get<GenerationItemRow>(
      'SELECT * FROM generation_items WHERE run_id = ? AND item_key = ?',
      [runId, itemKey],
    );
  }

  /** Stores a result and inserts the follow-ups it calls for; a second completion of the same item is a no-op. */
  async complete(
    runId: number,
    itemKey: string,
    output: GenerationOutput,
    followUps: readonly NewGenerationItem[],
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { changes } = await tx.run(
        `UPDATE generation_items SET status = 'done', text = ?, prompt_tokens = ?, completion_tokens = ?, duration_ms = ?,
           error = NULL, completed_at = ? WHERE run_id = ? AND item_key = ? AND status = 'pending'`,
        [
          output.text,
          output.promptTokens,
          output.completionTokens,
          output.durationMs,
          new Date().toISOString(),
          runId,
          itemKey,
        ],
      );
      if (changes === 1 && followUps.length > 0) await this.addItems(runId, followUps, tx);
      return changes === 1;
    });
  }

  async fail(runId: number, itemKey: string, error: string): Promise<void> {
    await this.db.run(
      "UPDATE generation_items SET status = 'error', error = ? WHERE run_id = ? AND item_key = ? AND status = 'pending'",
      [error, runId, itemKey],
    );
  }

  async retryFailed(runId: number): Promise<number> {
    const { changes } = await this.db.run(
      "UPDATE generation_items SET status = 'pending', error = NULL WHERE run_id = ? AND status = 'error'",
      [runId],
    );
    return changes;
  }

  async counts(
    runId: number,
  ): Promise<{ total: number; done: number; errors: number; pending: number; fromCache: number }> {
    const row = await this.db.get<{ total: number; done: number; errors: number; pending: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(status = 'done'), 0) AS done, COALESCE(SUM(status = 'error'), 0) AS errors,
              COALESCE(SUM(status = 'pending'), 0) AS pending FROM generation_items WHERE run_id = ?`,
      [runId],
    );
    return {
      total: row?.total ?? 0,
      done: row?.done ?? 0,
      errors: row?.errors ?? 0,
      pending: row?.pending ?? 0,
      fromCache: 0,
    };
  }
}
