import type { Database } from './database';

export interface ImageRow {
  id: number;
  sha256: string;
  path: string;
  country: string;
  category: string | null;
  width: number;
  height: number;
  format: string;
  source: string | null;
  licence: string | null;
  attribution: string | null;
  thumbnail: string;
}

export type NewImage = Omit<ImageRow, 'id'>;

export class ImageRepository {
  constructor(private readonly db: Database) {}

  /** Adds images in one transaction; an image already in the library (same bytes) is kept once. */
  insertMany(images: readonly NewImage[]): Promise<{ added: number; duplicates: number }> {
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const image of images) {
        const { changes } = await tx.run(
          `INSERT OR IGNORE INTO images (sha256, path, country, category, width, height, format, source, licence, attribution, thumbnail)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            image.sha256,
            image.path,
            image.country,
            image.category,
            image.width,
            image.height,
            image.format,
            image.source,
            image.licence,
            image.attribution,
            image.thumbnail,
          ],
        );
        added += changes;
      }
      return { added, duplicates: images.length - added };
    });
  }

  list(filter: { country?: string; category?: string } = {}): Promise<ImageRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.country !== undefined) {
      where.push('country = ?');
      params.push(filter.country);
    }
    if (filter.category !== undefined) {
      where.push('category = ?');
      params.push(filter.category);
    }
    return this.db.all<ImageRow>(
      `SELECT * FROM images ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY country, category, id`,
      params,
    );
  }

  byId(id: number): Promise<ImageRow | undefined> {
    return this.db.get<ImageRow>('SELECT * FROM images WHERE id = ?', [id]);
  }

  bySha(sha256: string): Promise<ImageRow | undefined> {
    return this.db.get<ImageRow>('SELECT * FROM images WHERE sha256 = ?', [sha256]);
  }

  countsByCountry(): Promise<{ country: string; images: number }[]> {
    return this.db.all('SELECT country, COUNT(*) AS images FROM images GROUP BY country ORDER BY country');
  }
}
