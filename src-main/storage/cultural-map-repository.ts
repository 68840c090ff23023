import type { Database, Queryable } from './database';

export interface CulturalMapRow {
  country: string;
  year: number;
  tradagg: number;
  survsagg: number;
}

/** Inglehart–Welzel factor scores per country and survey year; an import replaces them all. */
export class CulturalMapRepository {
  constructor(private readonly db: Database) {}

  static async replaceAll(
    tx: Queryable,
    rows: readonly CulturalMapRow[],
    source: { name: string; filePath: string },
  ): Promise<void> {
    await tx.run('DELETE FROM cultural_map_points');
    for (const row of rows)
      await tx.run(
        'INSERT INTO cultural_map_points (country, year, tradagg, survsagg, source_name, file_path) VALUES (?, ?, ?, ?, ?, ?)',
        [row.country, row.year, row.tradagg, row.survsagg, source.name, source.filePath],
      );
  }

  /** Every point, or each country's latest survey year only. */
  points(latestOnly: boolean): Promise<CulturalMapRow[]> {
    return this.db.all<CulturalMapRow>(
      latestOnly
        ? `SELECT country, year, tradagg, survsagg FROM cultural_map_points p
           WHERE year = (SELECT MAX(year) FROM cultural_map_points q WHERE q.country = p.country) ORDER BY country`
        : 'SELECT country, year, tradagg, survsagg FROM cultural_map_points ORDER BY country, year',
    );
  }
}
