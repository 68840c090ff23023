import type { RunCounts, RunState } from '../domain/runs';
import type { Database, Queryable } from './database';

export type { RunCounts, RunState };

export interface RunRow {
  id: number;
  kind: string;
  name: string;
  spec_json: string;
  template_json: string;
  manifest_json: string;
  state: RunState;
  error: string | null;
  total_items: number;
  warnings_json: string;
  worker_pid: number | null;
  heartbeat_at: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface GroupRow {
  group_key: string;
  position: number;
  model_id: string;
  condition: string;
  country: string;
  persona_country: string | null;
  image_country: string | null;
  image_id: number | null;
  order_index: number;
}

export interface ItemRow {
  item_key: string;
  group_key: string;
  position: number;
  question_id: string;
  permutation_json: string;
  status: 'pending' | 'done' | 'error';
  probabilities_json: string | null;
  coverage: number | null;
  top_tokens_json: string | null;
  prompt_text: string | null;
  prompt_tokens: number | null;
  cached_tokens: number | null;
  duration_ms: number | null;
  from_cache: number;
  error: string | null;
}

export interface NewGroup extends Omit<GroupRow, 'position'> {
  items: { item_key: string; question_id: string; permutation_json: string }[];
}

export interface ItemResult {
  probabilities: number[];
  coverage: number;
  topTokens: unknown;
  promptText: string | null;
  promptTokens: number;
  cachedTokens: number;
  durationMs: number;
  fromCache: boolean;
}

/** Runs and their items. Each item result is its own transaction: a kill loses at most the item in flight. */
export class RunRepository {
  constructor(private readonly db: Database) {}

  get databasePath(): string {
    return this.db.path;
  }

  async createRun(
    run: {
      kind: string;
      name: string;
      specJson: string;
      templateJson: string;
      manifestJson: string;
      warningsJson: string;
    },
    groups: NewGroup[],
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { lastId } = await tx.run(
        `INSERT INTO runs (kind, name, spec_json, template_json, manifest_json, warnings_json, state, total_items)
         VALUES (?, ?, ?, ?, ?, ?, 'planned', ?)`,
        [
          run.kind,
          run.name,
          run.specJson,
          run.templateJson,
          run.manifestJson,
          run.warningsJson,
          groups.reduce((n, g) => n + g.items.length, 0),
        ],
      );
      let position = 0;
      for (const [groupPosition, group] of groups.entries()) {
        await tx.run(
          `INSERT INTO run_groups (run_id, group_key, position, model_id, condition, country, persona_country, image_country, image_id, order_index)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            lastId,
            group.group_key,
            groupPosition,
            group.model_id,
            group.condition,
            group.country,
            group.persona_country,
            group.image_country,
            group.image_id,
            group.order_index,
          ],
        );
        for (const item of group.items) {
          await tx.run(
            'INSERT INTO run_items (run_id, item_key, group_key, position, question_id, permutation_json) VALUES (?, ?, ?, ?, ?, ?)',
            [lastId, item.item_key, group.group_key, position++, item.question_id, item.permutation_json],
          );
        }
      }
      return lastId;
    });
  }

  getRun(id: number): Promise<RunRow | undefined> {
    return this.db.get<RunRow>('SELECT * FROM runs WHERE id = ?', [id]);
  }

  listRuns(kind?: string): Promise<RunRow[]> {
    return kind === undefined
      ? this.db.all<RunRow>('SELECT * FROM runs ORDER BY id DESC')
      : this.db.all<RunRow>('SELECT * FROM runs WHERE kind = ? ORDER BY id DESC', [kind]);
  }

  async setState(id: number, state: RunState, error: string | null = null): Promise<void> {
    const stamp =
      state === 'running'
        ? ', started_at = COALESCE(started_at, ?)'
        : ['completed', 'failed', 'cancelled'].includes(state)
          ? ', finished_at = ?'
          : '';
    const params: (string | number | null)[] = [state, error];
    if (stamp !== '') params.push(new Date().toISOString());
    params.push(id);
    await this.db.run(`UPDATE runs SET state = ?, error = ?${stamp} WHERE id = ?`, params);
  }

  async heartbeat(id: number, pid: number | null): Promise<void> {
    await this.db.run('UPDATE runs SET worker_pid = ?, heartbeat_at = ? WHERE id = ?', [
      pid,
      pid === null ? null : Date.now(),
      id,
    ]);
  }

  async setManifest(id: number, manifestJson: string): Promise<void> {
    await this.db.run('UPDATE runs SET manifest_json = ? WHERE id = ?', [manifestJson, id]);
  }

  groups(runId: number): Promise<GroupRow[]> {
    return this.db.all<GroupRow>('SELECT * FROM run_groups WHERE run_id = ? ORDER BY position', [runId]);
  }

  /** Groups that still have pending items, in plan order. */
  pendingGroups(runId: number): Promise<GroupRow[]> {
    return this.db.all<GroupRow>(
      `SELECT g.* FROM run_groups g
       WHERE g.run_id = ? AND EXISTS (SELECT 1 FROM run_items i WHERE i.run_id = g.run_id AND i.group_key = g.group_key AND i.status = 'pending')
       ORDER BY g.position`,
      [runId],
    );
  }

  pendingItems(runId: number, groupKey: string): Promise<ItemRow[]> {
    return this.db.all<ItemRow>(
      "SELECT * FROM run_items WHERE run_id = ? AND group_key = ? AND status = 'pending' ORDER BY position",
      [runId, groupKey],
    );
  }

  items(runId: number, where: { status?: ItemRow['status'] } = {}): Promise<ItemRow[]> {
    return where.status === undefined
      ? this.db.all<ItemRow>('SELECT * FROM run_items WHERE run_id = ? ORDER BY position', [runId])
      : this.db.all<ItemRow>('SELECT * FROM run_items WHERE run_id = ? AND status = ? ORDER BY position', [
          runId,
          where.status,
        ]);
  }

  item(runId: number, itemKey: string): Promise<ItemRow | undefined> {
    return this.db.get<ItemRow>('SELECT * FROM run_items WHERE run_id = ? AND item_key = ?', [
      runId,
      itemKey,
    ]);
  }

  /** Commits one result. Only a pending item changes, so a result can never be written twice. */
  async completeItem(
    runId: number,
    itemKey: string,
    result: ItemResult,
    tx: Queryable = this.db,
  ): Promise<boolean> {
    const { changes } = await tx.run(
      `UPDATE run_items SET status = 'done', probabilities_json = ?, coverage = ?, top_tokens_json = ?, prompt_text = ?,
         prompt_tokens = ?, cached_tokens = ?, duration_ms = ?, from_cache = ?, error = NULL, completed_at = ?
       WHERE run_id = ? AND item_key = ? AND status = 'pending'`,
      [
        JSON.stringify(result.probabilities),
        result.coverage,
        JSON.stringify(result.topTokens),
        result.promptText,
        result.promptTokens,
        result.cachedTokens,
        result.durationMs,
        result.fromCache ? 1 : 0,
        new Date().toISOString(),
        runId,
        itemKey,
      ],
    );
    return changes === 1;
  }

  async failItem(runId: number, itemKey: string, error: string): Promise<void> {
    await this.db.run(
      "UPDATE run_items SET status = 'error', error = ? WHERE run_id = ? AND item_key = ? AND status = 'pending'",
      [error, runId, itemKey],
    );
  }

  async retryFailed(runId: number): Promise<number> {
    const { changes } = await this.db.run(
      "UPDATE run_items SET status = 'pending', error = NULL WHERE run_id = ? AND status = 'error'",
      [runId],
    );
    return changes;
  }

  async counts(runId: number): Promise<RunCounts> {
    const row = await this.db.get<RunCounts>(
      `SELECT COUNT(*) AS total,
              COALESCE(SUM(status = 'done'), 0) AS done,
              COALESCE(SUM(status = 'error'), 0) AS errors,
              COALESCE(SUM(status = 'pending'), 0) AS pending,
              COALESCE(SUM(from_cache), 0) AS fromCache
       FROM run_items WHERE run_id = ?`,
      [runId],
    );
    return row ?? { total: 0, done: 0, errors: 0, pending: 0, fromCache: 0 };
  }

  /** Mean scoring time per item for a model, from items it actually scored (cache hits excluded). */
  async itemTiming(modelId: string): Promise<{ meanMs: number; n: number } | undefined> {
    const row = await this.db.get<{ meanMs: number | null; n: number }>(
      `SELECT AVG(i.duration_ms) AS meanMs, COUNT(*) AS n FROM run_items i
       JOIN run_groups g ON g.run_id = i.run_id AND g.group_key = i.group_key
       WHERE g.model_id = ? AND i.status = 'done' AND i.from_cache = 0 AND i.duration_ms IS NOT NULL`,
      [modelId],
    );
    return row?.meanMs == null || row.n === 0 ? undefined : { meanMs: row.meanMs, n: row.n };
  }

  async deleteRun(id: number): Promise<void> {
    await this.db.run('DELETE FROM runs WHERE id = ?', [id]);
  }

  getCached(cacheKey: string): Promise<{ result_json: string } | undefined> {
    return this.db.get<{ result_json: string }>('SELECT result_json FROM result_cache WHERE cache_key = ?', [
      cacheKey,
    ]);
  }

  async putCached(cacheKey: string, resultJson: string, tx: Queryable = this.db): Promise<void> {
    await tx.run('INSERT OR IGNORE INTO result_cache (cache_key, result_json) VALUES (?, ?)', [
      cacheKey,
      resultJson,
    ]);
  }

  /** Commits a result and caches it in one transaction. */
  async completeAndCache(
    runId: number,
    itemKey: string,
    result: ItemResult,
    cacheKey: string | null,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await this.completeItem(runId, itemKey, result, tx);
      if (changed && cacheKey !== null && !result.fromCache)
        await this.putCached(cacheKey, JSON.stringify(result), tx);
      return changed;
    });
  }
}
