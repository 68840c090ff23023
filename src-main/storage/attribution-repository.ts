import type { AttributionDimension } from '../domain/attribution/contexts';
import type { Database } from './database';
import { PERSON_ONLY } from '../domain/attribution/baseline-shift';

export interface AttributionImageRow {
  set_id: string;
  context: string;
  label: string;
  path: string;
  sha256: string;
  width: number;
  height: number;
}

export interface StoredCounterfactualSet {
  id: string;
  dimension: AttributionDimension;
  person: Record<string, string>;
  source: string;
  contexts: StoredSetImage[];
  /** The person without a background (the people-only baseline), when the set has one. */
  personOnly?: StoredSetImage;
}

export interface StoredSetImage {
  context: string;
  label: string;
  path: string;
  sha256: string;
  width: number;
  height: number;
}

/** Counterfactual sets and their images. */
export class AttributionRepository {
  constructor(private readonly db: Database) {}

  /** Stores sets in one transaction; a set imported again is replaced whole (its contexts may have changed). */
  upsertSets(sets: readonly StoredCounterfactualSet[]): Promise<{ added: number; replaced: number }> {
    return this.db.transaction(async (tx) => {
      let added = 0;
      let replaced = 0;
      for (const set of sets) {
        const existing = await tx.get<{ id: string }>('SELECT id FROM attribution_sets WHERE id = ?', [
          set.id,
        ]);
        if (existing === undefined) added++;
        else replaced++;
        await tx.run('DELETE FROM attribution_images WHERE set_id = ?', [set.id]);
        await tx.run(
          `INSERT INTO attribution_sets (id, dimension, person_json, source) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET dimension = excluded.dimension, person_json = excluded.person_json,
             source = excluded.source`,
          [set.id, set.dimension, JSON.stringify(set.person), set.source],
        );
        for (const image of set.personOnly !== undefined
          ? [...set.contexts, { ...set.personOnly, context: PERSON_ONLY }]
          : set.contexts) {
          await tx.run(
            `INSERT INTO attribution_images (set_id, context, label, path, sha256, width, height)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [set.id, image.context, image.label, image.path, image.sha256, image.width, image.height],
          );
        }
      }
      return { added, replaced };
    });
  }

  async sets(dimensions?: readonly string[]): Promise<StoredCounterfactualSet[]> {
    const rows = await this.db.all<{
      id: string;
      dimension: AttributionDimension;
      person_json: string;
      source: string;
    }>('SELECT id, dimension, person_json, source FROM attribution_sets ORDER BY dimension, id');
    const images = await this.db.all<AttributionImageRow>(
      'SELECT * FROM attribution_images ORDER BY set_id, context',
    );
    const bySet = new Map<string, AttributionImageRow[]>();
    for (const image of images) bySet.set(image.set_id, [...(bySet.get(image.set_id) ?? []), image]);
    return rows
      .filter((row) => dimensions === undefined || dimensions.includes(row.dimension))
      .map((row) => {
        const images = (bySet.get(row.id) ?? []).map(
          ({ context, label, path, sha256, width, height }): StoredSetImage => ({
            context,
            label,
            path,
            sha256,
            width,
            height,
          }),
        );
        const personOnly = images.find((image) => image.context === PERSON_ONLY);
        return {
          id: row.id,
          dimension: row.dimension,
          person: JSON.parse(row.person_json) as Record<string, string>,
          source: row.source,
          contexts: images.filter((image) => image.context !== PERSON_ONLY),
          ...(personOnly !== undefined ? { personOnly } : {}),
        };
      });
  }

  /** Sets and images per dimension and context. */
  summary(): Promise<{ dimension: string; context: string; sets: number }[]> {
    return this.db.all(
      `SELECT s.dimension AS dimension, i.context AS context, COUNT(*) AS sets
       FROM attribution_images i JOIN attribution_sets s ON s.id = i.set_id
       GROUP BY s.dimension, i.context ORDER BY s.dimension, i.context`,
    );
  }

  /** The file of an image of a set, by content hash (for the media route). */
  async imageBySha(sha256: string): Promise<AttributionImageRow | undefined> {
    return this.db.get<AttributionImageRow>('SELECT * FROM attribution_images WHERE sha256 = ? LIMIT 1', [
      sha256,
    ]);
  }
}
