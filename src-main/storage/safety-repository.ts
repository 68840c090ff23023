import type { SafetyItem } from '../domain/safety/cross-record';
import type { SafetyDimension } from '../domain/safety/rubric';
import type { Database } from './database';

export interface SafetyItemRow {
  id: string;
  scenario_id: string;
  subset: string;
  setting: string;
  source_index: string;
  country: string | null;
  country_name: string;
  language: string;
  query: string;
  english_query: string;
  original_query: string;
  norm: string;
  item: string;
  image_source: string;
  image_source_text: string;
  image_url: string;
  image_file_name: string;
  topic: string | null;
  root_norm: string | null;
  region_or_race: string | null;
  augmented_norm: string | null;
  scene: string | null;
  image_id: number | null;
}

export interface StoredSafetyItem {
  item: SafetyItem;
  /** ISO 3166-1 alpha-2, or null when the benchmark's country name could not be resolved. */
  country: string | null;
  imageId: number | null;
}

export interface SafetyItemFilter {
  subsets?: readonly string[];
  settings?: readonly string[];
  countries?: readonly string[];
}

export interface HumanLabelRow {
  response_key: string;
  dimension: SafetyDimension;
  score: 0 | 1;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** The imported CROSS queries and the human labels of safety runs. */
export class SafetyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores items in one transaction. A re-import replaces an item's text but keeps its image link when the
   * new import found no image for it, so importing the JSON again never loses images imported earlier.
   */
  upsertItems(items: readonly StoredSafetyItem[]): Promise<{ added: number; updated: number }> {
    return this.db.transaction(async (tx) => {
      let added = 0;
      let updated = 0;
      for (const { item, country, imageId } of items) {
        const existing = await tx.get<{ id: string }>('SELECT id FROM safety_items WHERE id = ?', [item.id]);
        await tx.run(
          `INSERT INTO safety_items (id, scenario_id, subset, setting, source_index, country, country_name, language,
             query, english_query, original_query, norm, item, image_source, image_source_text, image_url,
             image_file_name, topic, root_norm, region_or_race, augmented_norm, scene, image_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET scenario_id = excluded.scenario_id, country = excluded.country,
             country_name = excluded.country_name, language = excluded.language, query = excluded.query,
             english_query = excluded.english_query, original_query = excluded.original_query, norm = excluded.norm,
             item = excluded.item, image_source = excluded.image_source, image_source_text = excluded.image_source_text,
             image_url = excluded.image_url, image_file_name = excluded.image_file_name, topic = excluded.topic,
             root_norm = excluded.root_norm, region_or_race = excluded.region_or_race,
             augmented_norm = excluded.augmented_norm, scene = excluded.scene,
             image_id = COALESCE(excluded.image_id, safety_items.image_id)`,
          [
            item.id,
            item.scenarioId,
            item.subset,
            item.setting,
            item.index,
            country,
            item.country,
            item.language,
            item.query,
            item.englishQuery,
            item.originalQuery,
            item.norm,
            item.item,
            item.imageSource,
            item.imageSourceText,
            item.imageUrl,
            item.imageFileName,
            item.topic,
            item.rootNorm,
            item.regionOrRace,
            item.augmentedNorm,
            item.scene,
            imageId,
          ],
        );
        if (existing === undefined) added++;
        else updated++;
      }
      return { added, updated };
    });
  }

  list(filter: SafetyItemFilter = {}): Promise<SafetyItemRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (values === undefined || values.length === 0) return;
      where.push(`${column} IN (${placeholders(values)})`);
      params.push(...values);
    };
    inList('subset', filter.subsets);
    inList('setting', filter.settings);
    inList('country', filter.countries);
    return this.db.all<SafetyItemRow>(
      `SELECT * FROM safety_items ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      params,
    );
  }

  byIds(ids: readonly string[]): Promise<SafetyItemRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.all<SafetyItemRow>(`SELECT * FROM safety_items WHERE id IN (${placeholders(ids)})`, [
      ...ids,
    ]);
  }

  /** Items per subset, setting and country, and how many have their image. */
  summary(): Promise<
    { subset: string; setting: string; country: string | null; items: number; withImage: number }[]
  > {
    return this.db.all(
      `SELECT subset, setting, country, COUNT(*) AS items, COALESCE(SUM(image_id IS NOT NULL), 0) AS withImage
       FROM safety_items GROUP BY subset, setting, country ORDER BY subset, setting, country`,
    );
  }

  async setImage(itemId: string, imageId: number): Promise<void> {
    await this.db.run('UPDATE safety_items SET image_id = ? WHERE id = ?', [imageId, itemId]);
  }

  async setHumanLabel(runId: number, responseKey: string, dimension: SafetyDimension, score: 0 | 1 | null) {
    if (score === null) {
      await this.db.run(
        'DELETE FROM safety_human_labels WHERE run_id = ? AND response_key = ? AND dimension = ?',
        [runId, responseKey, dimension],
      );
      return;
    }
    await this.db.run(
      `INSERT INTO safety_human_labels (run_id, response_key, dimension, score) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, response_key, dimension) DO UPDATE SET score = excluded.score,
         labelled_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      [runId, responseKey, dimension, score],
    );
  }

  humanLabels(runId: number): Promise<HumanLabelRow[]> {
    return this.db.all<HumanLabelRow>(
      'SELECT response_key, dimension, score FROM safety_human_labels WHERE run_id = ? ORDER BY response_key, dimension',
      [runId],
    );
  }
}
