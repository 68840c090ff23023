import type { Database, Queryable } from './database';

export interface ImageRow {
  id: number;
  sha256: string;
  /** The file read for models and served to the UI: the first source found, or the app's own copy. */
  path: string;
  /** 1 when `path` is a file the app owns under `<app-data>/images`; such a file is removed with the image. */
  stored_copy: number;
  byte_size: number;
  country: string;
  category: string | null;
  width: number;
  height: number;
  format: string;
  income: number | null;
  source: string | null;
  licence: string | null;
  attribution: string | null;
  thumbnail: string;
  imported_at: string;
}

export type NewImage = Omit<ImageRow, 'id' | 'imported_at'>;

export interface ImageSourceRow {
  image_id: number;
  path: string;
  size: number;
  mtime_ms: number;
  country: string;
  category: string | null;
  added_at: string;
}

export type NewImageSource = Omit<ImageSourceRow, 'image_id' | 'added_at'>;

export interface StoredImage {
  imageId: number;
  /** False when the same bytes were already in the library (the source path is remembered all the same). */
  added: boolean;
  /** The library's file for these bytes when they were already there. */
  existingPath: string | null;
}

export interface ImageFilter {
  country?: string;
  category?: string;
  limit?: number;
  offset?: number;
}

/** Stores one image (or links another source to the same bytes) inside an open transaction. */
async function storeOne(tx: Queryable, image: NewImage, source: NewImageSource): Promise<StoredImage> {
  const existing = await tx.get<{ id: number; path: string }>(
    'SELECT id, path FROM images WHERE sha256 = ?',
    [image.sha256],
  );
  let imageId = existing?.id;
  if (imageId === undefined) {
    const { lastId } = await tx.run(
      `INSERT INTO images (sha256, path, stored_copy, byte_size, country, category, width, height, format,
                           income, source, licence, attribution, thumbnail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        image.sha256,
        image.path,
        image.stored_copy,
        image.byte_size,
        image.country,
        image.category,
        image.width,
        image.height,
        image.format,
        image.income,
        image.source,
        image.licence,
        image.attribution,
        image.thumbnail,
      ],
    );
    imageId = lastId;
  }
  await tx.run(
    `INSERT INTO image_sources (image_id, path, size, mtime_ms, country, category) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (image_id, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms`,
    [imageId, source.path, source.size, source.mtime_ms, source.country, source.category],
  );
  return { imageId, added: existing === undefined, existingPath: existing?.path ?? null };
}

export class ImageRepository {
  constructor(private readonly db: Database) {}

  /** Stores images in one transaction; bytes already in the library are kept once, with every source path. */
  store(entries: readonly { image: NewImage; source: NewImageSource }[]): Promise<StoredImage[]> {
    return this.db.transaction(async (tx) => {
      const stored: StoredImage[] = [];
      for (const entry of entries) stored.push(await storeOne(tx, entry.image, entry.source));
      return stored;
    });
  }

  list(filter: ImageFilter = {}): Promise<ImageRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.country !== undefined) {
      where.push('country = ?');
      params.push(filter.country);
    }
    if (filter.category !== undefined) {
      where.push('category = ?');
      params.push(filter.category);
    }
    const page =
      filter.limit !== undefined
        ? ` LIMIT ${Math.floor(filter.limit)} OFFSET ${Math.floor(filter.offset ?? 0)}`
        : '';
    return this.db.all<ImageRow>(
      `SELECT * FROM images ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY country, category, id${page}`,
      params,
    );
  }

  byId(id: number): Promise<ImageRow | undefined> {
    return this.db.get<ImageRow>('SELECT * FROM images WHERE id = ?', [id]);
  }

  bySha(sha256: string): Promise<ImageRow | undefined> {
    return this.db.get<ImageRow>('SELECT * FROM images WHERE sha256 = ?', [sha256]);
  }

  sources(imageId: number): Promise<ImageSourceRow[]> {
    return this.db.all<ImageSourceRow>(
      'SELECT * FROM image_sources WHERE image_id = ? ORDER BY added_at, path',
      [imageId],
    );
  }

  /** Points the image at another of its files (the first one went missing or changed). */
  async setPath(imageId: number, path: string): Promise<void> {
    await this.db.run('UPDATE images SET path = ? WHERE id = ?', [path, imageId]);
  }

  async updateSourceStat(imageId: number, path: string, size: number, mtimeMs: number): Promise<void> {
    await this.db.run('UPDATE image_sources SET size = ?, mtime_ms = ? WHERE image_id = ? AND path = ?', [
      size,
      mtimeMs,
      imageId,
      path,
    ]);
  }

  countsByCountry(): Promise<{ country: string; images: number }[]> {
    return this.db.all('SELECT country, COUNT(*) AS images FROM images GROUP BY country ORDER BY country');
  }

  countsByCategory(
    country?: string,
  ): Promise<{ country: string; category: string | null; images: number }[]> {
    return this.db.all(
      `SELECT country, category, COUNT(*) AS images FROM images ${country !== undefined ? 'WHERE country = ?' : ''}
       GROUP BY country, category ORDER BY country, category`,
      country !== undefined ? [country] : [],
    );
  }

  /** Removes the rows (sources go with them); the caller removes thumbnails and the app's own copies. */
  async delete(ids: readonly number[]): Promise<ImageRow[]> {
    return this.db.transaction(async (tx) => {
      const removed: ImageRow[] = [];
      for (const id of ids) {
        const row = await tx.get<ImageRow>('SELECT * FROM images WHERE id = ?', [id]);
        if (row === undefined) continue;
        await tx.run('DELETE FROM images WHERE id = ?', [id]);
        removed.push(row);
      }
      return removed;
    });
  }
}
