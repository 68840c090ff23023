import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { parse } from 'csv-parse';

import { parsePythonLiteral } from '../../domain/data/python-literal';
import { AppError } from '../../domain/errors';
import type { DollarStreetRepository, NewDollarStreetPhoto } from '../../storage/dollarstreet-repository';
import { resolveCountry } from '../images/resolve-country';

export interface DollarStreetIndexReport {
  file: string;
  rows: number;
  countries: number;
  labels: number;
  households: number;
  /** Country names of the index with no ISO code; their photos are listed but cannot be downloaded. */
  unresolvedCountries: string[];
  skipped: { line: number; reason: string }[];
}

const REQUIRED_COLUMNS = ['country', 'url', 'income', 'label'];

/** `['cooking_pots', 'stoves']` (a Python list literal) → labels. */
function parseLabels(text: string): string[] {
  let value: unknown;
  try {
    value = parsePythonLiteral(text);
  } catch {
    throw new Error(`the label column is not a list of names: ${text.slice(0, 60)}`);
  }
  if (!Array.isArray(value) || value.some((label) => typeof label !== 'string' || label.trim() === ''))
    throw new Error(`the label column is not a list of names: ${text.slice(0, 60)}`);
  return (value as string[]).map((label) => label.trim());
}

/** Dollar Street keeps each household's photos under `/media/<household>/`; that folder names the household. */
function householdOf(url: URL): string | null {
  const match = /\/media\/([^/]+)\//.exec(url.pathname);
  if (match === null) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

function parseRow(record: Record<string, string>, line: number): NewDollarStreetPhoto {
  const countryName = (record.country ?? '').trim();
  if (countryName === '') throw new Error('the country is empty');
  let url: URL;
  try {
    url = new URL((record.url ?? '').trim());
  } catch {
    throw new Error('the url is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('the url is not http or https');
  const income = Number(record.income);
  if (!Number.isFinite(income) || income < 0)
    throw new Error(`income '${record.income ?? ''}' is not a number`);
  const indexRow = Number((record[''] ?? '').trim());
  return {
    url: url.toString(),
    index_row: Number.isInteger(indexRow) && (record[''] ?? '').trim() !== '' ? indexRow : line,
    country_name: countryName,
    country: resolveCountry(countryName),
    household: householdOf(url) ?? `${countryName} ${income.toFixed(0)}`,
    income,
    region: (record.region ?? '').trim() || null,
    labels: parseLabels(record.label ?? ''),
  };
}

/**
 * Imports the Dollar Street index (`facebookresearch/dollarstreet_factors` metadata.csv: `,country,url,income,
 * lat,lng,region,label,…`). Holds no image bytes: photos are downloaded later, by choice. A row that cannot
 * be read is skipped with its line; a file without the expected columns changes nothing.
 */
export async function importDollarStreetIndex(
  file: string,
  repository: DollarStreetRepository,
): Promise<DollarStreetIndexReport> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${file}' does not exist.`, { file });
  const photos: NewDollarStreetPhoto[] = [];
  const skipped: DollarStreetIndexReport['skipped'] = [];
  const seen = new Map<string, number>();
  try {
    const parser = createReadStream(file).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
    );
    for await (const { record, info: where } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const missing = REQUIRED_COLUMNS.filter((column) => !(column in record));
      if (missing.length > 0) throw new Error(`the columns ${missing.join(', ')} are missing`);
      try {
        const photo = parseRow(record, where.lines);
        const first = seen.get(photo.url);
        if (first !== undefined) throw new Error(`the same photo URL as line ${first}`);
        seen.set(photo.url, where.lines);
        photos.push(photo);
      } catch (error) {
        skipped.push({ line: where.lines, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'bad_file',
      `'${file}' is not a Dollar Street index: ${reason}. Nothing was changed.`,
      { file },
    );
  }
  if (photos.length === 0)
    throw new AppError('bad_file', `'${file}' lists no Dollar Street photos. Nothing was changed.`, { file });
  await repository.replaceIndex(photos);
  const unresolved = new Set(
    photos.filter((photo) => photo.country === null).map((photo) => photo.country_name),
  );
  return {
    file,
    rows: photos.length,
    countries: new Set(photos.map((photo) => photo.country_name)).size,
    labels: new Set(photos.flatMap((photo) => photo.labels)).size,
    households: new Set(photos.map((photo) => photo.household)).size,
    unresolvedCountries: [...unresolved].sort(),
    skipped,
  };
}
