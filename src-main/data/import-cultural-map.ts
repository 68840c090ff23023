import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

import { parse } from 'csv-parse';

import { SkipLog } from '../domain/data/import-report';
import type { CulturalMapImportReport } from '../domain/data/survey-extras-reports';
import { AppError } from '../domain/errors';
import type { Database } from '../storage/database';
import { CulturalMapRepository, type CulturalMapRow } from '../storage/cultural-map-repository';
import { countryCode } from './countries';

/**
 * The factor scores from one row. Sign conventions (see domain/data/cultural-map-axes.ts): `tradagg` > 0
 * is secular-rational and `survsagg` > 0 is *survival*, so the map's x axis (self-expression to the
 * right) is −survsagg. Files that only carry the derived axes (`self_expression_x`, `secular_rational_y`)
 * are converted back, so the stored scores always keep the published signs.
 */
function scoresOf(record: Record<string, string>): { tradagg: number; survsagg: number } | string {
  const read = (column: string) => (record[column] ?? '').trim();
  const number = (text: string) => (text === '' ? Number.NaN : Number(text));
  if ('tradagg' in record && 'survsagg' in record) {
    const tradagg = number(read('tradagg'));
    const survsagg = number(read('survsagg'));
    if (!Number.isFinite(tradagg) || !Number.isFinite(survsagg))
      return `tradagg '${read('tradagg')}' and survsagg '${read('survsagg')}' must be numbers`;
    return { tradagg, survsagg };
  }
  const x = number(read('self_expression_x'));
  const y = number(read('secular_rational_y'));
  if (!Number.isFinite(x) || !Number.isFinite(y))
    return `self_expression_x '${read('self_expression_x')}' and secular_rational_y '${read('secular_rational_y')}' must be numbers`;
  return { tradagg: y, survsagg: 0 - x };
}

/** Open Numbers writes countries as ids (`south_korea`, `taiwan_roc`); others use names or ISO codes. */
function countryOf(record: Record<string, string>): string {
  return (record.country ?? record.geo ?? record.iso3 ?? record.iso2 ?? '').trim().replace(/_/g, ' ');
}

/**
 * Imports Inglehart–Welzel cultural-map coordinates (a CSV with a country or geo column, year, and
 * tradagg/survsagg or the derived axes), replacing the previous ones in one transaction.
 */
export async function importCulturalMap(path: string, db: Database): Promise<CulturalMapImportReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const skips = new SkipLog(path);
  const points = new Map<string, CulturalMapRow>();
  const unresolved = new Set<string>();
  let duplicates = 0;
  try {
    const parser = createReadStream(path).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
    );
    for await (const { record, info: where } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const hasCountry = ['country', 'geo', 'iso3', 'iso2'].some((column) => column in record);
      const hasScores =
        ('tradagg' in record && 'survsagg' in record) ||
        ('self_expression_x' in record && 'secular_rational_y' in record);
      if (!hasCountry || !('year' in record) || !hasScores)
        throw new Error(
          'the columns country (or geo), year, and tradagg/survsagg (or self_expression_x/secular_rational_y) are needed',
        );
      const name = countryOf(record);
      const year = Number((record.year ?? '').trim());
      const scores = scoresOf(record);
      if (!Number.isInteger(year) || year < 1900 || year > 2100) {
        skips.add(where.lines, `year '${record.year ?? ''}' is not a survey year`);
        continue;
      }
      if (typeof scores === 'string') {
        skips.add(where.lines, scores);
        continue;
      }
      const country = countryCode(name);
      if (country === null) {
        unresolved.add(name);
        continue;
      }
      const key = `${country}:${year}`;
      if (points.has(key)) {
        duplicates++;
        continue;
      }
      points.set(key, { country, year, ...scores });
    }
  } catch (error) {
    throw new AppError(
      'bad_file',
      `'${path}' is not a cultural-map CSV: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
      { file: path },
    );
  }
  skips.refuseIfAny();
  const rows = [...points.values()];
  if (rows.length === 0) throw new AppError('bad_file', `'${path}' has no country points.`, { file: path });
  await db.transaction((tx) =>
    CulturalMapRepository.replaceAll(tx, rows, { name: basename(path), filePath: path }),
  );
  const years = rows.map((row) => row.year);
  return {
    file: path,
    points: rows.length,
    countries: new Set(rows.map((row) => row.country)).size,
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    duplicates,
    unresolved: [...unresolved].sort(),
  };
}
