import type { Database, Queryable, SqlValue } from './database';

export interface DollarStreetPhotoRow {
  id: number;
  url: string;
  index_row: number | null;
  country_name: string;
  country: string | null;
  household: string;
  income: number;
  region: string | null;
  labels_json: string;
  image_id: number | null;
}

export type NewDollarStreetPhoto = Omit<DollarStreetPhotoRow, 'id' | 'labels_json' | 'image_id'> & {
  labels: string[];
};

export interface DollarStreetFilter {
  countries?: readonly string[];
  topics?: readonly string[];
  incomeMin?: number;
  incomeMax?: number;
}

export interface DollarStreetCounts {
  photos: number;
  households: number;
  downloaded: number;
  incomeMin: number | null;
  incomeMax: number | null;
  incomeMedian: number | null;
  byCountry: { country: string | null; countryName: string; photos: number; downloaded: number }[];
  byTopic: { topic: string; photos: number }[];
}

// 9 columns a row keeps each statement under SQLite's default limit of 999 parameters.
const PHOTO_BATCH = 100;
const LABEL_BATCH = 400;

/** WHERE clause for a selection; `ignore` leaves one facet out so its counts show the alternatives. */
function whereClause(
  filter: DollarStreetFilter,
  ignore?: 'countries' | 'topics',
): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (ignore !== 'countries' && filter.countries !== undefined && filter.countries.length > 0) {
    parts.push(`p.country IN (${filter.countries.map(() => '?').join(', ')})`);
    params.push(...filter.countries);
  }
  if (ignore !== 'topics' && filter.topics !== undefined && filter.topics.length > 0) {
    parts.push(
      `EXISTS (SELECT 1 FROM dollarstreet_labels l WHERE l.photo_id = p.id AND l.label IN (${filter.topics.map(() => '?').join(', ')}))`,
    );
    params.push(...filter.topics);
  }
  if (filter.incomeMin !== undefined) {
    parts.push('p.income >= ?');
    params.push(filter.incomeMin);
  }
  if (filter.incomeMax !== undefined) {
    parts.push('p.income <= ?');
    params.push(filter.incomeMax);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

async function insertPhotos(tx: Queryable, photos: readonly NewDollarStreetPhoto[]): Promise<void> {
  for (let start = 0; start < photos.length; start += PHOTO_BATCH) {
    const batch = photos.slice(start, start + PHOTO_BATCH);
    await tx.run(
      `INSERT INTO dollarstreet_photos (url, index_row, country_name, country, household, income, region, labels_json)
       VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (url) DO UPDATE SET index_row = excluded.index_row, country_name = excluded.country_name,
         country = excluded.country, household = excluded.household, income = excluded.income,
         region = excluded.region, labels_json = excluded.labels_json`,
      batch.flatMap((photo) => [
        photo.url,
        photo.index_row,
        photo.country_name,
        photo.country,
        photo.household,
        photo.income,
        photo.region,
        JSON.stringify(photo.labels),
      ]),
    );
  }
}

export class DollarStreetRepository {
  constructor(private readonly db: Database) {}

  /**
   * Replaces the index in one transaction. Photos keep their id (and their link to a downloaded library
   * image) when their URL is in the new file too; photos no longer listed are dropped from the index only.
   */
  replaceIndex(photos: readonly NewDollarStreetPhoto[]): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.run('UPDATE dollarstreet_photos SET index_row = NULL');
      await insertPhotos(tx, photos);
      await tx.run('DELETE FROM dollarstreet_photos WHERE index_row IS NULL');
      await tx.run('DELETE FROM dollarstreet_labels');
      const ids = new Map(
        (await tx.all<{ id: number; url: string }>('SELECT id, url FROM dollarstreet_photos')).map((row) => [
          row.url,
          row.id,
        ]),
      );
      const pairs = photos.flatMap((photo) =>
        [...new Set(photo.labels)].map((label) => [ids.get(photo.url)!, label] as const),
      );
      for (let start = 0; start < pairs.length; start += LABEL_BATCH) {
        const batch = pairs.slice(start, start + LABEL_BATCH);
        await tx.run(
          `INSERT OR IGNORE INTO dollarstreet_labels (photo_id, label) VALUES ${batch.map(() => '(?, ?)').join(', ')}`,
          batch.flat(),
        );
      }
    });
  }

  async counts(filter: DollarStreetFilter): Promise<DollarStreetCounts> {
    const all = whereClause(filter);
    const totals = await this.db.get<{
      photos: number;
      households: number;
      downloaded: number;
      low: number | null;
      high: number | null;
    }>(
      `SELECT COUNT(*) AS photos, COUNT(DISTINCT household) AS households, COALESCE(SUM(image_id IS NOT NULL), 0) AS downloaded,
              MIN(income) AS low, MAX(income) AS high
       FROM dollarstreet_photos p ${all.sql}`,
      all.params,
    );
    const photos = totals?.photos ?? 0;
    const median =
      photos === 0
        ? undefined
        : await this.db.get<{ income: number }>(
            `SELECT income FROM dollarstreet_photos p ${all.sql} ORDER BY income LIMIT 1 OFFSET ?`,
            [...all.params, Math.floor((photos - 1) / 2)],
          );
    const countryWhere = whereClause(filter, 'countries');
    const byCountry = await this.db.all<{
      country: string | null;
      countryName: string;
      photos: number;
      downloaded: number;
    }>(
      `SELECT p.country AS country, MIN(p.country_name) AS countryName, COUNT(*) AS photos,
              COALESCE(SUM(p.image_id IS NOT NULL), 0) AS downloaded
       FROM dollarstreet_photos p ${countryWhere.sql} GROUP BY p.country ORDER BY countryName`,
      countryWhere.params,
    );
    const topicWhere = whereClause(filter, 'topics');
    const byTopic = await this.db.all<{ topic: string; photos: number }>(
      `SELECT l.label AS topic, COUNT(*) AS photos FROM dollarstreet_labels l
       JOIN dollarstreet_photos p ON p.id = l.photo_id ${topicWhere.sql} GROUP BY l.label ORDER BY l.label`,
      topicWhere.params,
    );
    return {
      photos,
      households: totals?.households ?? 0,
      downloaded: totals?.downloaded ?? 0,
      incomeMin: totals?.low ?? null,
      incomeMax: totals?.high ?? null,
      incomeMedian: median?.income ?? null,
      byCountry,
      byTopic,
    };
  }

  /** Photos of the selection not yet in the image library (or whose library image was deleted). */
  pending(filter: DollarStreetFilter, limit: number): Promise<DollarStreetPhotoRow[]> {
    const { sql, params } = whereClause(filter);
    return this.db.all<DollarStreetPhotoRow>(
      `SELECT p.* FROM dollarstreet_photos p ${sql ? `${sql} AND` : 'WHERE'}
         (p.image_id IS NULL OR NOT EXISTS (SELECT 1 FROM images i WHERE i.id = p.image_id))
       ORDER BY p.country, p.income, p.id LIMIT ?`,
      [...params, Math.floor(limit)],
    );
  }

  async linkImage(photoId: number, imageId: number): Promise<void> {
    await this.db.run('UPDATE dollarstreet_photos SET image_id = ? WHERE id = ?', [imageId, photoId]);
  }
}
